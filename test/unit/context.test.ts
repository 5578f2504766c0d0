import { describe, expect, it } from 'vitest';
import { MAX_TAGS, setTag, userIdOf } from '../../src/report/context';
import { resolveConfig } from '../../src/root/config';

const base = { appId: 'a', appSecret: 's', host: 'https://t.example.com' };

describe('tags and user', () => {
  it('sets, replaces, removes and bounds tags', () => {
    const tags: Record<string, string> = {};
    setTag(tags, 'plan', 'pro');
    setTag(tags, 'n', 7);
    setTag(tags, 'plan', 'team');
    setTag(tags, '', 'ignored');
    setTag(tags, 'long', 'v'.repeat(1000));
    setTag(tags, 'n', null);
    expect(Object.keys(tags)).toEqual(['plan', 'long']);
    expect(tags.plan).toBe('team');
    expect(tags.long.length).toBe(200);
    for (let i = 0; i < 100; i++) setTag(tags, 'k' + i, i);
    expect(Object.keys(tags).length).toBe(MAX_TAGS);
    setTag(tags, 'plan', 'still settable');
    expect(tags.plan).toBe('still settable');
  });

  it('takes string or number user ids; anything else clears', () => {
    expect(userIdOf('u-1')).toBe('u-1');
    expect(userIdOf(42)).toBe('42');
    expect(userIdOf(null)).toBeUndefined();
    expect(userIdOf('')).toBeUndefined();
    expect(userIdOf({})).toBeUndefined();
  });
});

describe('options of breadcrumbs, dwell, vitals and routes', () => {
  it('defaults', () => {
    const { config, problems } = resolveConfig(base);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      maxBreadcrumbs: 50,
      breadcrumbs: { clicks: true, console: true, consoleLog: false, network: true, navigation: true },
      dwell: true,
      webVitals: true,
      hashRouting: false,
    });
  });

  it('switches, false for all, and bad values fall back with a problem', () => {
    expect(resolveConfig({ ...base, breadcrumbs: { clicks: false, consoleLog: true } }).config!.breadcrumbs).toEqual({
      clicks: false, console: true, consoleLog: true, network: true, navigation: true,
    });
    expect(Object.values(resolveConfig({ ...base, breadcrumbs: false }).config!.breadcrumbs).every((v) => v === false)).toBe(true);
    const bad = resolveConfig({ ...base, maxBreadcrumbs: 1000, beforeBreadcrumb: 'nope', dwell: 0, webVitals: false, hashRouting: 1 });
    expect(bad.config).toMatchObject({ maxBreadcrumbs: 50, dwell: false, webVitals: false, hashRouting: true });
    expect(bad.config!.beforeBreadcrumb).toBeUndefined();
    expect(bad.problems).toHaveLength(2);
    expect(resolveConfig({ ...base, maxBreadcrumbs: 0 }).config!.maxBreadcrumbs).toBe(0);
  });
});
