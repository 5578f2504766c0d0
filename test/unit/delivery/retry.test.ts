// Retry schedule: exponential backoff with equal jitter, Retry-After, and which answers retry.
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, FAST_RETRY_CAP_MS, backoffDelay, isRetryable, parseRetryAfter, retryDelay } from '../../../src/delivery/retry';

describe('backoffDelay', () => {
  const ceiling = (n: number) => Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (n - 1));

  it('doubles its ceiling with each failure', () => {
    expect(backoffDelay(1, 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(2, 1)).toBe(2 * BACKOFF_BASE_MS);
    expect(backoffDelay(3, 1)).toBe(4 * BACKOFF_BASE_MS);
    expect(backoffDelay(6, 1)).toBe(32 * BACKOFF_BASE_MS);
    for (let n = 1; n < 8; n++) expect(backoffDelay(n + 1, 0.5)).toBe(2 * backoffDelay(n, 0.5));
  });

  it('stays within [ceiling / 2, ceiling] for any random draw', () => {
    for (let n = 1; n <= 20; n++) {
      for (const r of [0, 0.001, 0.25, 0.5, 0.75, 0.999, 1]) {
        const d = backoffDelay(n, r);
        expect(d).toBeGreaterThanOrEqual(ceiling(n) / 2);
        expect(d).toBeLessThanOrEqual(ceiling(n));
      }
      expect(backoffDelay(n, 0)).toBe(ceiling(n) / 2);
    }
  });

  it('uses Math.random by default and is jittered', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(10);
      expect(d).toBeGreaterThanOrEqual(ceiling(10) / 2);
      expect(d).toBeLessThanOrEqual(ceiling(10));
      seen.add(d);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('is capped at BACKOFF_CAP_MS, however many failures', () => {
    expect(BACKOFF_CAP_MS).toBe(5 * 60_000);
    for (const n of [10, 20, 50, 1_000, 1e6]) {
      expect(backoffDelay(n, 1)).toBe(BACKOFF_CAP_MS);
      expect(backoffDelay(n, 0)).toBe(BACKOFF_CAP_MS / 2);
    }
  });

  it('treats 0 or fewer failures like the first retry (never zero)', () => {
    expect(backoffDelay(0, 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(-3, 0)).toBe(BACKOFF_BASE_MS / 2);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1', now)).toBe(1_000);
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('reads an HTTP date relative to now, and 0 for a date in the past', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 13:00:00 GMT', now)).toBe(3_600_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('is 0 for garbage, negative values, null and undefined', () => {
    for (const v of ['soon', 'Fri, 99 Foo 2026', 'NaN', 'Infinity', '-5', '', null, undefined]) {
      expect(parseRetryAfter(v, now)).toBe(0);
    }
  });
});

describe('isRetryable', () => {
  it('retries network failures (0), 408, 429 and 5xx', () => {
    for (const s of [0, 408, 429, 500, 502, 503, 504]) expect(isRetryable(s), String(s)).toBe(true);
  });

  it('treats other client errors as final', () => {
    for (const s of [400, 401, 403, 404, 413, 422]) expect(isRetryable(s), String(s)).toBe(false);
  });
});

// From the former delivery-pure tests.
describe('backoff', () => {
  it('doubles from 1 s with equal jitter, capped at 5 minutes', () => {
    expect(backoffDelay(1, 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelay(1, 1)).toBe(BACKOFF_BASE_MS);
    expect(backoffDelay(4, 0)).toBe(4_000);
    expect(backoffDelay(4, 1)).toBe(8_000);
    expect(backoffDelay(30, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(30, 0)).toBe(BACKOFF_CAP_MS / 2);
    for (let n = 1; n < 12; n++) for (const r of [0, 0.3, 0.99]) {
      expect(backoffDelay(n, r)).toBeGreaterThanOrEqual(backoffDelay(n, 0));
      expect(backoffDelay(n, r)).toBeLessThanOrEqual(backoffDelay(n, 1));
    }
  });

  it('reads Retry-After as seconds or an HTTP date, and 0 when absent or unreadable', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    for (const v of [null, undefined, '', 'soon']) expect(parseRetryAfter(v, now)).toBe(0);
  });

  it('retries network failures, 408, 429 and 5xx; every other answer is final', () => {
    for (const s of [0, 408, 429, 500, 502, 503, 504]) expect(isRetryable(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 413, 422]) expect(isRetryable(s)).toBe(false);
  });
});

describe('retryDelay', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('is the backoff when the server sets no Retry-After', () => {
    for (let n = 1; n < 10; n++) {
      const d = retryDelay(n, null, now);
      expect(d).toBeGreaterThanOrEqual(backoffDelay(n, 0));
      expect(d).toBeLessThanOrEqual(backoffDelay(n, 1));
    }
  });

  it('is never shorter than Retry-After, and the backoff when that is shorter', () => {
    expect(retryDelay(1, '120', now)).toBe(120_000);
    expect(retryDelay(1, 'Sun, 01 Mar 2026 12:00:45 GMT', now)).toBe(45_000);
    expect(retryDelay(6, '1', now)).toBeGreaterThanOrEqual(backoffDelay(6, 0));
  });

  it('probes a young outage at most FAST_RETRY_CAP_MS apart, an old one at the slow cap', () => {
    expect(FAST_RETRY_CAP_MS).toBe(8_000);
    for (let n = 1; n < 40; n++) {
      const young = retryDelay(n, null, now, true);
      expect(young).toBeLessThanOrEqual(FAST_RETRY_CAP_MS);
      expect(young).toBeGreaterThanOrEqual(Math.min(backoffDelay(n, 0), FAST_RETRY_CAP_MS / 2));
    }
    // The 6th failure in a row of an old outage waits 16-32 s; of a young one, 4-8 s.
    expect(retryDelay(6, null, now)).toBeGreaterThanOrEqual(16_000);
    expect(retryDelay(6, null, now, true)).toBeLessThanOrEqual(8_000);
    expect(retryDelay(20, null, now)).toBeGreaterThanOrEqual(BACKOFF_CAP_MS / 2);
  });

  it('still honours a longer Retry-After in a young outage', () => {
    expect(retryDelay(6, '30', now, true)).toBe(30_000);
  });
});
