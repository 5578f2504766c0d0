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
