// Delivery in the stock dialect: throttle, final 4xx, pacing against the per-IP limit, exit.
import { test, expect, sdkPage } from './support/fixtures';

test('a duplicate error is reported once per window; the repeats ride on the next report', async ({ page, site, collector }) => {
  const url = site.page('/dup.html', sdkPage(collector.url, {
    options: { throttleMs: 2000 },
    body: `<button id="b" onclick="boom()">x</button><script>function boom() { throw new Error('same every time'); }</script>`,
  }));
  await page.goto(url);
  for (let i = 0; i < 5; i++) await page.click('#b');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await page.waitForTimeout(500);
  expect(await collector.errors()).toHaveLength(1);
  expect((await collector.errors())[0].repeat).toBe(0);
  await page.waitForTimeout(2000); // the window has passed
  await page.click('#b');
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  expect(items).toHaveLength(2);
  expect(items[1].repeat).toBe(4);
  const groups = (await collector.get('/api/errors')).groups;
  expect(groups).toHaveLength(1);
});

test('an event the server refuses with 403 is sent once and never again', async ({ page, site, collector }) => {
  const url = site.page('/403.html', sdkPage(collector.url, { script: `t.reportEvent('not_on_the_whitelist', { a: 1 });` }));
  await page.goto(url);
  const posts = () => collector.requests().then((r) => r.filter((x) => x.method === 'POST'));
  await collector.waitFor(posts, (r) => r.length >= 1);
  await page.waitForTimeout(3000); // longer than the first backoff steps
  const sent = await posts();
  expect(sent).toHaveLength(1);
  expect(sent[0].status).toBe(403);
  expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({ final_4xx: 1 });
  expect(await page.evaluate(() => (window as any).t.flush(1000))).toBe(true);
});

test('a burst of 150 distinct errors is paced under the 60/min limit: no 429, 60 stored within 65 s', async ({ page, site, collector }) => {
  test.setTimeout(120_000);
  const url = site.page('/burst.html', sdkPage(collector.url, {
    script: `document.title = 'ready'; window.burst = () => { for (let i = 0; i < 150; i++) t.reportError(new Error('distinct error #' + i)); };`,
  }));
  await page.goto(url);
  const started = Date.now();
  await page.evaluate(() => (window as any).burst());
  // The first minute's share (30 by default) goes at once...
  const first = await collector.waitFor(() => collector.errors(), (i) => i.length >= 30);
  expect(first).toHaveLength(30);
  await page.waitForTimeout(3000);
  expect(await collector.errors()).toHaveLength(30);
  // ...and the next share when the 61 s pacing window has moved on.
  const second = await collector.waitFor(() => collector.errors(), (i) => i.length >= 60, 70_000);
  const elapsed = Date.now() - started;
  expect(second).toHaveLength(60);
  expect(elapsed).toBeGreaterThan(60_000);
  const statuses = (await collector.requests()).filter((r) => r.method === 'POST').map((r) => r.status);
  expect(statuses.filter((s) => s === 429)).toHaveLength(0);
  expect(new Set(second.map((i) => i.message)).size).toBe(60);
  console.log(`burst: 150 errors, ${second.length} stored after ${elapsed} ms, ${statuses.length} POSTs, 0 answered 429`);
});

// Errors thrown just before navigating away or closing the tab: test/e2e/delivery-exit.spec.ts (both dialects).

test.describe('against a whitelist without web_vitals', () => {
  test.use({ collectorConfig: { events: { whitelist: ['_active', 'purchase'] } } });

  test('a refused event name costs one request per session, not one per page view', async ({ page, site, collector }) => {
    const url = site.page('/refused.html', sdkPage(collector.url, {
      options: { debug: true, webVitals: false, dwell: false },
      script: `t.reportEvent('web_vitals', { LCP: 1 }); t.reportEvent('purchase', { n: 1 });`,
    }));
    const said: string[] = [];
    page.on('console', (message) => said.push(message.text()));
    for (let load = 0; load < 3; load++) {
      await page.goto(url);
      await collector.waitFor(() => collector.events(), (items) => items.length >= load + 1);
      await page.evaluate(() => (window as any).t.flush(5000));
    }
    const posts = (await collector.requests()).filter((r) => r.method === 'POST' && r.path === '/report/event');
    // Three purchases stored; web_vitals asked for once, refused, and never again this session.
    expect(posts.filter((r) => r.status === 200)).toHaveLength(3);
    expect(posts.filter((r) => r.status === 403)).toHaveLength(1);
    expect(said.some((s) => s.includes('event "web_vitals" refused by the server (403): not sent again this session'))).toBe(true);
    expect(said.filter((s) => s.includes('event "web_vitals" was refused by the server this session: not sent'))).toHaveLength(2);
  });
});
