import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fingerprintOf } from '../../demo/collector/store.mjs';
import { APP, authHeaders, errorItem, eventItem, get, newId, post, start } from './helpers.mjs';

/** @type {import('./helpers.mjs').Collector} */
let c;
beforeAll(async () => { c = await start({ config: { limits: { maxBodyBytes: 1024, maxBatchBytes: 4096 } } }); });
afterAll(() => c.close());

describe('POST /report/error', () => {
  it('stores the whole body, grouped by md5(appId + type + message)', async () => {
    const rich = errorItem({ message: 'grouped', id: newId(), time: 123, frames: [{ file: 'a.js', line: 1, column: 2, function: 'f', inApp: true }],
      breadcrumbs: [{ type: 'click' }], repeat: 3, release: '1.2.3', environment: 'prod', sessionId: 's', page: '/p', tags: { a: 'b' },
      cause: { message: 'inner' }, userId: 'u', viewport: '1x1', anything: [1, 2] });
    const first = await post(c, '/report/error', rich, { headers: { 'User-Agent': 'UA-one' } });
    expect(first).toMatchObject({ status: 200, json: { ok: true } });
    await post(c, '/report/error', errorItem({ message: 'grouped', stack: 'second stack', url: 'https://site.test/2' }), { headers: { 'User-Agent': 'UA-two' } });

    const { groups } = await get(c, `/api/errors?appId=${APP}`);
    const group = /** @type {import('./helpers.mjs').Group} */ (groups.find((g) => g.message === 'grouped'));
    expect(group).toMatchObject({ fingerprint: fingerprintOf(APP, 'TypeError', 'grouped'), appId: APP, type: 'TypeError', count: 2,
      stack: 'second stack', url: 'https://site.test/2', userAgent: 'UA-two' });
    expect(group.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(group.firstSeen).toBeLessThanOrEqual(group.lastSeen);

    const { items } = await get(c, `/api/occurrences?appId=${APP}&type=TypeError`);
    const stored = items.filter((o) => o.message === 'grouped');
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ ...rich, userAgent: 'UA-one', dialect: 'stock' });
    expect(stored[0].receivedAt).toBeTypeOf('number');
  });

  it('counts every stock request, as the stock server does, but stores an id once', async () => {
    const item = errorItem({ message: 'resent', id: newId() });
    await post(c, '/report/error', item);
    await post(c, '/report/error', item);
    const { groups } = await get(c, '/api/errors');
    expect(/** @type {import('./helpers.mjs').Group} */ (groups.find((g) => g.message === 'resent')).count).toBe(2);
    const { items } = await get(c, '/api/occurrences');
    expect(items.filter((o) => o.message === 'resent')).toHaveLength(1);
  });

  it.each([
    ['type missing', { type: undefined }, /type/],
    ['message empty', { message: '' }, /message/],
    ['appId missing', { appId: undefined }, /appId/],
    ['type not a string', { type: 5 }, /type/],
    ['stack not a string', { stack: 5 }, /stack/],
    ['url not a string', { url: {} }, /url/],
    ['appId of another app', { appId: 'demo-app' }, /appId does not match the authenticated app/],
  ])('400 when %s', async (_, over, reason) => {
    const r = await post(c, '/report/error', errorItem(over));
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(reason);
  });

  it('accepts null stack and url as absent', async () => {
    expect((await post(c, '/report/error', errorItem({ stack: null, url: null }))).status).toBe(200);
  });
});

describe('POST /report/event', () => {
  it('stores every event in full', async () => {
    const ev = eventItem({ id: newId(), time: 5, page: '/x', sessionId: 's1', release: 'r' });
    const r = await post(c, '/report/event', ev, { contentType: 'text/plain;charset=UTF-8' });
    expect(r).toMatchObject({ status: 200, json: { ok: true } });
    await post(c, '/report/event', eventItem({ metadata: undefined }));
    const { items } = await get(c, `/api/events?appId=${APP}&eventName=click_button`);
    expect(items.at(-2)).toMatchObject({ ...ev, dialect: 'stock' });
    expect(/** @type {import('./helpers.mjs').StoredItem} */ (items.at(-1)).metadata).toBeUndefined();
  });

  it.each([
    ['eventName missing', { eventName: undefined }, /eventName/],
    ['userId empty', { userId: '' }, /userId/],
    ['appId not a string', { appId: 1 }, /appId/],
    ['metadata an array', { metadata: [1] }, /metadata/],
    ['metadata a string', { metadata: 'x' }, /metadata/],
    ['appId of another app', { appId: 'demo-app' }, /does not match/],
  ])('400 when %s', async (_, over, reason) => {
    const r = await post(c, '/report/event', eventItem(over));
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(reason);
  });

  it('accepts null metadata', async () => {
    expect((await post(c, '/report/event', eventItem({ metadata: null }))).status).toBe(200);
  });

  it('403 for an event not on the whitelist', async () => {
    const r = await post(c, '/report/event', eventItem({ eventName: 'not_listed' }));
    expect(r).toMatchObject({ status: 403, json: { error: 'event not whitelisted' } });
    const { items } = await get(c, '/api/events?eventName=not_listed');
    expect(items).toHaveLength(0);
  });
});

describe('bodies and routes', () => {
  it('400 for malformed JSON, an empty body, or a non-object', async () => {
    for (const body of ['{"type":', '', '[1,2]', '"text"', 'null']) {
      const r = await post(c, '/report/error', body);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatch(/malformed JSON|empty|JSON object/);
    }
  });

  it('413 over maxBodyBytes, with a Content-Length', async () => {
    const r = await post(c, '/report/error', errorItem({ stack: 'x'.repeat(2000) }));
    expect(r.status).toBe(413);
    expect(r.json.error).toMatch(/larger than 1024/);
  });

  it('413 over maxBodyBytes when streamed without a Content-Length', async () => {
    const status = await new Promise((resolve, reject) => {
      const req = http.request(`${c.url}/report/error`, { method: 'POST', headers: { ...authHeaders(), 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(200));
      req.end();
    });
    expect(status).toBe(413);
    expect((await post(c, '/report/error', errorItem())).status).toBe(200); // and the server is fine
  });

  it('404 JSON for an unknown route', async () => {
    for (const path of ['/report/nope', '/nope', '/api/nope']) {
      const r = await fetch(`${c.url}${path}`);
      expect(r.status).toBe(404);
      expect(await r.json()).toHaveProperty('error');
    }
  });

  it('405 for a wrong method', async () => {
    const r = await fetch(`${c.url}/report/error`, { method: 'GET' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await fetch(`${c.url}/api/errors`, { method: 'DELETE' })).status).toBe(405);
  });

  it('500 JSON and a log line when the store fails, and keeps serving', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const original = c.store.addEvent;
    c.store.addEvent = () => { throw new Error('disk on fire'); };
    try {
      const r = await post(c, '/report/event', eventItem());
      expect(r).toMatchObject({ status: 500, json: { error: 'internal server error' } });
      expect(spy).toHaveBeenCalled();
    } finally {
      c.store.addEvent = original;
      spy.mockRestore();
    }
    expect((await post(c, '/report/event', eventItem())).status).toBe(200);
  });

  it('survives a client that hangs up mid-body', async () => {
    await new Promise((resolve) => {
      const req = http.request(`${c.url}/report/error`, { method: 'POST', headers: { ...authHeaders(), 'Content-Length': '500' } });
      req.on('error', () => {});
      req.write('{"type":"a"', () => { req.destroy(); setTimeout(resolve, 50); });
    });
    expect((await post(c, '/report/error', errorItem())).status).toBe(200);
  });
});
