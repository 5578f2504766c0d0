import { describe, expect, it } from 'vitest';
import { stopwatch } from '../../../src/sources/dwell';

describe('dwell stopwatch', () => {
  it('counts only while running and hands out whole seconds once', () => {
    const w = stopwatch();
    w.start(0);
    // Hidden at 2.5 s: 2 s out, 0.5 s carried, the clock stopped.
    expect(w.take(2500, true)).toBe(2);
    // pagehide right after: nothing more to send.
    expect(w.take(2600, true)).toBe(0);
    // Visible again from 10 s to 11.6 s: the carried 0.5 s plus 1.6 s.
    w.start(10_000);
    expect(w.take(11_600, true)).toBe(2);
  });

  it('carries sub-second rests instead of sending 0', () => {
    const w = stopwatch();
    let sent = 0;
    for (let i = 0; i < 5; i++) {
      w.start(i * 10_000);
      sent += w.take(i * 10_000 + 400, true);
    }
    expect(sent).toBe(2);
  });

  it('keeps running across a route change reading, and restarts from zero after reset', () => {
    const w = stopwatch();
    w.start(0);
    expect(w.take(1500)).toBe(1);
    expect(w.take(2000)).toBe(1);
    expect(w.take(2999)).toBe(0);
    w.reset();
    w.start(5000);
    expect(w.take(5999, true)).toBe(0);
    w.start(6000);
    expect(w.take(6001, true)).toBe(1);
  });

  it('ignores a second start while running', () => {
    const w = stopwatch();
    w.start(0);
    w.start(900);
    expect(w.take(1000, true)).toBe(1);
  });
});
