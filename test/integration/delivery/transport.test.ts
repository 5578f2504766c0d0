// The Transport in Node against the real collector: batching bounds, pacing, retry and
// Retry-After, drop accounting and drop reports. Node 20 has fetch but no window events: a
// real EventTarget provides the `online` event the transport listens to.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../../../demo/collector/server.mjs';
import { Transport, type DropReason, type TransportOptions } from '../../../src/delivery/transport';
import { MAX_REQUEST_BYTES as MAX_BATCH_BYTES } from '../../../src/delivery/keepalive';
import { batch } from '../../../src/delivery/dialects/batch';
import { stock } from '../../../src/delivery/dialects/stock';
import { SPOOL_KEY } from '../../../src/delivery/spool';
import { requester, type Post } from '../../../src/delivery/request';

const events = new EventTarget();
(globalThis as any).addEventListener ??= events.addEventListener.bind(events);
(globalThis as any).removeEventListener ??= events.removeEventListener.bind(events);

let collector: any;
beforeAll(async () => {
  collector = await createCollector({ port: 0, dbPath: ':memory:', quiet: true, testControls: true, config: { rateLimit: { requestsPerMinute: 1000 } } });
});
afterAll(() => collector.close());

let open: Transport[] = [];
afterEach(async () => {
  for (const t of open) t.close();
  open = [];
  await fetch(`${collector.url}/_control/faults`, { method: 'POST', body: '{}' });
});

const api = (path: string) => fetch(collector.url + path).then((r) => r.json());
const hex = () => Array.from({ length: 32 }, () => '0123456789abcdef'[(Math.random() * 16) | 0]).join('');
const error = (message: string, pad = 0) => JSON.stringify({ id: hex(), appId: 'test-app', type: 'jsError', message, stack: 's'.repeat(pad), url: 'https://site.test/' });
const event = (eventName: string) => JSON.stringify({ id: hex(), appId: 'test-app', eventName, userId: 'u1', metadata: {} });

function transport(over: Partial<TransportOptions> = {}) {
  const dropped: Partial<Record<DropReason, number>> = {};
  const t = new Transport({
    host: collector.url, appId: 'test-app', appSecret: 'test-secret', dialect: batch,
    maxRequestsPerMinute: 30, maxQueueBytes: 256 * 1024, maxAttempts: 8, batchDelayMs: 2000,
    maxSpoolBytes: 128 * 1024, maxSpoolAgeMs: 86_400_000, log: () => {},
    onDrop: (reason, n) => { dropped[reason] = (dropped[reason] || 0) + n; },
    ...over,
  });
  open.push(t);
  return { t, dropped };
}

const since = async (from: number) => (await api('/api/requests')).items.filter((r: any) => r.time >= from && r.method === 'POST');
const stored = async (prefix: string) => (await api('/api/occurrences')).items.filter((i: any) => i.message.startsWith(prefix));

describe('Transport, batch dialect', () => {
  it('splits a large queue into batches that each fit one beacon', async () => {
    const from = Date.now();
    const { t } = transport();
    for (let i = 0; i < 20; i++) t.enqueue('error', error(`split #${i}`, 9000));
    expect(await t.flush(10_000)).toBe(true);
    const requests = await since(from);
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const r of requests) expect(r.bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(await stored('split #')).toHaveLength(20);
  }, 15_000);

  it('waits batchDelayMs for company, then sends everything in one request', async () => {
    const from = Date.now();
    const { t } = transport({ batchDelayMs: 500 });
    t.enqueue('error', error('together #1'));
    await new Promise((r) => setTimeout(r, 200));
    t.enqueue('error', error('together #2'));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await since(from)).toHaveLength(1);
    expect(await stored('together #')).toHaveLength(2);
  });

  it('counts items the server refuses and reports the counts with an id, added once', async () => {
    const { t, dropped } = transport({ maxQueueBytes: 1500 });
    t.enqueue('event', event('not_on_the_whitelist'));
    for (let i = 0; i < 5; i++) t.enqueue('error', error(`full #${i}`, 300));
    expect(await t.flush(5000)).toBe(true);
    expect(dropped.rejected).toBe(1);
    expect(dropped.queue_full).toBeGreaterThan(0);
    const before = (await api('/api/drops?appId=test-app')).drops;
    // The queue_full counts rode on that batch; the refused item's count rides on the next one.
    t.enqueue('error', error('carrier'));
    expect(await t.flush(5000)).toBe(true);
    const after = (await api('/api/drops?appId=test-app')).drops;
    expect((after.rejected || 0) - (before.rejected || 0)).toBe(1);
    expect(after.queue_full).toBeGreaterThanOrEqual(dropped.queue_full!);
  });

  it('retries a 503 no sooner than its Retry-After, then delivers', async () => {
    await fetch(`${collector.url}/_control/faults`, { method: 'POST', body: JSON.stringify({ status: 503, retryAfter: 2, forMs: 1000 }) });
    const from = Date.now();
    const { t, dropped } = transport();
    t.enqueue('error', error('after 503'));
    expect(await t.flush(10_000)).toBe(true);
    const requests = await since(from);
    expect(requests.map((r: any) => r.status)).toEqual([503, 200]);
    expect(requests[1].time - requests[0].time).toBeGreaterThanOrEqual(2000);
    expect(dropped).toEqual({});
  }, 15_000);

  it('gives an item up after maxAttempts, counted as retries_exhausted', async () => {
    await fetch(`${collector.url}/_control/faults`, { method: 'POST', body: JSON.stringify({ status: 500 }) });
    const { t, dropped } = transport({ maxAttempts: 2 });
    t.enqueue('error', error('never'));
    expect(await t.flush(10_000)).toBe(true);
    expect(dropped).toEqual({ retries_exhausted: 1 });
  }, 15_000);

  it('never sends more than the pace allows, retries included', async () => {
    await fetch(`${collector.url}/_control/faults`, { method: 'POST', body: JSON.stringify({ status: 500 }) });
    const from = Date.now();
    const { t } = transport({ dialect: stock, maxRequestsPerMinute: 2, maxAttempts: 100 });
    t.enqueue('error', error('paced retry'));
    await new Promise((r) => setTimeout(r, 6000));
    // Backoff alone would have allowed at least 3 attempts by now (at 0, 0.5-1 s, 1.5-3 s, 3.5-7 s).
    expect(await since(from)).toHaveLength(2);
  }, 15_000);
});

describe('Transport, short outages', () => {
  it('a network failure spends neither an attempt nor the pace while the outage is young', async () => {
    // Every other connection cut: the first attempt fails at the network level.
    await fetch(`${collector.url}/_control/faults`, { method: 'POST', body: JSON.stringify({ dropEveryOther: true }) });
    const from = Date.now();
    // One attempt and one request a minute: without the rule the report would be given up
    // (retries_exhausted), or wait 61 s for the pace.
    const { t, dropped } = transport({ dialect: stock, maxAttempts: 1, maxRequestsPerMinute: 1 });
    t.enqueue('error', error('young outage'));
    expect(await t.flush(8_000)).toBe(true);
    expect(dropped).toEqual({});
    expect(await stored('young outage')).toHaveLength(1);
    expect((await since(from)).filter((r: any) => r.status === 200)).toHaveLength(1);
  }, 15_000);

  it('a 5xx still spends the pace and the attempts (the server counted it)', async () => {
    await fetch(`${collector.url}/_control/faults`, { method: 'POST', body: JSON.stringify({ status: 503 }) });
    const { t, dropped } = transport({ dialect: stock, maxAttempts: 1 });
    t.enqueue('error', error('spent on 503'));
    expect(await t.flush(5_000)).toBe(true);
    expect(dropped).toEqual({ retries_exhausted: 1 });
  }, 15_000);
});

describe('Transport, repeat items (batch)', () => {
  it('a repeat item reaches the collector and adds its count to the group', async () => {
    const { t } = transport({ batchDelayMs: 0 });
    t.enqueue('error', error('repeated in node'));
    t.enqueue('repeat', JSON.stringify({ id: hex(), time: Date.now(), type: 'jsError', message: 'repeated in node', fingerprint: 'jsError\nrepeated in node\n', count: 41 }));
    expect(await t.flush(5_000)).toBe(true);
    const { groups } = await api('/api/errors?appId=test-app');
    expect(groups.find((g: any) => g.message === 'repeated in node')).toMatchObject({ count: 42 });
  });
});

describe('Transport, stock dialect', () => {
  it('one request per item with header auth; a 403 is final', async () => {
    const from = Date.now();
    const { t, dropped } = transport({ dialect: stock });
    t.enqueue('error', error('stock one'));
    t.enqueue('event', event('not_on_the_whitelist'));
    expect(await t.flush(5000)).toBe(true);
    const requests = await since(from);
    expect(requests.map((r: any) => [r.path, r.auth, r.status])).toEqual([['/report/error', 'header', 200], ['/report/event', 'header', 403]]);
    expect(dropped).toEqual({ final_4xx: 1 });
  });
});

describe('Transport, consent revoked while a request is in flight', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** The real fetch, started only once the test lets it go: the revoke lands while the request is in flight. */
  function heldPost() {
    const real = requester()!;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const post: Post = (...args) => void released.then(() => real(...args));
    return { post, release };
  }

  /**
   * Sends an event (and an error, with `andAnError`) through a held fetch, discards the event
   * (consent revoked) while its request is in flight, lets the request go and waits until the
   * transport is idle. The drop counts, and when the first request was sent.
   */
  async function revokeInFlight(over: Partial<TransportOptions>, andAnError = false) {
    const { post, release } = heldPost();
    const from = Date.now();
    const { t, dropped } = transport({ dialect: stock, post, ...over });
    t.enqueue('event', event('purchase'));
    if (andAnError) t.enqueue('error', error('revoked in flight, other kind'));
    await sleep(50);
    // The event is in flight (nothing queued of its kind); an error waits in the queue.
    expect(t.discard('event')).toBe(0);
    release();
    expect(await t.flush(10_000)).toBe(true);
    return { dropped, from };
  }
  const serverFails = () => fetch(`${collector.url}/_control/faults`, { method: 'POST', body: JSON.stringify({ status: 503, forMs: 500 }) });

  it('a request that fails is not retried: its items are dropped and counted', async () => {
    await serverFails();
    const { dropped, from } = await revokeInFlight({}, true);
    expect(dropped).toEqual({ consent_revoked: 1 });
    // The server is back (500 ms), and the retry delay is long past: the event never went again.
    await sleep(1500);
    expect((await since(from)).map((r: any) => [r.path, r.status])).toEqual([['/report/event', 503], ['/report/error', 200]]);
  }, 15_000);

  it('an item revoked on its last attempt is counted as revoked, not as retries exhausted', async () => {
    await serverFails();
    const { dropped } = await revokeInFlight({ maxAttempts: 1 });
    expect(dropped).toEqual({ consent_revoked: 1 });
  });

  it('a request that succeeds delivered its items: nothing is counted', async () => {
    const { dropped, from } = await revokeInFlight({});
    expect(dropped).toEqual({});
    expect((await since(from)).map((r: any) => r.status)).toEqual([200]);
  });
});

describe('Transport, a corrupt spool (issue 8, item 6)', () => {
  // Node has no localStorage: a Map stands in for it, the spool code is the real one.
  const data = new Map<string, string>();
  beforeAll(() => {
    (globalThis as any).localStorage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
  });
  afterAll(() => {
    delete (globalThis as any).localStorage;
  });

  const old = Date.now() - 60_000;
  /** Right shape, wrong contents: each of these once sank every batch of the page (invalid JSON in the body, a 413) or was dropped uncounted. */
  const corrupt = () =>
    JSON.stringify({
      aaaa: {
        e: [
          ['error', error('spooled and fine'), old],
          ['error', '{"message":"cut short', old], // a truncated body: the batch would not be JSON
          ['log', error('unknown kind'), old],
          ['error', error('no time'), null],
        ],
        d: [
          { i: 'b'.repeat(31) + '"', c: { queue_full: 1 } }, // a quote in dropsId: the batch would not be JSON
          { i: 'c'.repeat(32), c: Object.fromEntries(Array.from({ length: 5000 }, (_, n) => [`reason_${n}`, 1])) }, // every batch over the size bound
        ],
      },
      bbbb: 'not a record',
    });
  const INVALID = 6;

  it('batch: the new reports and the valid spooled one are stored; the invalid are counted and the count reaches the collector', async () => {
    data.set(SPOOL_KEY, corrupt());
    const { t, dropped } = transport({ batchDelayMs: 100 });
    t.replay();
    t.enqueue('error', error('new after a corrupt spool #1'));
    t.enqueue('error', error('new after a corrupt spool #2'));
    const before = (await api('/api/drops?appId=test-app')).drops;
    expect(await t.flush(5000)).toBe(true);
    expect(dropped).toEqual({ spool_invalid: INVALID });
    expect((await stored('new after a corrupt spool #')).length).toBe(2);
    expect(await stored('spooled and fine')).toHaveLength(1);
    const after = (await api('/api/drops?appId=test-app')).drops;
    expect((after.spool_invalid || 0) - (before.spool_invalid || 0)).toBe(INVALID);
    // Taken out of storage: counted once.
    expect(data.has(SPOOL_KEY)).toBe(false);
  });

  it('stock: the new reports go out, the invalid are counted on the page', async () => {
    data.set(SPOOL_KEY, corrupt());
    const { t, dropped } = transport({ dialect: stock });
    t.replay();
    t.enqueue('error', error('stock after a corrupt spool'));
    expect(await t.flush(5000)).toBe(true);
    expect(dropped).toEqual({ spool_invalid: INVALID });
    expect(await stored('stock after a corrupt spool')).toHaveLength(1);
  });
});
