import { describe, expect, it } from 'vitest';
import { createRing, MAX_CRUMB_MESSAGE, type Breadcrumb } from '../../src/sources/breadcrumbs/ring';
import { bareUrl } from '../../src/sources/breadcrumbs/network';
import { quietly, wrap } from '../../src/tools/wrap';

const crumb = (message: string, data?: Record<string, unknown>): Breadcrumb => ({ type: 'custom', time: 1, message, data });
const silent = () => {};

describe('breadcrumb ring', () => {
  it('keeps the last max crumbs, oldest first, and hands out copies', () => {
    const ring = createRing(3, undefined, silent);
    for (let i = 0; i < 10; i++) ring.add(crumb('c' + i));
    const copy = ring.copy();
    expect(copy.map((c) => c.message)).toEqual(['c7', 'c8', 'c9']);
    ring.add(crumb('later'));
    expect(copy.map((c) => c.message)).toEqual(['c7', 'c8', 'c9']);
  });

  it('lets beforeBreadcrumb edit, replace or drop, and drops when the hook throws', () => {
    const ring = createRing(10, (c) => {
      if (c.message === 'drop') return null;
      if (c.message === 'throw') throw new Error('hook broke');
      if (c.message === 'replace') return { ...c, message: 'replaced' };
      c.message = c.message + '!';
      return c;
    }, silent);
    for (const m of ['keep', 'drop', 'throw', 'replace']) ring.add(crumb(m));
    expect(ring.copy().map((c) => c.message)).toEqual(['keep!', 'replaced']);
  });

  it('bounds messages and data, and copies data so later changes do not leak in', () => {
    const ring = createRing(10, undefined, silent);
    const data: Record<string, unknown> = { n: 1 };
    ring.add(crumb('x'.repeat(5000), data));
    data.n = 2;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    ring.add(crumb('big', { blob: 'y'.repeat(5000) }));
    ring.add(crumb('cyclic', cyclic));
    const [long, big, cyc] = ring.copy();
    expect(long.message!.length).toBe(MAX_CRUMB_MESSAGE);
    expect(long.data).toEqual({ n: 1 });
    expect(big.data).toEqual({ truncated: true });
    expect(cyc.data).toEqual({ truncated: true });
  });
});

describe('crumb URLs', () => {
  // ownRequests needs a page to resolve against: test/e2e/breadcrumbs.spec.ts.
  it('drop query and fragment values, keep keys, and drop credentials', () => {
    expect(bareUrl('https://u:p@api.example.com/v1/items?id=42&token=abc&flag#frag=1')).toBe('https://api.example.com/v1/items?id=&token=&flag#frag=');
    expect(bareUrl('/search?q=shoes#top')).toBe('/search?q=#top');
    expect(bareUrl('/plain/path')).toBe('/plain/path');
  });
});

describe('wrap', () => {
  it('is transparent: this, arguments, return value and exceptions', () => {
    const target = {
      factor: 3,
      times(this: { factor: number }, n: number) {
        if (n < 0) throw new RangeError('negative');
        return n * this.factor;
      },
    };
    const seen: number[] = [];
    const undo = wrap(target, 'times', (original, self, args) => {
      quietly(() => seen.push(args[0]));
      return original.apply(self, args);
    });
    expect(target.times(2)).toBe(6);
    expect(() => target.times(-1)).toThrow(RangeError);
    expect(seen).toEqual([2, -1]);
    undo();
    expect(target.times(1)).toBe(3);
    expect(seen).toEqual([2, -1]);
  });

  it('undone under a later wrapper, stays in the chain as a pass-through', () => {
    const target = { f: (x: number) => x + 1 };
    const original = target.f;
    const calls: string[] = [];
    const undo = wrap(target, 'f', (fn, self, args) => {
      calls.push('ours');
      return fn.apply(self, args);
    });
    const ours = target.f;
    target.f = (x: number) => {
      calls.push('theirs');
      return ours(x);
    };
    const theirs = target.f;
    undo();
    expect(target.f).toBe(theirs);
    expect(target.f(1)).toBe(2);
    expect(calls).toEqual(['theirs']);
    expect(original(1)).toBe(2);
  });

  it('leaves a missing method alone', () => {
    const target: Record<string, unknown> = {};
    wrap(target, 'absent', () => 1)();
    expect('absent' in target).toBe(false);
  });
});
