import type { Logger } from './logger';

/** Runs `fn`, swallowing anything it throws: the SDK's failures never reach the host page. */
export function guard<T>(log: Logger, what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    log(`${what} failed (swallowed):`, error);
    return undefined;
  }
}

/** The SDK's own bookkeeping inside a wrapped call of the page's: swallowed without a word, the page's call goes on. */
export const quietly = (fn: () => void): void => {
  try {
    fn();
  } catch {
    // Nothing to say: the page's call goes on.
  }
};

/** A part's start: installs it and returns the function that stops it. */
export type Start = () => (() => void) | void;

/**
 * Starts one part under its own guard, adding its stop function to `stops`. A part that
 * cannot start (a frozen `history` or `console`, a missing API) is skipped with a debug
 * message, and the other parts start all the same.
 */
export function startPart(log: Logger, stops: Array<() => void>, what: string, start: Start): void {
  const stop = guard(log, `${what}: not installed`, start);
  if (stop) stops.push(stop);
}
