// The keepalive budget: bytes in flight by keepalive fetch and sendBeacon, one 64 KiB quota per page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BEACON_HOLD_MS, KEEPALIVE_BUDGET, keepaliveBudget, MAX_REQUEST_BYTES } from '../../../src/delivery/keepalive';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('keepalive budget', () => {
  it('stays under the browsers\' 65 536 bytes, and one request fits with room for another in flight', () => {
    expect(KEEPALIVE_BUDGET).toBeLessThanOrEqual(65_536);
    expect(MAX_REQUEST_BYTES).toBeLessThan(KEEPALIVE_BUDGET);
  });

  it('takes bytes while they fit, refuses what does not, and gives them back when a request settles', () => {
    const b = keepaliveBudget();
    expect(b._free()).toBe(KEEPALIVE_BUDGET);
    expect(b._take(40_000)).toBe(true);
    expect(b._take(30_000)).toBe(false);
    expect(b._free()).toBe(KEEPALIVE_BUDGET - 40_000);
    expect(b._take(KEEPALIVE_BUDGET - 40_000)).toBe(true);
    expect(b._free()).toBe(0);
    b._give(40_000);
    expect(b._free()).toBe(40_000);
  });

  it('holds a beacon\'s bytes for BEACON_HOLD_MS (its completion is invisible)', () => {
    const b = keepaliveBudget();
    b._hold(50_000);
    expect(b._take(20_000)).toBe(false);
    vi.advanceTimersByTime(BEACON_HOLD_MS - 1);
    expect(b._free()).toBe(KEEPALIVE_BUDGET - 50_000);
    vi.advanceTimersByTime(1);
    expect(b._free()).toBe(KEEPALIVE_BUDGET);
  });
});
