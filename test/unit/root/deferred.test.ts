// The deferred-build queue: builds run in a later task (or at once on _run), in order and once,
// bounded by MAX_PENDING; a build that throws is reported and the others still run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, MAX_PENDING } from '../../../src/root/deferred';

describe('deferred', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the builds in a later task, in order and once, on one timer for many adds', () => {
    const q = deferred(() => {});
    const ran: number[] = [];
    for (let i = 0; i < 3; i++) expect(q._add(() => ran.push(i))).toBe(true);
    expect(ran).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.runAllTimers();
    expect(ran).toEqual([0, 1, 2]);
    // Once: a later build runs alone, the earlier ones are not run again.
    q._add(() => ran.push(3));
    vi.runAllTimers();
    expect(ran).toEqual([0, 1, 2, 3]);
  });

  it('_run() runs the waiting builds now, and the timer then does not run them again', () => {
    const q = deferred(() => {});
    const build = vi.fn();
    q._add(build);
    q._run();
    expect(build).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    vi.runAllTimers();
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('refuses a build past MAX_PENDING waiting, and never runs it', () => {
    const q = deferred(() => {});
    for (let i = 0; i < MAX_PENDING; i++) expect(q._add(() => {})).toBe(true);
    const dropped = vi.fn();
    expect(q._add(dropped)).toBe(false);
    vi.runAllTimers();
    expect(dropped).not.toHaveBeenCalled();
  });

  it('accepts MAX_PENDING builds again after a run', () => {
    const q = deferred(() => {});
    for (let i = 0; i < MAX_PENDING; i++) q._add(() => {});
    q._run();
    for (let i = 0; i < MAX_PENDING; i++) expect(q._add(() => {})).toBe(true);
    expect(q._add(() => {})).toBe(false);
  });

  it('passes a build that throws to `failed`, and the builds after it still run', () => {
    const failed = vi.fn();
    const q = deferred(failed);
    const boom = new Error('boom');
    const after = vi.fn();
    q._add(() => {
      throw boom;
    });
    q._add(after);
    vi.runAllTimers();
    expect(failed).toHaveBeenCalledExactlyOnceWith(boom);
    expect(after).toHaveBeenCalledTimes(1);
  });
});
