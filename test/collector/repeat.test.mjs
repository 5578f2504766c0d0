// Batch `repeat` items (PROTOCOL.md §2): a throttled fingerprint's suppressed occurrences,
// validated, stored once by id, and added to the group md5(appId + type + message).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, credentials, errorItem, get, newId, post, start } from './helpers.mjs';
import { fingerprintOf } from '../../demo/collector/store.mjs';

/** @param {import('./helpers.mjs').Server} c @param {unknown[]} items @param {Parameters<typeof post>[3]} [opts] */
const sendItems = (c, items, opts = {}) => post(c, '/report/batch', { sentAt: Date.now(), items }, { auth: 'query', contentType: 'text/plain;charset=UTF-8', ...opts });
const repeat = (over = {}) => ({ kind: 'repeat', id: newId(), time: Date.now(), type: 'TypeError', message: 'x is undefined', fingerprint: 'TypeError\nx is undefined\na.js:1:2', count: 99, ...over });
/** @param {import('./helpers.mjs').Server} c @param {string} message */
const groupOf = async (c, message, appId = APP) =>
  (await get(c, `/api/errors?appId=${appId}`)).groups.find((/** @type {import('./helpers.mjs').Group} */ g) => g.message === message);

/** @type {import('./helpers.mjs').Collector} */
let c;
beforeAll(async () => { c = await start(); });
afterAll(() => c.close());

describe('batch repeat items', () => {
  it('adds the count to the group of the same type and message: 1 report + 99 repeats = 100', async () => {
    const first = { kind: 'error', id: newId(), ...errorItem({ message: 'hundred times' }) };
    expect((await sendItems(c, [first])).json).toEqual({ accepted: 1, rejected: [] });
    expect((await sendItems(c, [repeat({ message: 'hundred times', count: 99 })])).json).toEqual({ accepted: 1, rejected: [] });
    const group = await groupOf(c, 'hundred times');
    expect(group).toMatchObject({ count: 100, type: 'TypeError', fingerprint: fingerprintOf(APP, 'TypeError', 'hundred times') });
    // A repeat is a count, not an occurrence: the list of occurrences has the one report.
    expect((await get(c, `/api/occurrences?appId=${APP}`)).items.filter((o) => o.message === 'hundred times')).toHaveLength(1);
  });

  it('counts an id once, however often it arrives (a re-sent batch, a spooled re-send)', async () => {
    const item = repeat({ message: 'sent twice', count: 7 });
    for (let i = 0; i < 3; i++) expect((await sendItems(c, [item])).json.accepted).toBe(1);
    expect(await groupOf(c, 'sent twice')).toMatchObject({ count: 7 });
    await sendItems(c, [repeat({ message: 'sent twice', count: 3 })]);
    expect(await groupOf(c, 'sent twice')).toMatchObject({ count: 10 });
  });

  it('creates the group when its first report never arrived', async () => {
    expect(await groupOf(c, 'only repeats')).toBeUndefined();
    await sendItems(c, [repeat({ type: 'promiseError', message: 'only repeats', count: 5 })]);
    expect(await groupOf(c, 'only repeats')).toMatchObject({ count: 5, type: 'promiseError', appId: APP, stack: null });
  });

  it('groups under the authenticated app, whatever the item says', async () => {
    const demo = credentials({ appId: 'demo-app', secret: 'demo-secret' });
    await sendItems(c, [repeat({ message: 'per app', count: 2, appId: APP })], { creds: demo });
    expect(await groupOf(c, 'per app', 'demo-app')).toMatchObject({ count: 2 });
    expect(await groupOf(c, 'per app')).toBeUndefined();
  });

  it('rejects a malformed repeat by index, beside good items', async () => {
    const bad = [
      repeat({ count: 0 }),
      repeat({ count: 1.5 }),
      repeat({ count: '3' }),
      repeat({ count: 2e9 }),
      repeat({ type: '' }),
      repeat({ message: undefined }),
      repeat({ fingerprint: 42 }),
      repeat({ time: 'now' }),
      repeat({ id: 'nope' }),
    ];
    const r = await sendItems(c, [repeat({ message: 'good one', count: 1 }), ...bad]);
    expect(r.status).toBe(200);
    expect(r.json.accepted).toBe(1);
    expect(r.json.rejected.map((/** @type {{ index: number }} */ x) => x.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.json.rejected[0].reason).toMatch(/count/);
    expect(r.json.rejected[4].reason).toMatch(/type/);
    expect(r.json.rejected[8].reason).toMatch(/id/);
    expect(await groupOf(c, 'good one')).toMatchObject({ count: 1 });
    expect(await groupOf(c, 'x is undefined')).toBeUndefined();
  });

  it('is not accepted on the stock endpoints', async () => {
    const r = await post(c, '/report/error', repeat({ message: 'stock repeat' }));
    // The stock rules: an error needs appId; a repeat item has none.
    expect(r.status).toBe(400);
  });
});
