// When the send loop runs next: one timer, and the reasons to wait before a request goes
// (a pause after a failure, the pace, a batch filling up), and who waits for it all to be sent.
import { Pacer } from './pacer';
import { guard } from '../tools/guard';
import type { Logger } from '../tools/logger';

export interface Scheduler {
  readonly _pacer: Pacer;
  /** Runs the send loop after `delay` ms, unless a run is already due. */
  _soon(delay: number): void;
  /**
   * Milliseconds before the next request may go: the pause, the pace, and the fill wait of a
   * request with room for more whose first entry was queued at `fillingSince`, unless
   * someone waits on flush().
   */
  _delay(now: number, fillingSince?: number): number;
  /** No request before `until` (ms epoch): backoff, Retry-After. */
  _pause(until: number): void;
  /** Resolves true at the next `_idle()`, false after `timeoutMs`. Someone waits: the loop runs now, nothing waits to fill. */
  _flush(timeoutMs: number): Promise<boolean>;
  /** The transport is idle: every flush() caller is told. */
  _idle(): void;
  _stop(): void;
}

/**
 * The longest delay a timer keeps: browsers run a longer one at once (a signed 32-bit count of
 * ms), so a 30-day Retry-After would spin the loop; the loop re-arms when it wakes early.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `fillMs`: how long the first entry of a request with room for more waits for company; `run`: the send loop. */
export function scheduler(perMinute: number, fillMs: number, run: () => void, log: Logger): Scheduler {
  const pacer = new Pacer(perMinute);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pausedUntil = 0;
  /** flush() callers, resolved when the transport is idle. */
  let waiters: Array<() => void> = [];
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    _pacer: pacer,
    _soon(delay) {
      timer ??= setTimeout(() => {
        timer = undefined;
        guard(log, 'delivery', run);
      }, Math.min(delay, MAX_TIMER_MS));
    },
    _delay: (now, fillingSince) =>
      Math.max(pausedUntil - now, pacer.delay(now), fillingSince !== undefined && !waiters.length ? fillingSince + fillMs - now : 0),
    _pause(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
    _flush: (timeoutMs) =>
      new Promise((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(waitTimer);
          waiters = waiters.filter((w) => w !== onIdle);
          resolve(value);
        };
        const onIdle = () => done(true);
        const waitTimer = setTimeout(done, timeoutMs, false);
        waiters.push(onIdle);
        cancel();
        guard(log, 'flush', run);
      }),
    _idle() {
      for (const waiter of waiters.splice(0)) waiter();
    },
    _stop: cancel,
  };
}
