// Item 10 of issue 8: the read API cannot exhaust the server. Paged, bounded answers; slow
// readers hold bounded memory; reads do not stall ingest; a read token, own-origin CORS.
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES, MAX_PAGE_ITEMS } from '../../demo/collector/read-api.mjs';
import { APP, errorItem, eventItem, get, getAll, newId, post, spawnServer, start } from './helpers.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MiB = 1024 * 1024;

describe('paging', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start(); });
  afterAll(() => c.close());

  it('pages every list with after/limit and a next cursor, in arrival order', async () => {
    for (let i = 0; i < 7; i++) await post(c, '/report/error', errorItem({ message: `m${i}` }));
    for (let i = 0; i < 5; i++) await post(c, '/report/event', eventItem({ eventName: 'page_view' }));
    const first = await get(c, '/api/occurrences?limit=3');
    expect(first.items.map((o) => o.message)).toEqual(['m0', 'm1', 'm2']);
    expect(first.next).toEqual(expect.any(String));
    const second = await get(c, `/api/occurrences?limit=3&after=${first.next}`);
    expect(second.items.map((o) => o.message)).toEqual(['m3', 'm4', 'm5']);
    const last = await get(c, `/api/occurrences?limit=3&after=${second.next}`);
    expect(last).toMatchObject({ items: [{ message: 'm6' }], next: null });

    expect((await getAll(c, '/api/occurrences?limit=2')).list.map((o) => o.message)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect((await getAll(c, '/api/errors?limit=2', 'groups')).list).toHaveLength(7);
    expect((await getAll(c, `/api/events?appId=${APP}&eventName=page_view&limit=2`)).list).toHaveLength(5);
    const requests = await getAll(c, '/api/requests?limit=5');
    expect(requests.list).toHaveLength(12);
    expect(requests.pages).toBe(3);
  });

  it('keeps what a stored row says and adds the arrival facts', async () => {
    const [item] = (await get(c, '/api/occurrences?limit=1')).items;
    expect(item).toMatchObject({ ...errorItem({ message: 'm0' }), dialect: 'stock', userAgent: 'node' });
    expect(item.receivedAt).toBeTypeOf('number');
  });

  it.each(['after=-1', 'after=x', 'limit=0', 'limit=1.5', 'limit=9999999999999999'])('400 for a bad cursor or limit: %s', async (query) => {
    const r = await fetch(`${c.url}/api/occurrences?${query}`);
    expect(r.status).toBe(400);
    expect((await r.json()).error).toMatch(/after must be a cursor/);
  });

  it(`caps a page at ${MAX_PAGE_ITEMS} rows`, async () => {
    c.store.transaction(() => {
      for (let i = 0; i < MAX_PAGE_ITEMS + 10; i++) c.store.addEvent(eventItem({ eventName: 'purchase' }), { receivedAt: 1, userAgent: 'seed', dialect: 'batch', ip: '127.0.0.1' });
    });
    const page = await get(c, '/api/events?eventName=purchase&limit=100000');
    expect(page.items).toHaveLength(MAX_PAGE_ITEMS);
    expect(page.next).not.toBeNull();
  });
});

describe('large store', () => {
  // 2 400 occurrences of ~120 KB each: one unpaged answer would be ~290 MB, as in issue 8.
  const ROWS = 2400;
  const STACK = 'x'.repeat(120 * 1024);
  const tmp = mkdtempSync(join(tmpdir(), 'collector-large-'));
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => {
    c = await start({ dbPath: join(tmp, 'large.sqlite') });
    /** @type {import('../../demo/collector/store.mjs').Meta} */
    const meta = { receivedAt: Date.now(), userAgent: 'seed', dialect: 'batch', ip: '127.0.0.1' };
    c.store.transaction(() => {
      for (let i = 0; i < ROWS; i++) c.store.addError({ id: newId(), ...errorItem({ message: `big #${i}`, stack: STACK }) }, meta);
    });
  }, 120_000);
  afterAll(async () => { await c.close(); rmSync(tmp, { recursive: true, force: true }); });

  it('answers in pages no larger than the page budget, and every row is read once', async () => {
    const started = Date.now();
    const occurrences = await getAll(c, '/api/occurrences');
    const groups = await getAll(c, '/api/errors', 'groups');
    const view = Buffer.byteLength(await (await fetch(`${c.url}/`)).text());
    console.log(`[figures] ${ROWS} rows of ~120 KB (${(ROWS * STACK.length / MiB).toFixed(0)} MiB stored): ` +
      `largest occurrences page ${occurrences.largest} B over ${occurrences.pages} pages, largest groups page ${groups.largest} B, view ${view} B, ` +
      `all pages read in ${Date.now() - started} ms`);
    expect(occurrences.list).toHaveLength(ROWS);
    expect(new Set(occurrences.list.map((o) => o.id)).size).toBe(ROWS);
    expect(occurrences.list.map((o) => o.message).slice(0, 3)).toEqual(['big #0', 'big #1', 'big #2']);
    expect(groups.list).toHaveLength(ROWS);
    // The first row always goes in, so a page may pass the budget by less than one row.
    for (const largest of [occurrences.largest, groups.largest]) expect(largest).toBeLessThan(MAX_PAGE_BYTES + 130 * 1024);
    expect(view).toBeLessThan(1 * MiB);
  }, 60_000);

  it('16 slow readers, each with 20 requests pipelined and nothing read, hold bounded memory and do not stall ingest', async () => {
    // The collector in its own process, so its RSS is its own.
    const server = await spawnServer(['demo/collector/main.mjs', '--port', '0', '--db', join(tmp, 'large.sqlite')], {}, /listening on (http:\/\/\S+)/);
    const port = Number(new URL(server.url).port);
    const target = { url: server.url };
    // Linux always lists VmRSS for a live process.
    const rss = () => Number(/** @type {RegExpExecArray} */ (/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8')))[1]) * 1024;
    const readers = [];
    try {
      await fetch(`${server.url}/api/stats`); // warm up
      const baseline = rss();
      for (let i = 0; i < 16; i++) {
        const socket = net.connect({ host: '127.0.0.1', port });
        socket.on('error', () => {});
        await new Promise((ok) => socket.once('connect', ok));
        socket.pause(); // never read: the answers back up into the server
        let requests = '';
        for (let p = 0; p < 20; p++) requests += `GET /api/occurrences?after=${p * 4} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
        socket.write(requests);
        readers.push(socket);
      }
      let peak = baseline;
      const ingest = [];
      const end = Date.now() + 3000;
      while (Date.now() < end) {
        peak = Math.max(peak, rss());
        const t = performance.now();
        expect((await post(target, '/report/error', errorItem({ message: 'during slow reads' }))).status).toBe(200);
        ingest.push(performance.now() - t);
        await sleep(100);
      }
      expect((await fetch(`${server.url}/api/stats`)).status).toBe(200);
      peak = Math.max(peak, rss());
      const slowest = Math.max(...ingest);
      console.log(`[figures] 16 slow readers x 20 pipelined pages: collector RSS ${(baseline / MiB).toFixed(0)} MiB before, peak ${(peak / MiB).toFixed(0)} MiB ` +
        `(+${((peak - baseline) / MiB).toFixed(1)} MiB); ${ingest.length} reports stored meanwhile, slowest ${slowest.toFixed(0)} ms`);
      // Bounded by the read budget (16 MiB of answers in flight) plus the garbage of building them.
      expect(peak - baseline).toBeLessThan(128 * MiB);
      expect(slowest).toBeLessThan(500);
    } finally {
      for (const socket of readers) socket.destroy();
      await server.stop();
    }
  }, 30_000);
});

describe('read access', () => {
  const TOKEN = 'read-token-0123456789abcdef';
  /** @type {import('./helpers.mjs').Collector} */
  let locked;
  /** @type {import('./helpers.mjs').Collector} */
  let open;
  beforeAll(async () => {
    locked = await start({ config: { read: { token: TOKEN, loopbackExempt: false } } });
    open = await start();
  });
  afterAll(async () => { await locked.close(); await open.close(); });

  it('needs the token when loopback is not exempt: 401 without or with a wrong one', async () => {
    for (const path of ['/api/stats', '/api/occurrences', '/']) {
      for (const headers of /** @type {Record<string, string>[]} */ ([{}, { Authorization: 'Bearer wrong-token-0123456789abcdef' }])) {
        const r = await fetch(`${locked.url}${path}`, { headers });
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toBe('Bearer');
        expect(await r.json()).toEqual({ error: 'read token required' });
      }
    }
  });

  it('reads with the token as a bearer header, or in the view\'s URL', async () => {
    expect((await fetch(`${locked.url}/api/stats`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const view = await fetch(`${locked.url}/?token=${TOKEN}`);
    expect(view.status).toBe(200);
    expect(view.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('still takes reports without a read token', async () => {
    expect((await post(locked, '/report/error', errorItem())).status).toBe(200);
  });

  it('exempts loopback only when the Host header names this machine (no DNS rebinding)', async () => {
    /** @param {string} host @returns {Promise<number | undefined>} */
    const status = (host) => new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: open.port, path: '/api/stats', headers: { Host: host } }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
    });
    expect(await status(`127.0.0.1:${open.port}`)).toBe(200);
    expect(await status(`localhost:${open.port}`)).toBe(200);
    expect(await status(`evil.test:${open.port}`)).toBe(401);
  });

  it('rejects a short token in the config', async () => {
    await expect(start({ config: { read: { token: 'short' } } })).rejects.toThrow(/read\.token/);
  });
});
