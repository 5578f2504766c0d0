// The browser's keepalive budget, tracked in bytes: one 64 KiB quota per page, shared by
// sendBeacon and every keepalive fetch still in flight. Over it, sendBeacon returns false
// and keepalive fetch rejects, so the SDK counts its own bytes instead of finding out.
// https://fetch.spec.whatwg.org/#http-network-or-cache-fetch (inflightKeepaliveBytes)

/** The browsers' quota is 65 536 bytes; a little is left for the page's own keepalive requests. */
export const KEEPALIVE_BUDGET = 64_000;
/**
 * Largest request body, in UTF-8 bytes: one page-exit request must fit one beacon inside the
 * keepalive budget, with room left for a request already in flight.
 */
export const MAX_REQUEST_BYTES = 60_000;
/** A beacon's completion is invisible: its bytes are taken to hold the budget this long. */
export const BEACON_HOLD_MS = 10_000;

export interface KeepaliveBudget {
  /** Bytes a new keepalive request may still take. */
  _free(): number;
  /** Takes `bytes` for a keepalive fetch if they fit; given back with `_give` once it settles. */
  _take(bytes: number): boolean;
  _give(bytes: number): void;
  /** A beacon the browser queued: its bytes count for BEACON_HOLD_MS. */
  _hold(bytes: number): void;
}

export function keepaliveBudget(): KeepaliveBudget {
  let inFlight = 0;
  const give = (bytes: number) => {
    inFlight -= bytes;
  };
  return {
    _free: () => KEEPALIVE_BUDGET - inFlight,
    _take(bytes) {
      const fits = inFlight + bytes <= KEEPALIVE_BUDGET;
      if (fits) inFlight += bytes;
      return fits;
    },
    _give: give,
    _hold(bytes) {
      inFlight += bytes;
      setTimeout(give, BEACON_HOLD_MS, bytes);
    },
  };
}
