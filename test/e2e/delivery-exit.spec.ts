// Page exit in both dialects: reports captured just before the page goes are delivered
// (keepalive fetch in the stock dialect, sendBeacon in the batch dialect), and what does not
// fit the browser's 64 KiB keepalive budget waits in the spool for the next page load.
import { test, expect, sdkPage, type CollectorClient, leave } from './support/fixtures';

const DIALECTS = ['stock', 'batch'] as const;

/** Wraps sendBeacon to log each call's result and body size in sessionStorage (it survives the navigation). */
const RECORD_BEACONS = `const realBeacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url, body) => { const ok = realBeacon(url, body);
    sessionStorage.setItem('beacons', JSON.stringify([...JSON.parse(sessionStorage.getItem('beacons') || '[]'), { ok, bytes: body.length }])); return ok; };`;

/** Page code that reports `n` errors of about 10.3 KB each (message and stack at their limits). */
const REPORT_BIG = `for (let i = 0; i < n; i++) { const e = new Error('big #' + i + ' ' + 'M'.repeat(1990)); e.stack = 'S'.repeat(8000); t.reportError(e); }`;

/** Queues `n` such errors, then leaves. */
const BIG_THEN_LEAVE = `window.bigThenLeave = (n, to) => { ${REPORT_BIG} location.href = to; };`;

/**
 * Queues `n` such errors in the page's own pagehide listener (capture: it runs before the SDK's),
 * then leaves: all of them meet the exit together. Queued earlier, the first ~64 KB went by a
 * plain request at once, and under load it could be answered before the exit, which then had
 * the whole budget for the rest (a CI run stored all 10 at exit).
 */
const BIG_AT_EXIT = `window.bigAtExit = (n, to) => { addEventListener('pagehide', () => { ${REPORT_BIG} }, true); location.href = to; };`;

const posts = async (collector: CollectorClient) => (await collector.requests()).filter((r) => r.path.startsWith('/report/'));

for (const dialect of DIALECTS) {
  test(`${dialect}: five errors thrown 5 ms before navigating away are all stored`, async ({ page, site, collector }) => {
    site.page('/next.html', '<!doctype html><title>next</title><p>next page</p>');
    const url = site.page('/leave.html', sdkPage(collector.url, {
      // Vitals and dwell off: web_vitals leaves at the visibilitychange after pagehide, in a
      // second exit send, and this test counts the requests that carry the five errors.
      options: { dialect, webVitals: false, dwell: false },
      head: `<script>${RECORD_BEACONS}</script>`,
      body: `<button id="go">go</button><script>
        document.getElementById('go').onclick = () => {
          for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('thrown before leaving #' + i); }, 0);
          setTimeout(() => { location.href = '/next.html'; }, 5);
        };</script>`,
    }));
    await page.goto(url);
    await page.click('#go');
    await page.waitForURL('**/next.html');
    const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 5);
    await page.waitForTimeout(500);
    expect((await collector.errors()).map((i) => i.message).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Error: thrown before leaving #${i}`));
    expect(new Set(items.map((i) => i.id)).size).toBe(5);
    const sent = await posts(collector);
    const beacons = JSON.parse((await page.evaluate(() => sessionStorage.getItem('beacons'))) || '[]');
    if (dialect === 'batch') {
      // One beacon, no preflight, query auth.
      expect(beacons).toEqual([{ ok: true, bytes: expect.any(Number) }]);
      expect(sent).toMatchObject([{ method: 'POST', path: '/report/batch', status: 200, auth: 'query', contentType: 'text/plain;charset=UTF-8' }]);
    } else {
      expect(beacons).toEqual([]);
      expect(sent.filter((r) => r.method === 'POST' && r.path === '/report/error')).toHaveLength(5);
    }
  });

  test(`${dialect}: five errors thrown 5 ms before the tab is closed are all stored`, async ({ page, site, collector }) => {
    const url = site.page('/close.html', sdkPage(collector.url, {
      options: { dialect },
      // Resolves once the five timers have thrown (a sixth timer of the same delay runs after them):
      // under load, a close sent 5 ms after the timers were set may be handled before they run (a
      // local run of the whole suite stored 2 of 5), and errors never thrown are not the SDK's loss.
      script: `window.throwFive = () => new Promise((thrown) => { for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('thrown before closing #' + i); }, 0); setTimeout(thrown, 0); });`,
    }));
    await page.goto(url);
    await page.evaluate(() => (window as any).throwFive());
    await page.waitForTimeout(5);
    await leave(page);
    const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 5);
    await new Promise((r) => setTimeout(r, 500));
    expect(await collector.errors()).toHaveLength(5);
    expect(new Set(items.map((i) => i.message)).size).toBe(5);
  });

  test(`${dialect}: 60 KB of reports queued at page exit are all stored`, async ({ page, site, collector }) => {
    const options = { dialect };
    // The next page loads the SDK too: in the stock dialect, what the exit could not send comes from the spool.
    site.page('/next.html', sdkPage(collector.url, { options }));
    const url = site.page('/big.html', sdkPage(collector.url, { options, head: `<script>${RECORD_BEACONS}</script>`, script: BIG_THEN_LEAVE }));
    await page.goto(url);
    await page.evaluate(() => (window as any).bigThenLeave(6, '/next.html'));
    await page.waitForURL('**/next.html');
    const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 6);
    await page.waitForTimeout(1000);
    expect(await collector.errors()).toHaveLength(6);
    // Each item was sent once: none went both at exit and again from a spool.
    expect((await collector.get('/api/errors')).groups.map((g: any) => g.count)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(items.map((i) => i.id)).size).toBe(6);
    const sent = (await posts(collector)).filter((r) => r.method === 'POST');
    const bytes = sent.reduce((sum, r) => sum + r.bytes, 0);
    expect(bytes).toBeGreaterThan(60_000);
    const beacons = JSON.parse((await page.evaluate(() => sessionStorage.getItem('beacons'))) || '[]');
    if (dialect === 'batch') expect(beacons.filter((b: any) => b.ok).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => localStorage.getItem('_tracely_spool'))).toBeNull();
    console.log(`${dialect}: 60 KB at exit: 6/6 stored, ${sent.length} POSTs, ${bytes} bytes, beacons ${JSON.stringify(beacons)}`);
  });

  test(`${dialect}: 100 KB queued at page exit, over the keepalive budget: the rest comes from the spool at the next page load`, async ({ page, site, collector }) => {
    const options = { dialect };
    site.page('/plain.html', '<!doctype html><title>plain</title>');
    site.page('/next.html', sdkPage(collector.url, { options }));
    const url = site.page('/big.html', sdkPage(collector.url, { options, script: BIG_AT_EXIT }));
    await page.goto(url);
    await page.evaluate(() => (window as any).bigAtExit(10, '/plain.html'));
    await page.waitForURL('**/plain.html');
    await page.waitForTimeout(1500);
    const stored = await collector.errors();
    const sentAtExit = stored.length;
    const spool = JSON.parse((await page.evaluate(() => localStorage.getItem('_tracely_spool'))) || '{}');
    // Errors only: other features (dwell time, web vitals) may add events at exit.
    const spooledIds = Object.values(spool).flatMap((record: any) => record.e.filter((e: any) => e[0] === 'error').map((e: any) => JSON.parse(e[1]).id));
    const spooled = spooledIds.length;
    // Less than the 64 KiB budget went at exit; the rest is spooled: nothing lost, nothing twice.
    expect(sentAtExit).toBeGreaterThan(0);
    expect(sentAtExit).toBeLessThan(10);
    expect(new Set([...stored.map((i) => i.id), ...spooledIds]).size).toBe(10);
    // The batch dialect also keeps what its beacons carried until a request confirms the server is up.
    const storedIds = new Set(stored.map((i) => i.id));
    expect(sentAtExit + spooledIds.filter((id: string) => !storedIds.has(id)).length).toBe(10);
    if (dialect === 'stock') expect(sentAtExit + spooled).toBe(10);
    await page.goto(site.origin + '/next.html');
    const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 10);
    await page.waitForTimeout(1000);
    expect(await collector.errors()).toHaveLength(10);
    expect(new Set(items.map((i) => i.message)).size).toBe(10);
    expect((await collector.get('/api/errors')).groups.every((g: any) => g.count === 1)).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('_tracely_spool'))).toBeNull();
    console.log(`${dialect}: 100 KB at exit: ${sentAtExit} sent at exit, ${spooled} spooled, 10/10 stored after the next page load`);
  });
}
