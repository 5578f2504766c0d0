// The clock correction: the server's Date, when it disagrees with ours by more than the tolerance.
import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_MS, clockSkew } from '../../../src/delivery/clock';

describe('clock correction', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('is the server time minus ours when they disagree by more than the tolerance', () => {
    expect(clockSkew('Thu, 01 Jan 2026 01:00:00 GMT', now)).toBe(3_600_000);
    expect(clockSkew('Wed, 31 Dec 2025 23:50:00 GMT', now)).toBe(-600_000);
  });
  it('is 0 within the tolerance, without a Date, or with an unreadable one', () => {
    expect(clockSkew('Thu, 01 Jan 2026 00:00:59 GMT', now)).toBe(0);
    expect(CLOCK_TOLERANCE_MS).toBeLessThan(300_000); // under the server's 300 s window
    for (const d of [null, undefined, '', 'not a date']) expect(clockSkew(d, now)).toBe(0);
  });
});
