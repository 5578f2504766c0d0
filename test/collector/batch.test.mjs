import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP, credentials, errorItem, eventItem, get, newId, post, start } from './helpers.mjs';
import { fingerprintOf } from '../../demo/collector/store.mjs';

/**
 * @param {import('./helpers.mjs').Server} c @param {unknown} body
 * @param {Parameters<typeof post>[3]} [opts]
 */
const sendBatch = (c, body, opts = {}) => post(c, '/report/batch', body, { auth: 'query', contentType: 'text/plain;charset=UTF-8', ...opts });
const err = (over = {}) => ({ kind: 'error', id: newId(), ...errorItem(over) });
const ev = (over = {}) => ({ kind: 'event', id: newId(), ...eventItem(over) });

/** @type {import('./helpers.mjs').Collector} */
let c;
beforeAll(async () => { c = await start({ config: { limits: { maxBodyBytes: 1024, maxBatchBytes: 4096 } } }); });
afterAll(() => c.close());

describe('POST /report/batch', () => {
  it('accepts good items, rejects bad ones by index, and exposes Retry-After and Date', async () => {
    const items = [
      err({ message: 'batch one' }),
      ev({ eventName: 'page_view' }),
      { ...err(), kind: 'log' },
      { ...err(), id: 'ABCDEF0123456789ABCDEF0123456789' },
      { ...err(), id: undefined },
      err({ message: '' }),
      ev({ eventName: 'secret_event' }),
      ev({ metadata: [1] }),
      err({ appId: 'demo-app' }),
      'not an object',
      null,
    ];
    const r = await sendBatch(c, { sentAt: Date.now(), items });
    expect(r.status).toBe(200);
    expect(r.json.accepted).toBe(2);
    /** @type {{ index: number, reason: string }[]} */
    const rejected = r.json.rejected;
    expect(rejected.map((x) => x.index)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const reasons = Object.fromEntries(rejected.map((x) => [x.index, x.reason]));
    expect(reasons[2]).toMatch(/kind/);
    expect(reasons[3]).toMatch(/id/);
    expect(reasons[4]).toMatch(/id/);
    expect(reasons[5]).toMatch(/message/);
    expect(reasons[6]).toBe('event not whitelisted');
    expect(reasons[7]).toMatch(/metadata/);
    expect(reasons[8]).toMatch(/does not match/);
    expect(r.headers.get('access-control-expose-headers')).toBe('Retry-After, Date');
    expect(r.headers.get('date')).toBeTruthy();

    const occ = await get(c, '/api/occurrences');
    expect(occ.items.filter((o) => o.message === 'batch one')).toMatchObject([{ kind: 'error', dialect: 'batch', id: /** @type {{ id: string }} */ (items[0]).id }]);
    const events = await get(c, '/api/events?eventName=page_view');
    expect(events.items).toMatchObject([{ id: /** @type {{ id: string }} */ (items[1]).id, dialect: 'batch' }]);
  });

  it('stores the envelope\'s sdk on each report of the batch, shows it on the group page, and ignores a malformed one', async () => {
    const sdk = { name: '@tracely/browser', version: '2.0.0' };
    const ok = await sendBatch(c, { sentAt: Date.now(), sdk, items: [err({ message: 'sdk named' }), ev({ eventName: 'form_submit' })] });
    expect(ok.json).toEqual({ accepted: 2, rejected: [] });
    expect((await get(c, '/api/occurrences')).items.filter((o) => o.message === 'sdk named')).toMatchObject([{ sdk }]);
    expect((await get(c, '/api/events?eventName=form_submit')).items).toMatchObject([{ sdk }]);
    const page = await (await fetch(`${c.url}/group?fp=${fingerprintOf(APP, 'TypeError', 'sdk named')}`)).text();
    expect(page).toMatch(/<dt>SDK<\/dt><dd>@tracely\/browser 2\.0\.0<\/dd>/);
    // Not a short name and version: the reports are stored, without it.
    for (const [i, bad] of [{ name: 'x'.repeat(65), version: '1' }, { name: 'a' }, 'tracely 2.0.0', [sdk]].entries()) {
      const r = await sendBatch(c, { sentAt: Date.now(), sdk: bad, items: [err({ message: `bad sdk ${i}` })] });
      expect(r.json).toEqual({ accepted: 1, rejected: [] });
      const [stored] = (await get(c, '/api/occurrences')).items.filter((o) => o.message === `bad sdk ${i}`);
      expect(stored).toBeDefined();
      expect(stored.sdk).toBeUndefined();
    }
  });

  it('is idempotent by item id across re-sends', async () => {
    const items = [err({ message: 'once only' }), ev({ eventName: 'purchase' })];
    const first = await sendBatch(c, { sentAt: Date.now(), items });
    const again = await sendBatch(c, { sentAt: Date.now(), items: [...items, items[0]] });
    expect(first.json).toEqual({ accepted: 2, rejected: [] });
    expect(again.json).toEqual({ accepted: 3, rejected: [] });
    const { groups } = await get(c, '/api/errors');
    expect(/** @type {import('./helpers.mjs').Group} */ (groups.find((g) => g.message === 'once only')).count).toBe(1);
    expect((await get(c, '/api/occurrences')).items.filter((o) => o.message === 'once only')).toHaveLength(1);
    expect((await get(c, '/api/events?eventName=purchase')).items).toHaveLength(1);
  });

  it('adds the SDK\'s drop counts per app and ignores a malformed report', async () => {
    await sendBatch(c, { items: [], dropped: { queue_full: 3, too_old: 1 } });
    await sendBatch(c, { items: [], dropped: { queue_full: 2, consent_revoked: 0 } });
    await sendBatch(c, { items: [], dropped: { queue_full: -5 } });
    await sendBatch(c, { items: [], dropped: { queue_full: 1.5 } });
    const bad = await sendBatch(c, { items: [err({ message: 'with bad drops' })], dropped: [1] });
    expect(bad.json.accepted).toBe(1);
    expect(await get(c, `/api/drops?appId=${APP}`)).toEqual({ drops: { queue_full: 5, too_old: 1 } });
    expect(await get(c, '/api/drops?appId=demo-app')).toEqual({ drops: {} });
  });

  it('adds a drop report with a dropsId once, however often it arrives', async () => {
    const demo = () => credentials({ appId: 'demo-app', secret: 'demo-secret' });
    const report = { dropped: { final_4xx: 2, spool_full: 1 }, dropsId: newId() };
    for (let i = 0; i < 3; i++) expect((await sendBatch(c, { items: [], ...report }, { creds: demo() })).status).toBe(200);
    await sendBatch(c, { items: [], dropped: { final_4xx: 1 }, dropsId: newId() }, { creds: demo() });
    // A malformed id does not take part in de-duplication: the counts are added each time.
    await sendBatch(c, { items: [], dropped: { too_old: 1 }, dropsId: 'x' }, { creds: demo() });
    await sendBatch(c, { items: [], dropped: { too_old: 1 }, dropsId: 'x' }, { creds: demo() });
    expect(await get(c, '/api/drops?appId=demo-app')).toEqual({ drops: { final_4xx: 3, spool_full: 1, too_old: 2 } });
    // The same report id under another app is another report.
    await sendBatch(c, { items: [], ...report });
    expect((await get(c, `/api/drops?appId=${APP}`)).drops).toMatchObject({ final_4xx: 2, spool_full: 1 });
  });

  it('400 when the body is not an object with an items array', async () => {
    for (const body of [{ sentAt: 1 }, { items: {} }, [], '{bad']) {
      const r = await sendBatch(c, body);
      expect(r.status).toBe(400);
    }
  });

  it('accepts application/json and header auth too', async () => {
    const r = await post(c, '/report/batch', { items: [err()] }, { auth: 'header' });
    expect(r.json).toEqual({ accepted: 1, rejected: [] });
  });

  it('401 with bad query auth, still exposing headers', async () => {
    const r = await sendBatch(c, { items: [err()] }, { creds: { ...credentials(), ts: '1' } });
    expect(r).toMatchObject({ status: 401, json: { error: 'timestamp outside the allowed window' } });
    expect(r.headers.get('access-control-expose-headers')).toBe('Retry-After, Date');
  });

  it('413 over maxBatchBytes; the batch cap, not the stock cap, applies', async () => {
    const items = Array.from({ length: 6 }, () => err({ stack: 'y'.repeat(300) }));
    expect(JSON.stringify({ items }).length).toBeGreaterThan(1024);
    expect(JSON.stringify({ items }).length).toBeLessThan(4096);
    expect((await sendBatch(c, { items })).json.accepted).toBe(6);
    const big = await sendBatch(c, { items: [...items, ...items] });
    expect(big.status).toBe(413);
    expect(big.headers.get('access-control-expose-headers')).toBe('Retry-After, Date');
  });

  it('commits a batch in one transaction: a failure stores nothing of it', async () => {
    const original = c.store.addEvent;
    c.store.addEvent = () => { throw new Error('boom'); };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const r = await sendBatch(c, { items: [err({ message: 'rolled back' }), ev()] });
      expect(r.status).toBe(500);
    } finally {
      c.store.addEvent = original;
      spy.mockRestore();
    }
    expect((await get(c, '/api/occurrences')).items.some((o) => o.message === 'rolled back')).toBe(false);
  });
});
