// Who may read what the collector stored (the read API and the view): a bearer token from
// the config, or, when the config allows it for the demo, any request made on this machine.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopbackAddress, isLoopbackHost } from './loopback.mjs';

/** @param {string} text */
const digest = (text) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The token a request carries: `Authorization: Bearer …`, or `?token=` (for the view's URL).
 * @param {import('node:http').IncomingMessage} req @param {URL} url
 */
function tokenOf(req, url) {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer /i.test(auth)) return auth.slice(7).trim();
  return url.searchParams.get('token');
}

/**
 * @param {{ token: string | null, loopbackExempt: boolean }} read the config's `read` section
 * @returns {(req: import('node:http').IncomingMessage, url: URL) => boolean}
 */
export function createReadAccess(read) {
  // Compared as digests, so the comparison takes the same time whatever the length.
  const expected = read.token ? digest(read.token) : null;
  return function mayRead(req, url) {
    const given = tokenOf(req, url);
    if (expected && given && timingSafeEqual(digest(given), expected)) return true;
    // Loopback by address and by Host header: a rebinding page still names its own host.
    return read.loopbackExempt && isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host);
  };
}

/**
 * The read API and the view are for the view's own origin: CORS allows only that, so a page
 * elsewhere cannot read the answers even from the same machine.
 * @param {import('node:http').ServerResponse} res
 * @param {import('node:http').IncomingMessage} req
 * @param {string[]} origins the collector's own origins
 */
export function setReadCors(res, req, origins) {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !origins.includes(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Methods', 'GET, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization');
}
