// The spool: what a page could not send before it was closed (a server outage) waits in
// localStorage and is sent by the next page load of the same origin.
import type { BrowserContext } from '@playwright/test';
import { test, expect, sdkPage, CollectorClient, leave } from './support/fixtures';
import { createCollector } from '../../demo/collector/server.mjs';
import type { Site } from './support/site';
import { RestartableCollector } from './support/restartable-collector';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spoolOf = (page: import('@playwright/test').Page) => page.evaluate(() => localStorage.getItem('_tracely_spool'));

for (const dialect of ['stock', 'batch'] as const) {
  test(`${dialect}: a page closed during an outage spools its reports; reopened after it, they are stored`, async ({ context, site }) => {
    test.setTimeout(90_000);
    const collector = await RestartableCollector.start();
    try {
      const options = { dialect };
      site.page('/plain.html', '<!doctype html><title>plain</title>');
      const url = site.page('/app.html', sdkPage(collector.url, {
        options,
        script: `window.throwSome = (n) => { for (let i = 0; i < n; i++) setTimeout(() => { throw new Error('before the close #' + i); }, 0); };
                 window.event = () => t.reportEvent('purchase', { amount: 1 });`,
      }));
      const first = await context.newPage();
      await first.goto(url);
      await collector.stop();
      await first.evaluate(() => { (window as any).throwSome(5); (window as any).event(); });
      // Long enough for a first attempt to fail: the SDK knows the server is unreachable.
      await sleep(dialect === 'batch' ? 4_000 : 2_000);
      await leave(first);

      // The reports wait in storage, nothing is lost while the server is down.
      const probe = await context.newPage();
      await probe.goto(site.origin + '/plain.html');
      const spool = JSON.parse((await spoolOf(probe)) || '{}');
      const records = Object.values(spool) as any[];
      expect(records).toHaveLength(1);
      // Other features (dwell time, web vitals) may add their own events at exit.
      const spooled = records[0].e.map((e: any) => JSON.parse(e[1]));
      expect(spooled.filter((i: any) => i.type).map((i: any) => i.message).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Error: before the close #${i}`));
      expect(spooled.filter((i: any) => i.eventName === 'purchase')).toHaveLength(1);
      await probe.close();

      await collector.restart();
      const second = await context.newPage();
      await second.goto(url);
      const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 5);
      const events = await collector.waitFor(() => collector.events(), (i) => i.some((e) => e.eventName === 'purchase'));
      await sleep(1_000);
      expect(await collector.errors()).toHaveLength(5);
      expect(new Set(items.map((i) => i.message)).size).toBe(5);
      expect(events.filter((e) => e.eventName === 'purchase')).toHaveLength(1);
      // Taken out of storage as it was replayed.
      expect(await spoolOf(second)).toBeNull();
    } finally {
      await collector.close();
    }
  });
}

test('batch: spooled reports older than maxSpoolAgeMs are dropped as too_old, and the collector is told', async ({ context, site, collector }) => {
  test.setTimeout(60_000);
  // The first page's collector stays down: its exit beacon, which the browser may send late, can
  // never land (restarted on its port, it stored the three once as well as their too_old count).
  // The spool is the origin's, not the host's: the next page sends its leftovers to its own collector.
  const down = await RestartableCollector.start();
  try {
    // No dwell or vitals: their exit events are spooled too, and counted too_old as well when the
    // next page reads the spool more than 3 s after this one's exit (a loaded CI run: 5, not 3).
    const page = (host: string) => site.page(`/app-${new URL(host).port}.html`, sdkPage(host, {
      options: { dialect: 'batch', maxSpoolAgeMs: 3_000, dwell: false, webVitals: false },
      script: `window.throwSome = (n) => { for (let i = 0; i < n; i++) setTimeout(() => { throw new Error('too old #' + i); }, 0); };`,
    }));
    const first = await context.newPage();
    await first.goto(page(down.url));
    await down.stop();
    await first.evaluate(() => (window as any).throwSome(3));
    await sleep(4_000);
    await leave(first);
    const second = await context.newPage();
    await second.goto(page(collector.url));
    // The spool is read in the idle period after init.
    await expect.poll(() => second.evaluate(() => (window as any).t.dropped)).toEqual({ too_old: 3 });
    // The counts ride on the next batch: here the exit beacon.
    await second.evaluate(() => (window as any).t.reportError(new Error('fresh')));
    await leave(second);
    const drops = await collector.waitFor(() => collector.get('/api/drops?appId=test-app'), (d) => d.drops.too_old === 3);
    expect(drops.drops).toEqual({ too_old: 3 });
    expect((await collector.errors()).map((i) => i.message)).toEqual(['fresh']);
  } finally {
    await down.close();
  }
});

test('batch: a corrupt spool (right shape, wrong contents) costs none of the page\'s new reports; what is invalid is counted and the count reaches the collector', async ({ context, site, collector }) => {
  const now = Date.now();
  const body = (message: string) => JSON.stringify({ id: 'a'.repeat(32), appId: 'test-app', type: 'jsError', message, stack: '', url: site.origin + '/' });
  // Written by an older version, another script, a truncated write. Each entry or report below
  // used to make every batch of the page invalid JSON or too large, or was dropped uncounted.
  const corrupt = JSON.stringify({
    aaaaaaaaaaaaaaaa: {
      e: [
        ['error', body('spooled and fine'), now - 1_000],
        ['error', '{"message":"cut sho', now - 1_000],
        ['error', body('no time'), null],
        ['warning', body('unknown kind'), now - 1_000],
        ['error', { message: 'an object, not JSON text' }, now - 1_000],
      ],
      d: [
        { i: 'b'.repeat(31) + '"', c: { queue_full: 1 } },
        { i: 'c'.repeat(32), c: Object.fromEntries(Array.from({ length: 5_000 }, (_, n) => [`reason_${n}`, 1])) },
        { i: 'd'.repeat(32), c: [3] },
      ],
    },
    bbbbbbbbbbbbbbbb: 'not a record',
    cccccccccccccccc: { e: 'not a list', d: [] },
  });
  const invalid = 9;
  site.page('/plain.html', '<!doctype html><title>plain</title>');
  const url = site.page('/app.html', sdkPage(collector.url, {
    options: { dialect: 'batch', webVitals: false, dwell: false },
    script: `setTimeout(() => { throw new Error('new on a page with a corrupt spool'); }, 0);`,
  }));
  const page = await context.newPage();
  await page.goto(site.origin + '/plain.html');
  await page.evaluate((value) => localStorage.setItem('_tracely_spool', value), corrupt);
  await page.goto(url);
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  expect(items.map((i) => i.message).sort()).toEqual(['Error: new on a page with a corrupt spool', 'spooled and fine']);
  expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({ spool_invalid: invalid });
  const drops = await collector.waitFor(() => collector.get('/api/drops?appId=test-app'), (d) => d.drops.spool_invalid === invalid);
  expect(drops.drops).toEqual({ spool_invalid: invalid });
  // Every request went through: no batch was refused because of what the spool held.
  expect((await collector.requests()).filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([200]);
  // Taken out of storage, so it is counted once, not at every page load.
  expect(await spoolOf(page)).toBeNull();
});

/** A page with every consent granted throws `message` during an outage and is closed: its exit spools the report. */
/**
 * A page of the origin leaves with an error spooled. Its collector answers 503 as long as the
 * test runs: a retry the page sent just before it closed (keepalive, in flight past the close)
 * reached the test's collector once its fault was lifted, and was stored beside the spooled
 * copy (1 of 2 runs with four workers). The spool is the origin's: the next page, sending to
 * the test's collector, reads it all the same. The caller closes the collector returned.
 */
async function spoolAnError(context: BrowserContext, site: Site, message: string): Promise<CollectorClient> {
  const raw = await createCollector({ dbPath: ':memory:', port: 0, host: 'localhost', quiet: true, testControls: true });
  const failing = new CollectorClient(raw.url, raw);
  const body = `<button id="boom" onclick="explode()">boom</button><script>function explode() { throw new Error(${JSON.stringify(message)}); }</script>`;
  const first = await context.newPage();
  // debug: the SDK says when it has read the 503. Left while that answer is still on its way, the
  // page has a request in flight to a server it has no reason to doubt, and (stock: no ids to
  // make a second copy harmless) does not spool it: the next page found no spool (a CI run).
  await first.goto(site.page('/granted.html', sdkPage(failing.url, { body, options: { debug: true } })));
  await failing.faults({ status: 503, forMs: 600_000 });
  const failureSeen = first.waitForEvent('console', (m) => m.text().includes('send failed (503)'));
  await first.click('#boom');
  await failureSeen;
  await leave(first);
  return failing;
}

test('stock: what the spool holds of a category the next page does not grant is not sent there; discarded and counted', async ({ context, site, collector }) => {
  const failing = await spoolAnError(context, site, 'spooled while granted');
  try {
    // The next page of the origin: the visitor now refuses error reports (analytics still granted, so the spool is read).
    const second = await context.newPage();
    await second.goto(site.page('/refused.html', sdkPage(collector.url, { options: { consent: { errors: 'denied', analytics: 'granted' } } })));
    await expect.poll(() => second.evaluate(() => localStorage.getItem('_tracely_spool')), { timeout: 10_000 }).toBeNull();
    await sleep(2_000);
    expect(await collector.errors()).toEqual([]);
    expect(await second.evaluate(() => (window as any).t.dropped)).toEqual({ consent_revoked: 1 });
  } finally {
    await failing.close();
  }
});

test('stock: the spool waits for the next page to decide errors consent; granted later, what it held is sent', async ({ context, site, collector }) => {
  const failing = await spoolAnError(context, site, 'spooled, then decided');
  try {
    // The next page: storage allowed, errors not decided yet (a consent banner still open).
    const second = await context.newPage();
    await second.goto(site.page('/pending.html', sdkPage(collector.url, { options: { consent: { errors: 'pending', analytics: 'granted' } } })));
    await sleep(3_000);
    // Not read while undecided: nothing sent, nothing dropped, still stored.
    expect(await collector.errors()).toEqual([]);
    expect(await second.evaluate(() => (window as any).t.dropped)).toEqual({});
    expect(await second.evaluate(() => localStorage.getItem('_tracely_spool'))).toContain('spooled, then decided');
    await second.evaluate(() => (window as any).t.setConsent('granted'));
    const stored = await collector.waitFor(() => collector.errors(), (e) => e.length > 0);
    expect(stored.map((e) => e.message)).toEqual(['Error: spooled, then decided']);
    expect(await second.evaluate(() => (window as any).t.dropped)).toEqual({});
  } finally {
    await failing.close();
  }
});
