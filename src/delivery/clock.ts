// A visitor clock off by more than the server's timestamp window (300 s) makes every signed
// request fail with 401. The batch dialect can read the server's `Date` across origins
// (docs/PROTOCOL.md §2) and signs with the corrected time. Date has whole-second precision and
// arrives after network latency: small differences are noise, not skew.

export const CLOCK_TOLERANCE_MS = 60_000;

/** Server time minus local time when they disagree by more than the tolerance, else 0. */
export function clockSkew(date: string | null | undefined, now: number): number {
  const skew = date ? Date.parse(date) - now : 0;
  return Math.abs(skew) > CLOCK_TOLERANCE_MS ? skew : 0;
}
