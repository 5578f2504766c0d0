// The SDK's failures never reach the host page: guard() logs and swallows, quietly() swallows
// without a word, startPart() starts one part under its own guard.
import { describe, expect, it, vi } from 'vitest';
import { guard, quietly, startPart } from '../../../src/tools/guard';

const throwing = (): never => {
  throw new Error('boom');
};

describe('guard', () => {
  it('returns what fn returns, and logs nothing', () => {
    const log = vi.fn();
    expect(guard(log, 'work', () => 42)).toBe(42);
    expect(log).not.toHaveBeenCalled();
  });

  it('returns undefined when fn throws, and logs once with `what` in the message', () => {
    const log = vi.fn();
    expect(guard(log, 'the work', throwing)).toBeUndefined();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toContain('the work');
  });
});

describe('quietly', () => {
  it('swallows what fn throws, and runs fn', () => {
    const fn = vi.fn(throwing);
    expect(() => quietly(fn)).not.toThrow();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('startPart', () => {
  it('adds the stop function the start returns', () => {
    const stops: Array<() => void> = [];
    const stop = () => {};
    startPart(vi.fn(), stops, 'part', () => stop);
    expect(stops).toEqual([stop]);
  });

  it('adds nothing when the start returns nothing', () => {
    const stops: Array<() => void> = [];
    startPart(vi.fn(), stops, 'part', () => {});
    expect(stops).toEqual([]);
  });

  it('skips a part whose start throws, logging it, and the next part still starts', () => {
    const log = vi.fn();
    const stops: Array<() => void> = [];
    const next = () => {};
    startPart(log, stops, 'history', throwing);
    startPart(log, stops, 'console', () => next);
    expect(stops).toEqual([next]);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toContain('history');
  });
});
