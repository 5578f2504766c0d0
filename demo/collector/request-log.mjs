// In-memory log of the last requests to /report/*, for tests that assert on traffic
// (how many requests, which auth style, what was rejected). A ring, so memory is bounded.

/**
 * @typedef {{ time: number, method: string, path: string, status: number | null, ip: string,
 *   bytes: number, contentType: string | null, auth: 'header' | 'query' | null }} RequestEntry
 *   status is null when the connection was cut before an answer.
 */

export function createRequestLog(capacity = 5000) {
  /** @type {RequestEntry[]} */
  const ring = [];
  let next = 0; // where the next entry goes once the ring is full
  return {
    /** @param {RequestEntry} entry */
    add(entry) {
      if (ring.length < capacity) ring.push(entry);
      else { ring[next] = entry; next = (next + 1) % capacity; }
    },
    /** @returns {RequestEntry[]} oldest first */
    list: () => ring.slice(next).concat(ring.slice(0, next)),
    byStatus() {
      const counts = {};
      for (const e of ring) counts[e.status ?? 'dropped'] = (counts[e.status ?? 'dropped'] ?? 0) + 1;
      return counts;
    },
  };
}
