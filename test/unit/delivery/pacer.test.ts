// The request pacer: a sliding log of send times over a 61 s window.
import { describe, expect, it } from 'vitest';
import { PACE_WINDOW_MS, Pacer } from '../../../src/delivery/pacer';

/** The most sends inside any half-open window (t - W, t] of the log. */
function busiestWindow(sends: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < sends.length; end++) {
    while (sends[start] <= sends[end] - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('Pacer', () => {
  it('uses a 61 s window (one second wider than the server minute)', () => {
    expect(PACE_WINDOW_MS).toBe(61_000);
  });

  it('starts with the whole budget and spends one per record', () => {
    const p = new Pacer(5);
    expect(p.available(0)).toBe(5);
    expect(p.delay(0)).toBe(0);
    p.record(0);
    expect(p.available(0)).toBe(4);
    for (let i = 1; i < 5; i++) p.record(i * 1_000);
    expect(p.available(5_000)).toBe(0);
    expect(p.delay(5_000)).toBeGreaterThan(0);
  });

  it('gives a send back exactly 61 s after it was recorded', () => {
    const p = new Pacer(1);
    p.record(1_000);
    expect(p.available(1_000 + PACE_WINDOW_MS - 1)).toBe(0);
    expect(p.available(1_000 + PACE_WINDOW_MS)).toBe(1);
  });

  it('delay points exactly at the moment the oldest relevant send expires', () => {
    const p = new Pacer(3);
    p.record(0);
    p.record(5_000);
    p.record(20_000);
    const now = 30_000;
    const wait = p.delay(now);
    // The send at 0 is the one that must leave the window first.
    expect(wait).toBe(0 + PACE_WINDOW_MS - now);
    expect(p.available(now + wait - 1)).toBe(0);
    expect(p.delay(now + wait - 1)).toBe(1);
    expect(p.available(now + wait)).toBe(1);
    expect(p.delay(now + wait)).toBe(0);
    // After that send, the next slot opens when the send at 5 000 expires.
    p.record(now + wait);
    expect(p.delay(now + wait)).toBe(5_000 + PACE_WINDOW_MS - (now + wait));
  });

  it('delay counts from the right send when more were recorded than the budget', () => {
    // Retries are recorded too, so the log can hold more than the budget.
    const p = new Pacer(2);
    for (const t of [0, 1_000, 2_000, 3_000]) p.record(t);
    // Four in the window, budget two: three must expire, the third (at 2 000) last.
    expect(p.delay(10_000)).toBe(2_000 + PACE_WINDOW_MS - 10_000);
    expect(p.available(2_000 + PACE_WINDOW_MS - 1)).toBe(0);
    expect(p.available(2_000 + PACE_WINDOW_MS)).toBe(1);
  });

  it('never lets more than the budget go in any 61 s window over 5 simulated minutes', () => {
    for (const budget of [1, 3, 30, 60]) {
      const p = new Pacer(budget);
      const sends: number[] = [];
      // Send whenever allowed, checking every 250 ms; a burst wants out at every tick.
      for (let now = 0; now <= 5 * 60_000; now += 250) {
        while (p.delay(now) === 0) {
          p.record(now);
          sends.push(now);
        }
      }
      expect(busiestWindow(sends, PACE_WINDOW_MS)).toBe(budget);
      // And it really sends: a full budget per window, roughly 5 windows' worth.
      expect(sends.length).toBeGreaterThanOrEqual(budget * 4);
    }
  });

  it('stays within budget when a loop sleeps for exactly the delay it was given', () => {
    const p = new Pacer(10);
    const sends: number[] = [];
    let now = 0;
    let seed = 7; // a small deterministic LCG for uneven demand
    const gap = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) % 3_000;
    while (now <= 5 * 60_000) {
      const wait = p.delay(now);
      if (wait === 0) {
        p.record(now);
        sends.push(now);
        now += gap();
      } else {
        expect(wait).toBeGreaterThan(0);
        now += wait;
      }
    }
    expect(busiestWindow(sends, PACE_WINDOW_MS)).toBeLessThanOrEqual(10);
  });
});

// From the former delivery-pure tests.
describe('Pacer.forget', () => {
  it('gives back the send recorded at a time (a request that reached no server), once', () => {
    const p = new Pacer(2);
    p.record(1_000);
    p.record(2_000);
    expect(p.available(2_500)).toBe(0);
    p.forget(1_000);
    expect(p.available(2_500)).toBe(1);
    expect(p.delay(2_500)).toBe(0);
    // Unknown times change nothing.
    p.forget(1_000);
    p.forget(42);
    expect(p.available(2_500)).toBe(1);
  });

  it('gives back one of the sends recorded in the same millisecond (page exit sends several at once)', () => {
    const p = new Pacer(30);
    for (let i = 0; i < 3; i++) p.record(1_000);
    p.forget(1_000);
    expect(p.available(1_500)).toBe(28);
  });
});

describe('pacer', () => {
  it('allows the budget per 61 s window, counting every request (retries too)', () => {
    const p = new Pacer(3);
    expect(p.available(0)).toBe(3);
    p.record(0);
    p.record(10);
    p.record(20);
    expect(p.available(30)).toBe(0);
    expect(p.delay(30)).toBe(PACE_WINDOW_MS - 30);
    expect(p.available(PACE_WINDOW_MS)).toBe(1);
    expect(p.delay(PACE_WINDOW_MS)).toBe(0);
  });
});
