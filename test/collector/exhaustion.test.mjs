// Item 12 of issue 8: deep JSON, idle connections, lone surrogates, nosniff, over real sockets
// on loopback. Idle crowds come from other loopback addresses (127.0.0.2...), so the
// legitimate client (127.0.0.1) is another address, as it would be on a network.
import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS } from '../../demo/collector/connections.mjs';
import { MAX_JSON_DEPTH } from '../../demo/collector/json-depth.mjs';
import { fingerprintOf } from '../../demo/collector/store.mjs';
import { APP, authQuery, errorItem, eventItem, get, post, start } from './helpers.mjs';

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** @param {number} depth */
const nest = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/**
 * Opens `count` sockets from `localAddress` that send nothing; resolves once all are tried.
 * @param {number} port @param {number} count @param {string} localAddress
 */
async function idleCrowd(port, count, localAddress) {
  /** @type {net.Socket[]} */
  const sockets = [];
  for (let i = 0; i < count; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port, localAddress });
      socket.on('error', resolve).on('close', resolve).on('connect', resolve);
      sockets.push(socket);
    })));
  }
  return sockets;
}

/**
 * A raw request; resolves with the whole answer text once the server closes or 1 s passes.
 * @param {number} port @param {string} text @returns {Promise<string>}
 */
function raw(port, text) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(text));
    let out = '';
    socket.on('data', (/** @type {Buffer} */ d) => { out += d; }).on('error', () => {}).on('close', () => resolve(out));
    setTimeout(() => { socket.destroy(); }, 1000);
  });
}

describe('deeply nested JSON', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start(); });
  afterAll(() => c.close());
  afterEach(() => vi.restoreAllMocks());

  it.each(['/report/error', '/report/event', '/report/batch'])('answers 400 on %s with a short JSON body, logging nothing', async (path) => {
    const logged = vi.spyOn(console, 'error');
    for (const body of [`{"items":${nest(10_000)}}`, `{"metadata":{"a":${nest(MAX_JSON_DEPTH)}}}`]) {
      const r = await post(c, path, body);
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    }
    expect(logged).not.toHaveBeenCalled();
  });

  it('still takes the SDK\'s deepest bodies, and brackets inside strings do not count', async () => {
    /** @type {Record<string, unknown>} */
    let metadata = { leaf: ']]]' + '['.repeat(500) };
    for (let i = 0; i < 100; i++) metadata = { a: metadata };
    const r = await post(c, '/report/event', eventItem({ metadata }));
    expect(r.status).toBe(200);
  });
});

describe('text that is not valid UTF-16', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start(); });
  afterAll(() => c.close());

  it('is stored and shown with U+FFFD in place of a lone surrogate, the same everywhere', async () => {
    // Sent as JSON escapes, as JSON.stringify writes a lone surrogate.
    const body = '{"type":"TypeError","message":"bad \\ud800 text","stack":"at \\udc00","appId":"test-app","tags":{"k\\ud83d":"v"}}';
    expect((await post(c, '/report/error', body)).status).toBe(200);
    const expected = 'bad \uFFFD text';
    const [group] = (await get(c, '/api/errors')).groups;
    const [occurrence] = (await get(c, '/api/occurrences')).items;
    expect(group).toMatchObject({ message: expected, stack: 'at \uFFFD', fingerprint: fingerprintOf(APP, 'TypeError', expected) });
    expect(occurrence).toMatchObject({ message: expected, stack: 'at \uFFFD', tags: { 'k\uFFFD': 'v' } });
    // Every answer is valid UTF-8.
    for (const path of ['/api/errors', '/api/occurrences', '/']) {
      const bytes = await (await fetch(`${c.url}${path}`)).arrayBuffer();
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(text).toContain(expected);
    }
  });
});

describe('X-Content-Type-Options: nosniff', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start({ testControls: true, config: { limits: { maxBodyBytes: 1024, maxBatchBytes: 4096 } } }); });
  afterAll(() => c.close());

  it('is on every answer the router gives', async () => {
    const answers = [
      await fetch(`${c.url}/report/error`, { method: 'OPTIONS' }),
      await fetch(`${c.url}/report/error`, { method: 'POST', body: '{}' }), // 401
      await fetch(`${c.url}/report/nope`, { method: 'POST' }),
      await fetch(`${c.url}/report/error`),
      await fetch(`${c.url}/report/batch?${authQuery()}`, { method: 'POST', body: 'x'.repeat(5000) }), // 413
      await fetch(`${c.url}/api/occurrences?limit=0`),
      await fetch(`${c.url}/api/nope`),
      await fetch(`${c.url}/api/stats`),
      await fetch(`${c.url}/`),
      await fetch(`${c.url}/elsewhere`),
      await fetch(`${c.url}/_control/faults`),
      await fetch(`${c.url}/_control/faults`, { method: 'POST', headers: { Origin: 'https://evil.test' } }),
    ];
    answers.push(await fetch(`${c.url}/report/error`, { method: 'POST', headers: { 'X-App-Id': APP }, body: '{}' }));
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([204, 401, 404, 405, 413, 400, 200, 403]));
    for (const r of answers) expect(r.headers.get('x-content-type-options'), `${r.url} ${r.status}`).toBe('nosniff');
  });

  it('is on the answers to requests the HTTP parser refuses', async () => {
    const bad = await raw(c.port, 'NOT A REQUEST\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(bad).toMatch(/X-Content-Type-Options: nosniff/i);
    expect(bad).toMatch(/\{"error":"malformed request"\}$/);
    const huge = await raw(c.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toMatch(/X-Content-Type-Options: nosniff/i);
  });
});

describe('connection caps', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  /** @type {net.Socket[]} */
  let crowd = [];
  beforeEach(async () => { c = await start(); });
  afterEach(async () => {
    for (const s of crowd) s.destroy();
    crowd = [];
    await c.close();
  });

  it(`1 100 idle connections from one address: ${MAX_CONNECTIONS_PER_ADDRESS} are held, a legitimate request still succeeds`, async () => {
    crowd = await idleCrowd(c.port, 1100, '127.0.0.2');
    await sleep(200);
    const held = c.connections.open;
    const started = performance.now();
    const r = await post(c, '/report/error', errorItem());
    const ms = performance.now() - started;
    console.log(`[figures] 1 100 idle connections from one address: ${held} held, ${c.connections.stats.refused} refused; a legitimate report answered ${r.status} in ${ms.toFixed(0)} ms`);
    expect(held).toBe(MAX_CONNECTIONS_PER_ADDRESS);
    expect(r.status).toBe(200);
  }, 30_000);

  it(`1 100 idle connections from 22 addresses: at most ${MAX_CONNECTIONS} are held, the longest idle make room, a legitimate request still succeeds`, async () => {
    for (let a = 2; a < 24; a++) crowd.push(...await idleCrowd(c.port, 50, `127.0.0.${a}`));
    await sleep(200);
    const held = c.connections.open;
    const started = performance.now();
    const r = await post(c, '/report/error', errorItem());
    const ms = performance.now() - started;
    console.log(`[figures] 1 100 idle connections from 22 addresses: ${held} held (peak ${c.connections.stats.peak}), ${c.connections.stats.evicted} longest-idle closed; a legitimate report answered ${r.status} in ${ms.toFixed(0)} ms`);
    expect(held).toBeLessThanOrEqual(MAX_CONNECTIONS);
    expect(c.connections.stats.peak).toBeLessThanOrEqual(MAX_CONNECTIONS);
    expect(c.connections.stats.evicted).toBeGreaterThan(0);
    expect(r.status).toBe(200);
  }, 30_000);
});

describe('idle sockets', () => {
  it('are closed when no request completes in time (slowloris), kept while a request is served', async () => {
    const c = await start({ connections: { idleMs: 300 } });
    try {
      const silent = net.connect({ host: '127.0.0.1', port: c.port });
      const slow = net.connect({ host: '127.0.0.1', port: c.port }, () => slow.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
      const closed = (/** @type {net.Socket} */ s) => new Promise((resolve) => s.on('error', () => {}).on('close', resolve));
      const started = Date.now();
      await Promise.all([closed(silent), closed(slow)]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await get(c, '/api/stats')).occurrences).toBe(0); // a normal request is unaffected
    } finally {
      await c.close();
    }
  });
});
