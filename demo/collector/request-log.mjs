// In-memory log of the last requests to /report/*, for tests that assert on traffic
// (how many requests, which auth style, what was rejected). A ring, so memory is bounded.

/** Entries kept; the oldest leave first. */
export const REQUEST_LOG_ENTRIES = 5000;
/** Longest path or content type kept, in characters (a request line may be 16 KiB). */
export const MAX_LOGGED_TEXT = 200;

/**
 * @typedef {{ seq: number, time: number, method: string, path: string, status: number | null, ip: string,
 *   bytes: number, contentType: string | null, auth: 'header' | 'query' | null }} RequestEntry
 *   status is null when the connection was cut before an answer; seq counts from 1 and is the page cursor.
 */

/**
 * @template {string | null} T
 * @param {T} text
 * @returns {T}
 */
const cut = (text) => (typeof text === 'string' && text.length > MAX_LOGGED_TEXT ? /** @type {T} */ (`${text.slice(0, MAX_LOGGED_TEXT)}…`) : text);

export function createRequestLog(capacity = REQUEST_LOG_ENTRIES) {
  /** @type {RequestEntry[]} */
  const ring = [];
  let added = 0; // entries ever added; the next entry's seq is added + 1
  return {
    /** @param {Omit<RequestEntry, 'seq'>} entry kept by reference: its status may be set later */
    add(entry) {
      const kept = Object.assign(entry, { seq: ++added, path: cut(entry.path), contentType: cut(entry.contentType) });
      if (ring.length < capacity) ring.push(kept);
      else ring[(added - 1) % capacity] = kept;
    },
    /**
     * Up to `limit` entries with seq > `after`, oldest first.
     * @param {number} after @param {number} limit
     * @returns {{ items: RequestEntry[], next: number | null }} next: the cursor for the rest
     */
    page(after, limit) {
      const oldest = added - ring.length + 1; // seq of the oldest entry kept
      const from = Math.max(after + 1, oldest);
      const items = [];
      for (let seq = from; seq <= added && items.length < limit; seq++) items.push(ring[(seq - 1) % capacity]);
      const last = items.at(-1)?.seq ?? after;
      return { items, next: last < added ? last : null };
    },
    byStatus() {
      /** @type {Record<string, number>} */
      const counts = {};
      for (const e of ring) counts[e.status ?? 'dropped'] = (counts[e.status ?? 'dropped'] ?? 0) + 1;
      return counts;
    },
  };
}
