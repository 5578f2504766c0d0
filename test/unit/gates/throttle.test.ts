// The duplicate window: one report per fingerprint per window, repeats counted and carried
// on the next report, and a bounded least-recently-seen table.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_FINGERPRINTS, Throttle } from '../../../src/gates/throttle';

const WINDOW = 60_000;

describe('Throttle', () => {
  it('admits the first report of a fingerprint with repeat 0', () => {
    const t = new Throttle(WINDOW);
    expect(t.admit('a', 1_000)).toBe(0);
    expect(t.size).toBe(1);
  });

  it('suppresses duplicates inside the window (-1) and carries their count on the next report', () => {
    const t = new Throttle(WINDOW);
    expect(t.admit('a', 0)).toBe(0);
    expect(t.admit('a', 1)).toBe(-1);
    expect(t.admit('a', 30_000)).toBe(-1);
    expect(t.admit('a', WINDOW - 1)).toBe(-1);
    // The window is measured from the last *sent* report, not from the last duplicate.
    expect(t.admit('a', WINDOW)).toBe(3);
  });

  it('resets the count after it rode on a report, and starts a new window there', () => {
    const t = new Throttle(WINDOW);
    t.admit('a', 0);
    t.admit('a', 10);
    t.admit('a', 20);
    expect(t.admit('a', 70_000)).toBe(2);
    // A new window starts at 70 000: a duplicate right after is suppressed again.
    expect(t.admit('a', 70_001)).toBe(-1);
    expect(t.admit('a', 70_000 + WINDOW)).toBe(1);
    // Nothing suppressed in between: the next report carries 0.
    expect(t.admit('a', 70_000 + 2 * WINDOW)).toBe(0);
  });

  it('keeps different fingerprints independent', () => {
    const t = new Throttle(WINDOW);
    expect(t.admit('a', 0)).toBe(0);
    expect(t.admit('b', 1)).toBe(0);
    expect(t.admit('a', 2)).toBe(-1);
    expect(t.admit('a', 3)).toBe(-1);
    expect(t.admit('b', 4)).toBe(-1);
    expect(t.admit('a', WINDOW)).toBe(2);
    expect(t.admit('b', WINDOW + 1)).toBe(1);
  });

  it('uses the window it was given', () => {
    const t = new Throttle(1_000);
    t.admit('a', 0);
    expect(t.admit('a', 999)).toBe(-1);
    expect(t.admit('a', 1_000)).toBe(1);
  });

  it('evicts the least recently seen entry first when full', () => {
    const t = new Throttle(WINDOW, 3);
    t.admit('a', 0);
    t.admit('b', 1);
    t.admit('c', 2);
    t.admit('d', 3); // full: 'a' (the oldest) leaves
    expect(t.size).toBe(3);
    // 'a' was forgotten: it is admitted as new (repeat 0) although its window is still open.
    expect(t.admit('a', 4)).toBe(0); // evicts 'b'
    // 'c' and 'd' survived: still inside their window.
    expect(t.admit('c', 5)).toBe(-1);
    expect(t.admit('d', 6)).toBe(-1);
  });

  it('keeps a recently seen entry (a suppressed duplicate counts as seen) and its count', () => {
    const t = new Throttle(WINDOW, 3);
    t.admit('a', 0);
    t.admit('b', 1);
    t.admit('c', 2);
    expect(t.admit('a', 3)).toBe(-1); // 'a' is now the most recently seen; 'b' the least
    t.admit('d', 4); // evicts 'b', not 'a'
    expect(t.admit('b', 5)).toBe(0); // forgotten: new again (evicts 'c')
    // 'a' survived with its suppressed count intact.
    expect(t.admit('a', 6)).toBe(-1);
    expect(t.admit('a', WINDOW)).toBe(2);
  });

  it('never holds more than the bound under a storm of 10 000 distinct fingerprints', () => {
    const t = new Throttle(WINDOW);
    let maxSize = 0;
    let admitted = 0;
    for (let i = 0; i < 10_000; i++) {
      if (t.admit(`TypeError\nboom ${i}\nhttps://example.com/app.js:1:${i}`, i) === 0) admitted++;
      maxSize = Math.max(maxSize, t.size);
    }
    expect(admitted).toBe(10_000); // all distinct: none suppressed
    expect(maxSize).toBe(MAX_FINGERPRINTS);
    expect(t.size).toBe(MAX_FINGERPRINTS);
    // The newest entries are the ones kept; the oldest went.
    expect(t.admit(`TypeError\nboom 9999\nhttps://example.com/app.js:1:9999`, 10_000)).toBe(-1);
    expect(t.admit(`TypeError\nboom 0\nhttps://example.com/app.js:1:0`, 10_001)).toBe(0);
  });

  it('respects a custom bound', () => {
    const t = new Throttle(WINDOW, 10);
    for (let i = 0; i < 1_000; i++) t.admit(String(i), i);
    expect(t.size).toBe(10);
  });
});

describe('Throttle with a sink (dialects that carry repeat items)', () => {
  afterEach(() => vi.useRealTimers());

  const sunk = () => {
    const out: Array<[string, number, number, string, string]> = [];
    const t = new Throttle(WINDOW);
    t._sink = (...args) => void out.push(args);
    return { t, out };
  };

  it('sends a pending count when its window ends, with the last repeat\'s time, type and message', () => {
    vi.useFakeTimers({ now: 0 });
    const { t, out } = sunk();
    expect(t.admit('a', 0, 'jsError', 'boom')).toBe(0);
    for (let i = 1; i <= 99; i++) {
      vi.advanceTimersByTime(100);
      expect(t.admit('a', Date.now(), 'jsError', 'boom')).toBe(-1);
    }
    vi.advanceTimersByTime(WINDOW - 9_900 - 1);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    // 1 report + 99 repeats: the server's count is 100.
    expect(out).toEqual([['a', 99, 9_900, 'jsError', 'boom']]);
    // Sent once: the next report of the fingerprint carries 0, and no timer sends it again.
    expect(t.admit('a', WINDOW + 5, 'jsError', 'boom')).toBe(0);
    vi.advanceTimersByTime(10 * WINDOW);
    expect(out).toHaveLength(1);
  });

  it('flush() sends every pending count at once (page exit), and nothing twice', () => {
    vi.useFakeTimers({ now: 0 });
    const { t, out } = sunk();
    t.admit('a', 0, 'jsError', 'A');
    t.admit('b', 0, 'promiseError', 'B');
    t.admit('c', 0, 'jsError', 'C');
    t.admit('a', 10, 'jsError', 'A');
    t.admit('a', 20, 'jsError', 'A');
    t.admit('b', 30, 'promiseError', 'B');
    t._flush();
    expect(out).toEqual([
      ['a', 2, 20, 'jsError', 'A'],
      ['b', 1, 30, 'promiseError', 'B'],
    ]);
    t._flush();
    vi.advanceTimersByTime(2 * WINDOW);
    expect(out).toHaveLength(2);
  });

  it('a repeat after a flush is counted again and sent at its window\'s end', () => {
    vi.useFakeTimers({ now: 0 });
    const { t, out } = sunk();
    t.admit('a', 0, 'jsError', 'A');
    t.admit('a', 10, 'jsError', 'A');
    t._flush();
    t.admit('a', 20, 'jsError', 'A');
    vi.advanceTimersByTime(WINDOW);
    expect(out.map((o) => o[1])).toEqual([1, 1]);
  });

  it('a late timer loses nothing: the count goes out before the next report, which carries 0', () => {
    const { t, out } = sunk();
    t.admit('a', 0, 'jsError', 'A');
    t.admit('a', 5, 'jsError', 'A');
    // No timer ran (real timers, the window is simulated): the next report past the window.
    expect(t.admit('a', WINDOW + 1, 'jsError', 'A')).toBe(0);
    expect(out).toEqual([['a', 1, 5, 'jsError', 'A']]);
  });

  it('a fingerprint evicted from the table sends its pending count at once: flush() would no longer see it', () => {
    vi.useFakeTimers({ now: 0 });
    const out: Array<[string, number]> = [];
    const t = new Throttle(WINDOW, 2);
    t._sink = (key, count) => void out.push([key, count]);
    t.admit('a', 0, 'jsError', 'A');
    t.admit('a', 1, 'jsError', 'A');
    t.admit('b', 2, 'jsError', 'B');
    t.admit('c', 3, 'jsError', 'C');
    expect(out).toEqual([['a', 1]]);
    t._flush();
    vi.advanceTimersByTime(WINDOW);
    expect(out).toEqual([['a', 1]]);
  });

  it('keeps no timer (nor its message) for an evicted fingerprint: at most one per entry of the table', () => {
    vi.useFakeTimers({ now: 0 });
    const t = new Throttle(WINDOW);
    t._sink = () => {};
    const message = 'm'.repeat(2_000);
    // 2 500 distinct errors, each thrown twice in a moment (a loop over bad records).
    for (let i = 0; i < 5 * MAX_FINGERPRINTS; i++) {
      t.admit(`fp${i}`, 0, 'jsError', message);
      t.admit(`fp${i}`, 1, 'jsError', message);
    }
    expect(t.size).toBe(MAX_FINGERPRINTS);
    expect(vi.getTimerCount()).toBe(MAX_FINGERPRINTS);
  });

  it('without a sink the count rides on the next report, as before', () => {
    const t = new Throttle(WINDOW);
    t.admit('a', 0, 'jsError', 'A');
    t.admit('a', 1, 'jsError', 'A');
    t._flush();
    expect(t.admit('a', WINDOW, 'jsError', 'A')).toBe(1);
  });
});
