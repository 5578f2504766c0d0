// The retry policy: which answers are worth another try, and how long to wait before it
// (exponential backoff with jitter, capped, never shorter than the server's Retry-After).
// A young outage is probed at a low cap, so a server back within a minute is found within
// FAST_RETRY_CAP_MS; a longer one falls back to the slow cap, so a dead server costs little.

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** An outage (failures in a row) younger than this is retried at most FAST_RETRY_CAP_MS apart. */
export const FAST_RETRY_WINDOW_MS = 60_000;
export const FAST_RETRY_CAP_MS = 8_000;

/** Delay before retry number `failures` (1 = the first retry). "Equal jitter": half fixed, half random. */
export function backoffDelay(failures: number, random: number = Math.random(), cap = BACKOFF_CAP_MS): number {
  const ceiling = Math.min(cap, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or 0 when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number {
  if (!value) return 0;
  const seconds = Number(value);
  if (isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return isNaN(date) ? 0 : Math.max(0, date - now);
}

/** Network failure, 408, 429 and 5xx are worth retrying; every other answer is final. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/**
 * How long to pause sending after the `failures`-th failure in a row: the backoff (capped low
 * while the outage is `young`), or the server's Retry-After if longer.
 */
export function retryDelay(failures: number, retryAfter: string | null | undefined, now: number, young?: boolean): number {
  return Math.max(backoffDelay(failures, Math.random(), young ? FAST_RETRY_CAP_MS : BACKOFF_CAP_MS), parseRetryAfter(retryAfter, now));
}
