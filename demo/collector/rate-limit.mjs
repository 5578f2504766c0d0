// Sliding-window log rate limiter per client IP, like the Tracely server's middleware:
// at most `limit` requests in any 60-second window.

const WINDOW_MS = 60_000;
// Cap on tracked addresses; idle ones are swept first, then the longest-known go.
const MAX_CLIENTS = 10_000;

/**
 * @param {number} limit requests per window
 * @returns {{ hit(ip: string, now?: number): { ok: true } | { ok: false, retryAfterMs: number }, reset(): void }}
 */
export function createRateLimiter(limit, windowMs = WINDOW_MS, maxClients = MAX_CLIENTS) {
  /** @type {Map<string, number[]>} arrival times of the admitted requests, oldest first */
  const clients = new Map();

  /** @param {number} now */
  function evict(now) {
    for (const [ip, log] of clients) if (log[log.length - 1] <= now - windowMs) clients.delete(ip);
    for (const ip of clients.keys()) {
      if (clients.size < maxClients) break;
      clients.delete(ip);
    }
  }

  return {
    hit(ip, now = Date.now()) {
      let log = clients.get(ip);
      if (!log) {
        if (clients.size >= maxClients) evict(now);
        clients.set(ip, (log = []));
      }
      while (log.length && log[0] <= now - windowMs) log.shift();
      // Rejected requests are not logged, so the log never outgrows `limit` and a slot frees
      // exactly when the oldest admitted request leaves the window.
      if (log.length >= limit) return { ok: false, retryAfterMs: log[0] + windowMs - now };
      log.push(now);
      return { ok: true };
    },
    reset() { clients.clear(); },
  };
}
