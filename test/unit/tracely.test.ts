// The Tracely class maps the original SDK's options onto parts and a dialect.
import { describe, expect, it, vi } from 'vitest';
import { partsOf, Tracely } from '../../src/tracely';

const base = { appId: 'a', appSecret: 's', host: 'https://t.example.com' };
const names = (o: object) => partsOf({ ...base, ...o }).map((p) => p._name);

describe('Tracely: legacy options as parts', () => {
  it('every part by default', () => {
    expect(names({})).toEqual(['web vitals', 'breadcrumbs', 'routes', 'dwell']);
  });

  it('each option turns its part off; routes always stay (the page field follows them)', () => {
    expect(names({ webVitals: false, dwell: false })).toEqual(['breadcrumbs', 'routes']);
    expect(names({ maxBreadcrumbs: 0 })).toEqual(['web vitals', 'routes', 'dwell']);
    expect(names({ breadcrumbs: false, dwell: 0 })).toEqual(['web vitals', 'routes']);
  });

  it('dialect "batch" is the batch dialect with its delay; an unknown one warns and keeps stock', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    new Tracely({ ...base, dialect: 'fast' as never });
    expect(warn.mock.calls.some((c) => String(c[0]).includes('dialect'))).toBe(true);
    warn.mockRestore();
  });

  it('never throws for options that are not an object', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const bad of [undefined, null, 'x', 42]) expect(() => new Tracely(bad as never).init()).not.toThrow();
    warn.mockRestore();
  });
});
