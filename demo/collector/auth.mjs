// Tracely request authentication: HMAC-SHA256(appSecret, appId + timestamp + nonce), sent
// either as X-* headers (stock dialect) or as query parameters (batch-dialect extension,
// so a request needs no custom header, no preflight, and sendBeacon can carry it).
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADERS = { appId: 'x-app-id', ts: 'x-timestamp', nonce: 'x-nonce', sig: 'x-signature' };
const QUERY = { appId: 'appId', ts: 'ts', nonce: 'nonce', sig: 'sig' };
// Nonces are free-form in the protocol; a cap keeps a hostile client from filling the cache
// with huge keys. 32 hex chars is what SDKs send.
const MAX_NONCE_LENGTH = 128;
// Upper bound on remembered nonces. Past it the oldest are forgotten early: a replay of
// those still needs a timestamp inside the window, and reaching the cap takes far more
// than the rate limit allows from one address.
const MAX_NONCES = 100_000;

/** Lowercase hex HMAC-SHA256 of appId + ts + nonce (plain concatenation, UTF-8). */
export function sign(secret, appId, ts, nonce) {
  return createHmac('sha256', secret).update(`${appId}${ts}${nonce}`, 'utf8').digest('hex');
}

/**
 * Which credential style a request uses; headers win when both are present.
 * @returns {'header' | 'query' | null}
 */
export function authScheme(req, url) {
  if (Object.values(HEADERS).some((h) => req.headers[h] !== undefined)) return 'header';
  if (Object.values(QUERY).some((q) => url.searchParams.has(q))) return 'query';
  return null;
}

/** Remembers used nonces for `ttlMs`; Map order is insertion order, which is expiry order. */
export function createNonceCache(ttlMs, max = MAX_NONCES) {
  const expiries = new Map();
  const sweep = (now) => {
    for (const [nonce, expiresAt] of expiries) {
      if (expiresAt > now && expiries.size < max) break;
      expiries.delete(nonce);
    }
  };
  return {
    /** True the first time a nonce is seen within its TTL, false for a replay. */
    useOnce(nonce, now) {
      sweep(now);
      if (expiries.has(nonce)) return false;
      expiries.set(nonce, now + ttlMs);
      return true;
    },
    get size() { return expiries.size; },
  };
}

/**
 * @param {{ apps: {appId: string, appSecret: string}[], auth: { timestampWindowSeconds: number, nonceTtlSeconds: number } }} config
 * @param {() => number} [clock] ms epoch, injectable for tests
 */
export function createAuthenticator(config, clock = Date.now) {
  const secrets = new Map(config.apps.map((a) => [a.appId, a.appSecret]));
  const windowSeconds = config.auth.timestampWindowSeconds;
  const nonces = createNonceCache(config.auth.nonceTtlSeconds * 1000);

  /** @returns {{ ok: true, appId: string } | { ok: false, reason: string }} */
  return function authenticate(req, url, scheme = authScheme(req, url)) {
    const names = scheme === 'query' ? QUERY : HEADERS;
    const read = scheme === 'query' ? (k) => url.searchParams.get(k) : (k) => req.headers[k];
    const what = scheme === 'query' ? 'query parameter' : 'header';
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
    if (!nonces.useOnce(nonce, now)) return { ok: false, reason: 'nonce already used' };
    return { ok: true, appId };
  };
}
