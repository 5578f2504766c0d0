// reportError's object form: the fields it carries, bounded, read without running page code.
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_CHARS, TOO_LARGE, reportFields } from '../../../src/report/manual';

describe('reportFields', () => {
  it('carries tags, extra, componentStack, component, componentTrace and lifecycle as fields; info is the message suffix', () => {
    const out = reportFields({
      info: 'checkout',
      tags: { plan: 'gold', n: 2 },
      extra: { cart: [1, 2] },
      componentStack: '\n    at Cart\n    at App',
      component: 'Cart',
      componentTrace: ['Cart', 'App'],
      lifecycle: 'mounted hook',
      id: 'not-mine',
      message: 'not mine either',
    });
    expect(out).toEqual({
      info: 'checkout',
      fields: {
        tags: { plan: 'gold', n: 2 },
        extra: { cart: [1, 2] },
        componentStack: '\n    at Cart\n    at App',
        component: 'Cart',
        componentTrace: ['Cart', 'App'],
        lifecycle: 'mounted hook',
      },
    });
  });

  it("never runs the page's getters or toJSON", () => {
    let ran = 0;
    const out = reportFields({
      extra: { get secret() { ran++; return 'x'; }, toJSON() { ran++; return 'y'; }, plain: 1 },
      get componentStack() { ran++; return 'z'; },
    });
    expect(ran).toBe(0);
    expect(out.fields).toEqual({ extra: { plain: 1 } });
  });

  it('bounds each field: strings cut, a field over MAX_FIELD_CHARS replaced', () => {
    const out = reportFields({ componentStack: 's'.repeat(50_000), extra: { list: Array.from({ length: 90 }, () => 'x'.repeat(900)) } });
    expect((out.fields!.componentStack as string).length).toBeLessThanOrEqual(1000);
    expect(out.fields!.extra).toBe(TOO_LARGE);
    expect(JSON.stringify(out).length).toBeLessThan(MAX_FIELD_CHARS);
  });

  it('an object without any known key is the old form (described into the message); a cycle gives no fields', () => {
    const hostile = { toString: () => 'never' };
    expect(reportFields(hostile)).toEqual({ info: hostile });
    const cyclic: Record<string, unknown> = { component: 'A' };
    cyclic.self = cyclic;
    expect(reportFields(cyclic).fields).toBeUndefined();
  });

  it('a Date (described as its time, no object) is the old form, not a throw that lost the report', () => {
    const when = new Date(0);
    expect(reportFields(when)).toEqual({ info: when });
    expect(reportFields(new Date(NaN))).toEqual({ info: expect.any(Date) });
  });
});
