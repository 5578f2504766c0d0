import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorItem, get, post, spawnServer, start } from './helpers.mjs';

/** @param {import('./helpers.mjs').Server} c @param {Record<string, unknown>} spec a FaultSpec, or a bad one to be refused */
const setFaults = (c, spec) => fetch(`${c.url}/_control/faults`, { method: 'POST', body: JSON.stringify(spec) });

describe('fault injection', () => {
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start({ testControls: true }); });
  afterAll(() => c.close());
  beforeEach(async () => { await setFaults(c, {}); });

  it('answers every /report/* POST with the status and Retry-After, logged, until cleared', async () => {
    expect((await setFaults(c, { status: 429, retryAfter: 5 })).status).toBe(200);
    for (const path of ['/report/error', '/report/event', '/report/batch']) {
      const r = await post(c, path, errorItem());
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('5');
    }
    const { items } = await get(c, '/api/requests');
    expect(items.slice(-3).map((e) => e.status)).toEqual([429, 429, 429]);
    await setFaults(c, {});
    expect((await post(c, '/report/error', errorItem())).status).toBe(200);
  });

  it('answers 503 without Retry-After when none is given, and stores nothing', async () => {
    await setFaults(c, { status: 503 });
    const r = await post(c, '/report/error', errorItem({ message: 'during outage' }));
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBeNull();
    await setFaults(c, {});
    expect((await get(c, '/api/errors')).groups.some((g) => g.message === 'during outage')).toBe(false);
  });

  it('expires after forMs', async () => {
    await setFaults(c, { status: 500, forMs: 150 });
    expect((await post(c, '/report/error', errorItem())).status).toBe(500);
    await new Promise((r) => setTimeout(r, 200));
    expect((await post(c, '/report/error', errorItem())).status).toBe(200);
  });

  it('dropEveryOther cuts the first connection, serves the second, and so on', async () => {
    await setFaults(c, { dropEveryOther: true });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await post(c, '/report/error', errorItem({ message: `flaky ${i}` })).then((r) => r.status, () => 'network error'));
    }
    expect(outcomes).toEqual(['network error', 200, 'network error', 200]);
    const { items } = await get(c, '/api/requests');
    expect(items.slice(-4).map((e) => e.status)).toEqual([null, 200, null, 200]);
    const { groups } = await get(c, '/api/errors');
    expect(groups.filter((g) => g.message.startsWith('flaky')).map((g) => g.message).sort()).toEqual(['flaky 1', 'flaky 3']);
  });

  it('leaves preflights and the read API alone', async () => {
    await setFaults(c, { status: 500 });
    expect((await fetch(`${c.url}/report/error`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await fetch(`${c.url}/api/stats`)).status).toBe(200);
  });

  it('400 for a bad fault spec', async () => {
    for (const spec of [{ status: 200 }, { retryAfter: -1 }, { forMs: 0 }, { dropEveryOther: 'yes' }, { stauts: 500 }]) {
      expect((await setFaults(c, spec)).status).toBe(400);
    }
  });

  it('refuses requests that a web page could make: with an Origin header, or from a preflight', async () => {
    const fromPage = await fetch(`${c.url}/_control/faults`, { method: 'POST', headers: { Origin: 'https://evil.test', 'Content-Type': 'text/plain' }, body: '{"status":503}' });
    expect(fromPage.status).toBe(403);
    expect(await fromPage.json()).toEqual({ error: expect.stringMatching(/not web pages/) });
    const preflight = await fetch(`${c.url}/_control/faults`, { method: 'OPTIONS', headers: { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post(c, '/report/error', errorItem())).status).toBe(200); // no fault was set
  });
});

describe('test controls are opt-in', () => {
  it('do not exist unless the collector is started for tests', async () => {
    const plain = await start();
    try {
      expect(plain.testControls).toBe(false);
      expect((await setFaults(plain, { status: 503, forMs: 600_000 })).status).toBe(404);
      expect((await fetch(`${plain.url}/_control/reset-rate-limit`, { method: 'POST' })).status).toBe(404);
      expect((await post(plain, '/report/error', errorItem())).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('refuse to start on an address other machines can reach', async () => {
    await expect(start({ testControls: true, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  describe('from the command line', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'collector-controls-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    const db = (/** @type {string} */ name) => ['--db', join(tmp, `${name}.sqlite`)];

    it.each(/** @type {Array<{ way: string, args: string[], env: Record<string, string>, status: number }>} */ ([
      { way: 'npm run collector (no flag)', args: ['demo/collector/main.mjs', '--port', '0', ...db('plain')], env: {}, status: 404 },
      { way: '--test-controls', args: ['demo/collector/main.mjs', '--port', '0', '--test-controls', ...db('flag')], env: {}, status: 200 },
      { way: 'TRACELY_TEST_CONTROLS=1', args: ['demo/collector/main.mjs', '--port', '0', ...db('env')], env: { TRACELY_TEST_CONTROLS: '1' }, status: 200 },
      { way: 'npm run demo, even with TRACELY_TEST_CONTROLS=1', args: ['demo/start.mjs'], env: { TRACELY_TEST_CONTROLS: '1', COLLECTOR_PORT: '0', DEMO_PORT: '0', TRACELY_DB: join(tmp, 'demo.sqlite') }, status: 404 },
    ]))('$way → GET /_control/faults answers $status', async ({ args, env, status }) => {
      const server = await spawnServer(args, env, /(?:collector view:|listening on)\s+(http:\/\/\S+?)\/?(?:\s|$)/);
      try {
        expect((await fetch(`${server.url}/_control/faults`)).status).toBe(status);
      } finally {
        await server.stop();
      }
    });
  });
});
