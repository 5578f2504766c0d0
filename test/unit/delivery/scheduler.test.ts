// The scheduler: one timer for the send loop, the reasons to wait (pause, pace, batch fill),
// and flush() waiters.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, scheduler } from '../../../src/delivery/scheduler';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

const make = (perMinute = 30, fillMs = 2_000) => {
  const run = vi.fn();
  return { s: scheduler(perMinute, fillMs, run, () => {}), run };
};

describe('scheduler', () => {
  it("waits out a delay beyond a timer's range (a 30-day Retry-After) without running the loop early", () => {
    const { s, run } = make();
    s._soon(30 * 86_400_000);
    vi.advanceTimersByTime(1_000);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MAX_TIMER_MS);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs the loop once per due time, however often it is asked', () => {
    const { s, run } = make();
    s._soon(100);
    s._soon(0);
    s._soon(50);
    vi.advanceTimersByTime(99);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    s._soon(10);
    vi.advanceTimersByTime(10);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('a throwing loop is guarded, and the timer is free again', () => {
    const run = vi.fn(() => {
      throw new Error('loop');
    });
    const s = scheduler(30, 0, run, () => {});
    s._soon(0);
    expect(() => vi.advanceTimersByTime(0)).not.toThrow();
    s._soon(0);
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('waits for the longest reason: the pause, the pace, the fill', () => {
    const now = Date.now();
    const { s } = make(1, 2_000);
    expect(s._delay(now)).toBe(0);
    // A request with room for more waits fillMs from its first entry's time.
    expect(s._delay(now, now - 500)).toBe(1_500);
    expect(s._delay(now, now - 5_000)).toBeLessThanOrEqual(0);
    s._pause(now + 3_000);
    s._pause(now + 1_000); // a shorter pause never shortens a longer one
    expect(s._delay(now, now)).toBe(3_000);
    s._pacer.record(now);
    expect(s._delay(now)).toBe(s._pacer.delay(now));
    expect(s._delay(now)).toBeGreaterThan(3_000);
  });

  it('flush: the loop runs at once, nothing waits to fill, and the waiter learns when all is idle', async () => {
    const now = Date.now();
    const { s, run } = make();
    s._soon(10_000);
    const flushed = s._flush(5_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(s._delay(now, now)).toBe(0);
    s._idle();
    await expect(flushed).resolves.toBe(true);
    // The cancelled timer does not run the loop again.
    vi.advanceTimersByTime(10_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('flush resolves false after its timeout when the transport never gets idle', async () => {
    const { s } = make();
    const flushed = s._flush(1_000);
    vi.advanceTimersByTime(1_000);
    await expect(flushed).resolves.toBe(false);
    // A later idle finds no waiter left.
    expect(() => s._idle()).not.toThrow();
  });

  it('stop cancels the pending run', () => {
    const { s, run } = make();
    s._soon(100);
    s._stop();
    vi.advanceTimersByTime(1_000);
    expect(run).not.toHaveBeenCalled();
  });
});
