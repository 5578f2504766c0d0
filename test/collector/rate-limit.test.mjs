import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../demo/collector/rate-limit.mjs';
import { errorItem, get, post, start } from './helpers.mjs';

describe('sliding-window limiter', () => {
  it('admits `limit` per window and frees a slot when the oldest leaves', () => {
    const limiter = createRateLimiter(3, 60_000);
    expect(limiter.hit('a', 0).ok).toBe(true);
    expect(limiter.hit('a', 10_000).ok).toBe(true);
    expect(limiter.hit('a', 20_000).ok).toBe(true);
    expect(limiter.hit('a', 30_000)).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(limiter.hit('b', 30_000).ok).toBe(true); // per client
    expect(limiter.hit('a', 60_000).ok).toBe(true); // the request at 0 has left the window
    expect(limiter.hit('a', 60_001).ok).toBe(false);
  });
  it('keeps the client table bounded', () => {
    const limiter = createRateLimiter(1, 60_000, 10);
    for (let i = 0; i < 100; i++) limiter.hit(`ip${i}`, i);
    expect(limiter.hit('ip99', 100).ok).toBe(false); // recent clients are kept
    expect(limiter.hit('ip0', 100).ok).toBe(true); // the oldest were forgotten
  });
});

describe('rate limit over HTTP', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start({ testControls: true, config: { rateLimit: { requestsPerMinute: 5 } } }); });
  afterAll(() => c.close());

  it('counts all /report/* POSTs together, before auth; preflights are free', async () => {
    await fetch(`${c.url}/_control/reset-rate-limit`, { method: 'POST' });
    for (let i = 0; i < 3; i++) expect((await fetch(`${c.url}/report/error`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await post(c, '/report/error', errorItem())).status).toBe(200);
    expect((await post(c, '/report/event', {}, { auth: 'none' })).status).toBe(401); // counted although unauthenticated
    expect((await post(c, '/report/batch', { items: [] }, { auth: 'query' })).status).toBe(200);
    expect((await post(c, '/report/error', errorItem())).status).toBe(200);
    expect((await post(c, '/report/error', '{bad')).status).toBe(400);

    const stock = await post(c, '/report/error', errorItem());
    expect(stock.status).toBe(429);
    expect(stock.headers.get('retry-after')).toBeNull(); // stock behaviour
    expect(stock.headers.get('access-control-expose-headers')).toBeNull();

    const batch = await post(c, '/report/batch', { items: [] }, { auth: 'query' });
    expect(batch.status).toBe(429);
    const retryAfter = Number(batch.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(58);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(batch.headers.get('access-control-expose-headers')).toBe('Retry-After, Date');

    const { items } = await get(c, '/api/requests');
    expect(items.filter((e) => e.status === 429)).toHaveLength(2);
    expect(items.filter((e) => e.method === 'OPTIONS')).toHaveLength(3);
  });

  it('can be reset through the control endpoint', async () => {
    await fetch(`${c.url}/_control/reset-rate-limit`, { method: 'POST' });
    expect((await post(c, '/report/error', errorItem())).status).toBe(200);
  });
});
