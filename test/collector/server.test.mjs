import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../../demo/collector/server.mjs';
import { loadConfig } from '../../demo/collector/config.mjs';
import { APP, credentials, errorItem, eventItem, get, newId, post, start } from './helpers.mjs';

const ALLOW_HEADERS = 'Origin, Content-Type, Authorization, X-App-Id, X-Timestamp, X-Nonce, X-Signature';
const tmp = mkdtempSync(join(tmpdir(), 'collector-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('CORS', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start(); });
  afterAll(() => c.close());

  it.each(['/report/error', '/report/event', '/report/batch'])('answers a preflight to %s with 204 and the exact headers', async (path) => {
    const r = await fetch(`${c.url}${path}`, { method: 'OPTIONS', headers: { Origin: 'https://site.test', 'Access-Control-Request-Method': 'POST' } });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(r.headers.get('access-control-allow-headers')).toBe(ALLOW_HEADERS);
  });

  it('exposes no header on the stock endpoints with header auth, even on errors', async () => {
    for (const r of [await post(c, '/report/error', errorItem()), await post(c, '/report/event', {}, { auth: 'none' })]) {
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(r.headers.get('access-control-allow-headers')).toBe(ALLOW_HEADERS);
      expect(r.headers.get('access-control-expose-headers')).toBeNull();
    }
  });

  it('allows only the view\'s own origin on the read API and the view', async () => {
    for (const path of ['/api/stats', '/', '/api/occurrences']) {
      const other = await fetch(`${c.url}${path}`, { headers: { Origin: 'https://evil.test' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('vary')).toBe('Origin');
      const own = await fetch(`${c.url}${path}`, { headers: { Origin: c.url } });
      expect(own.headers.get('access-control-allow-origin')).toBe(c.url);
      expect(own.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    }
    const preflight = await fetch(`${c.url}/api/occurrences`, { method: 'OPTIONS', headers: { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('read API and view', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start(); });
  afterAll(() => c.close());

  it('logs every /report/* request, with its auth style', async () => {
    await fetch(`${c.url}/report/batch`, { method: 'OPTIONS' });
    await post(c, '/report/error', errorItem(), { headers: { 'Content-Type': 'application/json' } });
    await post(c, '/report/batch', { items: [] }, { auth: 'query', contentType: 'text/plain;charset=UTF-8' });
    await post(c, '/report/event', eventItem(), { auth: 'none' });
    await fetch(`${c.url}/api/stats`); // not logged
    const { items } = await get(c, '/api/requests');
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ method: 'OPTIONS', path: '/report/batch', status: 204, auth: null });
    expect(items[1]).toMatchObject({ method: 'POST', path: '/report/error', status: 200, auth: 'header', contentType: 'application/json' });
    expect(items[1].bytes).toBe(JSON.stringify(errorItem()).length);
    expect(items[2]).toMatchObject({ path: '/report/batch', status: 200, auth: 'query', contentType: 'text/plain;charset=UTF-8' });
    expect(items[3]).toMatchObject({ path: '/report/event', status: 401, auth: null });
    for (const e of items) {
      expect(e.time).toBeTypeOf('number');
      expect(e.ip).toMatch(/127\.0\.0\.1/);
    }
    const stats = await get(c, '/api/stats');
    expect(stats).toMatchObject({ groups: 1, occurrences: 1, events: 0, requests: { 200: 2, 204: 1, 401: 1 } });
  });

  it('filters occurrences and events and keeps arrival order', async () => {
    for (const message of ['m1', 'm2', 'm3']) await post(c, '/report/error', errorItem({ type: 'RangeError', message }));
    await post(c, '/report/event', eventItem({ eventName: 'page_view' }));
    await post(c, '/report/event', eventItem({ eventName: 'purchase' }));
    const occ = await get(c, '/api/occurrences?type=RangeError');
    expect(occ.items.map((o) => o.message)).toEqual(['m1', 'm2', 'm3']);
    expect((await get(c, '/api/occurrences?appId=demo-app')).items).toEqual([]);
    expect((await get(c, '/api/events?eventName=purchase')).items).toHaveLength(1);
    expect((await get(c, `/api/events?appId=${APP}`)).items.map((e) => e.eventName)).toEqual(['page_view', 'purchase']);
  });

  it('renders the view with every client value escaped', async () => {
    const evil = '<script>alert(1)</script>';
    await post(c, '/report/error', errorItem({ type: evil, message: `<img src=x onerror=alert(2)>`, stack: evil,
      frames: [{ file: evil, line: 1, column: 1, function: evil, inApp: true }], breadcrumbs: [{ message: evil }] }));
    await post(c, '/report/event', eventItem({ userId: evil, metadata: { x: evil } }));
    await post(c, '/report/batch', { items: [], dropped: { '<b>queue_full</b>': 2 } }, { auth: 'query' });
    const r = await fetch(`${c.url}/`);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    const html = await r.text();
    expect(html).not.toContain(evil);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>queue_full');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;b&#62;queue_full&#60;/b&#62;');
    expect(html).toMatch(/setInterval\([\s\S]*3000\)/);
    expect((html.match(/<script/g) ?? []).length).toBe(1); // only the page's own refresher
    const nonce = /** @type {RegExpExecArray} */ (/<script nonce="([^"]+)">/.exec(html))[1];
    expect(r.headers.get('content-security-policy')).toContain(`script-src 'nonce-${nonce}'`);
  });
});

describe('persistence and restart', () => {
  it('keeps data across a stop and a restart on the same port and file', async () => {
    const dbPath = join(tmp, 'nested', 'restart.sqlite');
    const first = await start({ dbPath });
    const id = newId();
    await post(first, '/report/batch', { items: [{ kind: 'error', id, ...errorItem({ message: 'persisted' }) }], dropped: { too_old: 2 } }, { auth: 'query' });
    const { port, url } = first;
    await first.close();
    await first.close(); // idempotent
    await expect(fetch(`${url}/api/stats`)).rejects.toThrow(); // really down

    const second = await start({ dbPath, port });
    try {
      expect(second.url).toBe(url);
      expect((await get(second, '/api/errors')).groups).toMatchObject([{ message: 'persisted', count: 1 }]);
      expect((await get(second, '/api/drops')).drops).toEqual({ too_old: 2 });
      // The id is remembered across the restart: a re-send is accepted but not counted.
      const again = await post(second, '/report/batch', { items: [{ kind: 'error', id, ...errorItem({ message: 'persisted' }) }] }, { auth: 'query' });
      expect(again.json).toEqual({ accepted: 1, rejected: [] });
      expect((await get(second, '/api/errors')).groups[0].count).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('closes keep-alive connections so the port frees at once', async () => {
    const c = await start();
    await post(c, '/report/error', errorItem()); // leaves a pooled keep-alive socket
    const started = Date.now();
    await c.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('config', () => {
  it('has defaults that need no file', () => {
    const config = loadConfig();
    expect(config.apps.map((a) => a.appId)).toEqual(['demo-app', 'test-app']);
    expect(config.rateLimit.requestsPerMinute).toBe(60);
    expect(config.events.whitelist).toContain('web_vitals');
  });

  it('loads the example file and merges overrides', () => {
    const config = loadConfig({ path: fileURLToPath(new URL('../../demo/collector/config.example.json', import.meta.url)), overrides: { rateLimit: { requestsPerMinute: 7 } } });
    expect(config.rateLimit.requestsPerMinute).toBe(7);
    expect(config.auth.nonceTtlSeconds).toBe(300);
  });

  it.each([
    [{ apps: [] }, /apps/],
    [{ apps: [{ appId: 'a' }] }, /apps\[0\]/],
    [{ server: { port: 'x' } }, /server\.port/],
    [{ events: { whitelist: 'x' } }, /whitelist/],
    [{ rateLimit: { requestsPerMinute: 0 } }, /requestsPerMinute/],
    [{ limits: null }, /limits/],
    [{ ratelimit: {} }, /unknown key "ratelimit"/],
  ])('rejects a bad shape %j with a clear message', (overrides, message) => {
    expect(() => loadConfig({ overrides })).toThrow(message);
  });

  it('reports an unreadable or invalid file', () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(() => loadConfig({ path: file })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ path: join(tmp, 'missing.json') })).toThrow(/Cannot read/);
  });

  it('uses apps and whitelist from a config file', async () => {
    const file = join(tmp, 'custom.json');
    writeFileSync(file, JSON.stringify({ apps: [{ appId: 'mine', appSecret: 's3' }], events: { whitelist: ['only_this'] } }));
    const c = await createCollector({ configPath: file, port: 0, dbPath: ':memory:', quiet: true });
    try {
      const creds = credentials({ appId: 'mine', secret: 's3' });
      expect((await post(c, '/report/event', eventItem({ appId: 'mine', eventName: 'only_this' }), { creds })).status).toBe(200);
      const other = credentials({ appId: 'mine', secret: 's3' });
      expect((await post(c, '/report/event', eventItem({ appId: 'mine' }), { creds: other })).status).toBe(403);
      expect((await post(c, '/report/error', errorItem())).status).toBe(401); // test-app is not configured
    } finally {
      await c.close();
    }
  });
});

describe('CLI', () => {
  it('starts, prints its URL, serves, and exits cleanly on SIGTERM', async () => {
    const main = fileURLToPath(new URL('../../demo/collector/main.mjs', import.meta.url));
    const child = spawn(process.execPath, [main, '--port', '0', '--db', join(tmp, 'cli.sqlite')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/127\.0\.0\.1:\d+/); if (m) resolve(m[0]); });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect((await fetch(`${url}/api/stats`)).status).toBe(200);
    const code = await new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGTERM'); });
    expect(code).toBe(0);
  });

  it('fails with a clear message on a bad config', async () => {
    const file = join(tmp, 'cli-bad.json');
    writeFileSync(file, JSON.stringify({ apps: 'x' }));
    const main = fileURLToPath(new URL('../../demo/collector/main.mjs', import.meta.url));
    const child = spawn(process.execPath, [main, '--config', file, '--port', '0', '--db', ':memory:'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toMatch(/Invalid collector config: apps must be a non-empty array/);
  });
});
