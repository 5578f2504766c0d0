import { describe, expect, it } from 'vitest';
import { MAX_TAGS, setTag, userIdOf } from '../../../src/report/context';

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
