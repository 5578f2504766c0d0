import { describe, expect, it } from 'vitest';
import { createRing, MAX_CRUMB_MESSAGE, type Breadcrumb } from '../../../../src/sources/breadcrumbs/ring';

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
