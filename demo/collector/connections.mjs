// Connection caps: a total, a per-address share, and a short life for idle sockets, so a
// crowd of idle or half-open connections cannot starve the legitimate ones.
import { clientAddress } from './loopback.mjs';

/** Open sockets in all. At the cap the longest-idle socket is closed to make room. */
export const MAX_CONNECTIONS = 512;
/** Open sockets per client address (a browser opens at most 6 per origin). */
export const MAX_CONNECTIONS_PER_ADDRESS = 64;
/** A socket that has not completed a request's headers within this is closed (slowloris). */
export const IDLE_SOCKET_MS = 10_000;
/** A socket with a request under way but no bytes moving either way for this is closed. */
export const STALLED_SOCKET_MS = 30_000;
/** A whole request, headers and body, must arrive within this. */
export const REQUEST_TIMEOUT_MS = 30_000;

// Written raw to a socket refused at accept time, before any HTTP parsing.
const BODY = '{"error":"too many connections"}';
const REFUSAL = ['HTTP/1.1 503 Service Unavailable', 'Content-Type: application/json; charset=utf-8',
  'X-Content-Type-Options: nosniff', 'Retry-After: 1', 'Connection: close', `Content-Length: ${BODY.length}`, '', BODY].join('\r\n');

/**
 * @param {import('node:http').Server} server
 * @param {{ maxConnections?: number, maxPerAddress?: number, idleMs?: number }} [limits]
 */
export function guardConnections(server, { maxConnections = MAX_CONNECTIONS, maxPerAddress = MAX_CONNECTIONS_PER_ADDRESS, idleMs = IDLE_SOCKET_MS } = {}) {
  /** @type {Map<string, number>} */
  const perAddress = new Map();
  /** @type {Map<import('node:net').Socket, string>} every counted socket and its address */
  const counted = new Map();
  /** @type {Map<import('node:net').Socket, NodeJS.Timeout>} sockets with no request under way, longest idle first (Map keeps insertion order) */
  const idle = new Map();
  let open = 0;
  const stats = { refused: 0, evicted: 0, peak: 0 };

  server.timeout = STALLED_SOCKET_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(server.headersTimeout, REQUEST_TIMEOUT_MS);

  /** @param {import('node:net').Socket} socket */
  const markIdle = (socket) => {
    if (socket.destroyed) return;
    idle.delete(socket);
    idle.set(socket, setTimeout(() => socket.destroy(), idleMs).unref());
  };
  /** @param {import('node:net').Socket} socket */
  const markBusy = (socket) => {
    clearTimeout(idle.get(socket));
    idle.delete(socket);
  };

  server.on('connection', (socket) => {
    const address = clientAddress(socket);
    const mine = perAddress.get(address) ?? 0;
    if (mine >= maxPerAddress || (open >= maxConnections && !evictIdle())) {
      stats.refused++;
      socket.on('error', () => {});
      socket.write(REFUSAL, () => socket.destroy());
      return;
    }
    open++;
    stats.peak = Math.max(stats.peak, open);
    perAddress.set(address, mine + 1);
    counted.set(socket, address);
    markIdle(socket);
    socket.once('close', () => release(socket));
  });

  /**
   * Uncounts a socket once, at eviction (so its slot frees at once) or at close.
   * @param {import('node:net').Socket} socket
   */
  function release(socket) {
    markBusy(socket);
    const address = counted.get(socket);
    if (address === undefined) return;
    counted.delete(socket);
    open--;
    const left = /** @type {number} */ (perAddress.get(address)) - 1; // counted with the socket
    if (left > 0) perAddress.set(address, left); else perAddress.delete(address);
  }

  server.on('request', (req, res) => {
    markBusy(req.socket);
    // Back to idle once the answer is out, so a kept-alive socket can be reclaimed.
    res.once('finish', () => markIdle(req.socket));
  });

  /** Closes the longest-idle socket; false when every socket is busy. */
  function evictIdle() {
    const [oldest] = idle.keys();
    if (!oldest) return false;
    release(oldest);
    oldest.destroy();
    stats.evicted++;
    return true;
  }

  return {
    get open() { return open; },
    get idle() { return idle.size; },
    stats,
  };
}
