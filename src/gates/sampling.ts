// Sampling is decided per session: a hash of the session id, compared with the rate. The
// same id always gives the same answer, so a session is kept or left out for its whole
// length, with no storage of its own. Errors and events hash the same id: with equal rates
// the same sessions keep both.

/** A stable number in [0, 1) from an id: FNV-1a, 32 bits (uniform enough for random ids; see the unit test). */
export function unitHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 4294967296;
}

/** Whether an item is kept at `rate` (0 to 1); `unit()` gives the session's (or page's) number in [0, 1), never read at 0 or 1. */
export function sampledIn(rate: number, unit: () => number): boolean {
  return rate >= 1 || (rate > 0 && unit() < rate);
}
