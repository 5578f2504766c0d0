import { describe, expect, it } from 'vitest';
import { createRing, MAX_CRUMB_DATA_BYTES, MAX_CRUMB_MESSAGE, type Breadcrumb } from '../../../../src/sources/breadcrumbs/ring';
import { FILTERED } from '../../../../src/report/scrub';
import { TRUNCATED_MARK } from '../../../../src/tools/text';
import { countedArray } from '../../support/counted-reads';

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

  it('keeps data of exactly MAX_CRUMB_DATA_BYTES, and reads no more of a larger one than that', () => {
    const ring = createRing(10, undefined, silent);
    const fits = { s: 'z'.repeat(MAX_CRUMB_DATA_BYTES - '{"s":""}'.length) };
    const rows = countedArray(1e6, 1);
    ring.add(crumb('fits', fits));
    ring.add(crumb('rows', { rows: rows.array }));
    const [kept, cut] = ring.copy();
    expect(kept.data).toEqual(fits);
    expect(cut.data).toEqual({ truncated: true });
    expect(rows.reads()).toBeLessThan(2 * MAX_CRUMB_DATA_BYTES);
  });
});

// Every crumb's message leaves as URLs do (scrub.ts), whichever source made it.
describe('crumb messages', () => {
  it('filter sensitive parameters and JWTs of the URLs they quote (a console line, a custom crumb)', () => {
    const ring = createRing(10, undefined, silent);
    ring.add({ type: 'console', time: 1, message: 'retrying https://api.example/me?access_token=AT&page=2' });
    ring.add(crumb('opened /reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'));
    ring.add(crumb('plain text, kept as it is'));
    expect(ring.copy().map((c) => c.message)).toEqual([`retrying https://api.example/me?access_token=${FILTERED}&page=2`, `opened /reset/${FILTERED}`, 'plain text, kept as it is']);
  });

  it('are scrubbed before they are cut: a password the cut would halve is scrubbed whole', () => {
    const ring = createRing(10, undefined, silent);
    // The cut at MAX_CRUMB_MESSAGE falls after "https://admin:hunter2", before the `@`.
    const text = 'z'.repeat(MAX_CRUMB_MESSAGE - TRUNCATED_MARK.length - 21) + 'https://admin:hunter2secret@api.example/v1/orders failed';
    ring.add({ type: 'console', time: 1, message: text + ', retrying'.repeat(10) });
    const { message } = ring.copy()[0];
    expect(message).not.toContain('hunter2');
    expect(message).toBe((text.replace('admin:hunter2secret@', '') + ', retrying'.repeat(10)).slice(0, MAX_CRUMB_MESSAGE - TRUNCATED_MARK.length) + TRUNCATED_MARK);
  });

  it('scrub what beforeBreadcrumb returns too', () => {
    const ring = createRing(10, (c) => ({ ...c, message: `${c.message} https://x.example/#id_token=T` }), silent);
    ring.add(crumb('hook'));
    expect(ring.copy()[0].message).toBe(`hook https://x.example/#id_token=${FILTERED}`);
  });
});
