// Tracely request authentication: HMAC-SHA256(appSecret, appId + timestamp + nonce), sent
// either as X-* headers (stock dialect) or as query parameters (batch-dialect extension,
// so a request needs no custom header, no preflight, and sendBeacon can carry it).
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADERS = { appId: 'x-app-id', ts: 'x-timestamp', nonce: 'x-nonce', sig: 'x-signature' };
const QUERY = { appId: 'appId', ts: 'ts', nonce: 'nonce', sig: 'sig' };
// Nonces are free-form in the protocol; a cap keeps a hostile client from filling the cache
// with huge keys. 32 hex chars is what SDKs send.
const MAX_NONCE_LENGTH = 128;
// Upper bound on remembered nonces (about 150 B each, so ~30 MB). A nonce is never
// forgotten while its timestamp is still accepted, or it could be replayed: when the cache
// is full of live nonces, new requests are refused (503) until some expire. Filling it takes
// 200 000 signed requests within the timestamp window, far past the per-address rate limit.
export const MAX_NONCES = 200_000;
/**
 * Lowercase hex HMAC-SHA256 of appId + ts + nonce (plain concatenation, UTF-8).
 * @param {string} secret @param {string} appId @param {string | number} ts @param {string} nonce
 */
export function sign(secret, appId, ts, nonce) {
  return createHmac('sha256', secret).update(`${appId}${ts}${nonce}`, 'utf8').digest('hex');
}

/**
 * Which credential style a request uses; headers win when both are present.
 * @param {import('node:http').IncomingMessage} req @param {URL} url
 * @returns {'header' | 'query' | null}
 */
export function authScheme(req, url) {
  if (Object.values(HEADERS).some((h) => req.headers[h] !== undefined)) return 'header';
  if (Object.values(QUERY).some((q) => url.searchParams.has(q))) return 'query';
  return null;
}

/**
 * Remembers each used nonce until its own expiry (ms epoch). Nonces sit in per-second
 * buckets keyed by expiry, so sweeping is cheap whatever order the expiries arrive in.
 */
export function createNonceCache(max = MAX_NONCES) {
  /** @type {Map<string, number>} nonce → expiry (ms) */
  const expiries = new Map();
  /** @type {Map<number, string[]>} expiry second → nonces */
  const buckets = new Map();
  let sweptUpTo = -Infinity; // every bucket below this second is gone

  /** @param {number} now */
  function sweep(now) {
    const second = Math.floor(now / 1000);
    if (second <= sweptUpTo) return;
    const drop = (/** @type {number} */ s) => {
      for (const nonce of buckets.get(s) ?? []) {
        const expiry = expiries.get(nonce);
        if (expiry !== undefined && expiry <= now) expiries.delete(nonce);
      }
      buckets.delete(s);
    };
    // Walk the elapsed seconds, or the buckets themselves when that is shorter (after a lull).
    if (second - sweptUpTo > buckets.size) { for (const s of buckets.keys()) if (s < second) drop(s); }
    else for (let s = sweptUpTo; s < second; s++) drop(s);
    sweptUpTo = second;
  }

  return {
    /**
     * Records a nonce until `expiresAt`.
     * @param {string} nonce @param {number} now @param {number} expiresAt ms epoch
     * @returns {'fresh' | 'replay' | 'full'} 'full': too many live nonces to take one more
     */
    useOnce(nonce, now, expiresAt) {
      sweep(now);
      const known = expiries.get(nonce);
      if (known !== undefined && known > now) return 'replay';
      if (expiries.size >= max) return 'full';
      expiries.set(nonce, expiresAt);
      const second = Math.floor(expiresAt / 1000);
      // Bucket by the second the nonce expires in; it is dropped once that second is swept.
      const bucket = buckets.get(second);
      if (bucket) bucket.push(nonce); else buckets.set(second, [nonce]);
      return 'fresh';
    },
    get size() { return expiries.size; },
  };
}

/**
 * The outcome of authenticating a request; a refusal without a status is a 401.
 * @typedef {{ ok: true, appId: string } | { ok: false, status?: 401 | 503, reason: string }} AuthResult
 */

/**
 * @param {{ apps: {appId: string, appSecret: string}[], auth: { timestampWindowSeconds: number, nonceTtlSeconds: number } }} config
 * @param {() => number} [clock] ms epoch, injectable for tests
 * @returns {(req: import('node:http').IncomingMessage, url: URL, scheme?: 'header' | 'query' | null) => AuthResult}
 */
export function createAuthenticator(config, clock = Date.now) {
  const secrets = new Map(config.apps.map((a) => [a.appId, a.appSecret]));
  const windowSeconds = config.auth.timestampWindowSeconds;
  const nonceTtlMs = config.auth.nonceTtlSeconds * 1000;
  const nonces = createNonceCache();

  return function authenticate(req, url, scheme = authScheme(req, url)) {
    const names = scheme === 'query' ? QUERY : HEADERS;
    /** @type {(name: string) => unknown} */
    const read = scheme === 'query' ? (k) => url.searchParams.get(k) : (k) => req.headers[k];
    const what = scheme === 'query' ? 'query parameter' : 'header';
    /** @type {Record<string, string>} */
    const values = {};
    for (const [key, name] of Object.entries(names)) {
      const value = read(name);
      if (typeof value !== 'string' || value === '') {
        return { ok: false, reason: scheme ? `missing ${name} ${what}` : 'missing authentication: X-App-Id, X-Timestamp, X-Nonce, X-Signature headers or appId, ts, nonce, sig query parameters' };
      }
      values[key] = value;
    }
    const { appId, ts, nonce, sig } = values;
    const secret = secrets.get(appId);
    if (secret === undefined) return { ok: false, reason: 'unknown app id' };
    if (!/^[+-]?\d{1,15}$/.test(ts)) return { ok: false, reason: 'timestamp is not an integer' };
    const now = clock();
    if (Math.abs(now / 1000 - Number(ts)) > windowSeconds) return { ok: false, reason: 'timestamp outside the allowed window' };
    if (nonce.length > MAX_NONCE_LENGTH) return { ok: false, reason: 'nonce too long' };
    const expected = Buffer.from(sign(secret, appId, ts, nonce), 'utf8');
    const given = Buffer.from(sig, 'utf8');
    // timingSafeEqual throws on unequal lengths, so check that first (length is not secret).
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid signature' };
    // Record the nonce only once the signature is proven, so forged requests cannot burn nonces.
    // Keep it while its timestamp is still inside the window (up to 2 windows for one signed
    // ahead), and at least the configured TTL; +1 s covers the whole-second rounding.
    const expiresAt = Math.max(now + nonceTtlMs, (Number(ts) + windowSeconds + 1) * 1000);
    const use = nonces.useOnce(nonce, now, expiresAt);
    if (use === 'replay') return { ok: false, reason: 'nonce already used' };
    if (use === 'full') return { ok: false, status: 503, reason: 'too many recent requests; retry shortly' };
    return { ok: true, appId };
  };
}
