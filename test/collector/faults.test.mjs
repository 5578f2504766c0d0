import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorItem, get, post, start } from './helpers.mjs';

const setFaults = (c, spec) => fetch(`${c.url}/_control/faults`, { method: 'POST', body: JSON.stringify(spec) });

describe('fault injection', () => {
  let c;
  beforeAll(async () => { c = await start(); });
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

  it('does not exist when faults are disabled', async () => {
    const plain = await start({ faults: false });
    try {
      expect((await setFaults(plain, { status: 500 })).status).toBe(404);
      expect((await fetch(`${plain.url}/_control/reset-rate-limit`, { method: 'POST' })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
