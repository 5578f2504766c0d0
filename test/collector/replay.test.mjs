// Item 11 of issue 8: a request signed ahead (timestamp up to the window in the future) must
// not be replayable once the old 300 s nonce TTL has passed, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentials, errorItem, post, start } from './helpers.mjs';

describe('replay of a request signed ahead', () => {
  const WINDOW = 300;
  let now = Date.now();
  /** @type {import('./helpers.mjs').Collector} */
  let c;
  beforeAll(async () => { c = await start({ clock: () => now, config: { auth: { timestampWindowSeconds: WINDOW, nonceTtlSeconds: 300 } } }); });
  afterAll(() => c.close());

  it.each(/** @type {import('./helpers.mjs').AuthStyle[]} */ (['header', 'query']))('is refused for as long as its timestamp is accepted (%s auth)', async (auth) => {
    now = Date.now();
    const ts = String(Math.floor(now / 1000) + WINDOW - 10); // signed 290 s ahead
    const creds = credentials({ ts });
    expect((await post(c, '/report/error', errorItem(), { auth, creds })).status).toBe(200);
    for (const later of [1, 299, 301, 400, 580]) { // the old cache forgot the nonce after 300 s
      now = Date.now() + later * 1000;
      const replay = await post(c, '/report/error', errorItem(), { auth, creds });
      expect(replay, `replay ${later} s later`).toMatchObject({ status: 401, json: { error: 'nonce already used' } });
    }
    now = Date.now() + 600 * 1000; // the timestamp itself has left the window
    expect((await post(c, '/report/error', errorItem(), { auth, creds })).json.error).toBe('timestamp outside the allowed window');
  });
});
