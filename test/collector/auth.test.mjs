import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, createNonceCache } from '../../demo/collector/auth.mjs';
import { APP, SECRET, authHeaders, credentials, errorItem, newId, post, start, get } from './helpers.mjs';

describe('signature', () => {
  it('matches the known vectors', () => {
    expect(sign('my-app-secret', 'my-app-id', '1700000000', '0123456789abcdef0123456789abcdef'))
      .toBe('9424363869a99c02bc9edb908138041c75596ffdf71e15181d4da56f79126283');
    expect(sign('密钥-secret', '应用-app', '1700000000', 'ffffffffffffffffffffffffffffffff'))
      .toBe('c1a45b0364bb585de2c19f4654f2a334f7bb37146e600ea392340206804e4a8b');
  });
});

describe('nonce cache', () => {
  it('rejects a replay until the nonce\'s own expiry and forgets after it', () => {
    const cache = createNonceCache();
    expect(cache.useOnce('a', 0, 1000)).toBe('fresh');
    expect(cache.useOnce('a', 999, 1999)).toBe('replay');
    expect(cache.useOnce('a', 1001, 2001)).toBe('fresh');
  });
  it('keeps a long-lived nonce past shorter ones stored after it', () => {
    const cache = createNonceCache();
    cache.useOnce('long', 0, 600_000);
    cache.useOnce('short', 1, 2_000);
    expect(cache.useOnce('short', 3_000, 5_000)).toBe('fresh');
    expect(cache.useOnce('long', 599_000, 900_000)).toBe('replay');
    expect(cache.useOnce('long', 601_000, 900_000)).toBe('fresh');
  });
  it('refuses rather than forgets a live nonce when full', () => {
    const cache = createNonceCache(100);
    for (let i = 0; i < 100; i++) expect(cache.useOnce(`n${i}`, i, 60_000)).toBe('fresh');
    expect(cache.useOnce('one more', 100, 60_000)).toBe('full');
    expect(cache.useOnce('n0', 100, 60_000)).toBe('replay'); // still remembered
    expect(cache.size).toBe(100);
    expect(cache.useOnce('later', 61_000, 120_000)).toBe('fresh'); // the first hundred expired
    expect(cache.size).toBe(1);
  });
  it('drops expired entries after a long lull', () => {
    const cache = createNonceCache();
    for (let i = 0; i < 50; i++) cache.useOnce(`n${i}`, 0, 10 + i * 1000);
    cache.useOnce('late', 10_000_000_000, 10_000_001_000);
    expect(cache.size).toBe(1);
  });
});

describe('request authentication', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start({ config: { auth: { timestampWindowSeconds: 300, nonceTtlSeconds: 300 } } }); });
  afterAll(() => c.close());

  /** @param {Record<string, string>} headers @param {import('./helpers.mjs').AuthStyle} [auth] */
  const send = (headers, auth = 'none') => post(c, '/report/error', errorItem(), { auth, headers });

  it('accepts a correctly signed request', async () => {
    const r = await post(c, '/report/error', errorItem());
    expect(r).toMatchObject({ status: 200, json: { ok: true } });
  });

  it.each(['X-App-Id', 'X-Timestamp', 'X-Nonce', 'X-Signature'])('401 when %s is missing', async (name) => {
    const headers = authHeaders();
    delete headers[name];
    const r = await send(headers);
    expect(r.status).toBe(401);
    expect(r.json.error).toContain(name.toLowerCase());
  });

  it('401 with no credentials at all', async () => {
    const r = await send({});
    expect(r.status).toBe(401);
    expect(r.json.error).toMatch(/missing authentication/);
  });

  it('401 for an unknown app', async () => {
    const r = await send(authHeaders(credentials({ appId: 'nope', secret: 'x' })));
    expect(r).toMatchObject({ status: 401, json: { error: 'unknown app id' } });
  });

  it.each(['12.5', 'abc', '1e9', ''])('401 for a non-integer timestamp %j', async (ts) => {
    const r = await send(authHeaders(credentials({ ts })));
    expect(r.status).toBe(401);
  });

  it('401 outside the timestamp window, 200 just inside it', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ts of [now - 310, now + 310]) {
      const r = await send(authHeaders(credentials({ ts: String(ts) })));
      expect(r).toMatchObject({ status: 401, json: { error: 'timestamp outside the allowed window' } });
    }
    const inside = await send(authHeaders(credentials({ ts: String(now - 290) })));
    expect(inside.status).toBe(200);
  });

  it('401 for a wrong, truncated or uppercase signature', async () => {
    const creds = credentials();
    for (const sig of [creds.sig.replace(/^./, (ch) => (ch === '0' ? '1' : '0')), creds.sig.slice(0, 63), creds.sig.toUpperCase(), 'x']) {
      const r = await send(authHeaders({ ...creds, nonce: newId(), sig }));
      expect(r).toMatchObject({ status: 401, json: { error: 'invalid signature' } });
    }
  });

  it('401 for a signature made with another secret', async () => {
    const r = await send(authHeaders(credentials({ secret: 'demo-secret' })));
    expect(r.json.error).toBe('invalid signature');
  });

  it('401 for a replayed nonce, and a forged request does not burn the nonce', async () => {
    const creds = credentials();
    const forged = await send(authHeaders({ ...creds, sig: '0'.repeat(64) }));
    expect(forged.status).toBe(401);
    expect((await send(authHeaders(creds))).status).toBe(200);
    const replay = await send(authHeaders(creds));
    expect(replay).toMatchObject({ status: 401, json: { error: 'nonce already used' } });
  });

  it('accepts the same credentials in the query string on the stock endpoints', async () => {
    const r = await post(c, '/report/error', errorItem({ message: 'via query' }), { auth: 'query', contentType: 'text/plain;charset=UTF-8' });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-expose-headers')).toBe('Retry-After, Date');
    const bad = await post(c, '/report/error', errorItem(), { auth: 'query', creds: { ...credentials(), sig: 'f'.repeat(64) } });
    expect(bad).toMatchObject({ status: 401, json: { error: 'invalid signature' } });
    const { items } = await get(c, '/api/requests');
    expect(items.at(-2)).toMatchObject({ path: '/report/error', status: 200, auth: 'query' });
  });

  it('401 when a query parameter is missing', async () => {
    const creds = credentials();
    const r = await fetch(`${c.url}/report/batch?appId=${APP}&ts=${creds.ts}&nonce=${creds.nonce}`, { method: 'POST', body: '{"items":[]}' });
    expect(r.status).toBe(401);
    expect((await r.json()).error).toBe('missing sig query parameter');
  });

  it('uses each app\'s own secret', async () => {
    const r = await post(c, '/report/error', errorItem({ appId: 'demo-app' }), { creds: credentials({ appId: 'demo-app', secret: 'demo-secret' }) });
    expect(r.status).toBe(200);
    expect(SECRET).not.toBe('demo-secret');
  });
});
