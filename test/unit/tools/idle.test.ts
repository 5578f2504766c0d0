// whenIdle: work in the page's next idle period (at most IDLE_TIMEOUT_MS away), or after a
// short timer where there is no requestIdleCallback (Safari); both cancellable.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_TIMEOUT_MS, whenIdle } from '../../../src/tools/idle';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenIdle with requestIdleCallback', () => {
  it('schedules through it with the timeout, and cancels that id', () => {
    const request = vi.fn(() => 7);
    const cancel = vi.fn();
    vi.stubGlobal('requestIdleCallback', request);
    vi.stubGlobal('cancelIdleCallback', cancel);
    const work = vi.fn();
    const stop = whenIdle(work);
    expect(request).toHaveBeenCalledExactlyOnceWith(work, { timeout: IDLE_TIMEOUT_MS });
    expect(work).not.toHaveBeenCalled();
    stop();
    expect(cancel).toHaveBeenCalledExactlyOnceWith(7);
  });
});

describe('whenIdle without requestIdleCallback', () => {
  const noIdleCallback = () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    vi.stubGlobal('cancelIdleCallback', undefined);
    vi.useFakeTimers();
  };

  it('runs the work after the timers advance, not synchronously', () => {
    noIdleCallback();
    const work = vi.fn();
    whenIdle(work);
    expect(work).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('does not run the work when cancelled before', () => {
    noIdleCallback();
    const work = vi.fn();
    whenIdle(work)();
    vi.runAllTimers();
    expect(work).not.toHaveBeenCalled();
  });
});
