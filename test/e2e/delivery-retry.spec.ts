// Retry, pacing and backpressure against a failing server, measured end to end: an outage,
// a 429 with Retry-After, connections cut, an offline browser, a visitor clock an hour off.
import { test, expect, sdkPage, type CollectorClient } from './support/fixtures';
import { RestartableCollector } from './support/restartable-collector';

const posts = async (collector: CollectorClient) => (await collector.requests()).filter((r) => r.method === 'POST' && r.path.startsWith('/report/'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('batch: errors of the same few seconds go as one request, with no preflight', async ({ page, site, collector }) => {
  const url = site.page('/batch.html', sdkPage(collector.url, {
    options: { dialect: 'batch' },
    script: `window.three = () => { for (let i = 0; i < 3; i++) setTimeout(() => { throw new Error('together #' + i); }, i * 300); };`,
  }));
  await page.goto(url);
  const started = Date.now();
  await page.evaluate(() => (window as any).three());
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 3);
  const elapsed = Date.now() - started;
  expect(items.map((i) => i.dialect)).toEqual(['batch', 'batch', 'batch']);
  const requests = await collector.requests();
  // No OPTIONS: the batch dialect needs no CORS preflight.
  expect(requests.map((r) => [r.method, r.path, r.auth, r.contentType])).toEqual([['POST', '/report/batch', 'query', 'text/plain;charset=UTF-8']]);
  // The first item waited for company about batchDelayMs (2 s), not much longer.
  expect(elapsed).toBeGreaterThan(1500);
  expect(elapsed).toBeLessThan(6000);
});

for (const dialect of ['stock', 'batch'] as const) {
  test(`${dialect}: collector stopped for 30 s while the page throws 20 errors, then restarted: 20 of 20 stored exactly once, within 10 s of the restart`, async ({ page, site }) => {
    test.setTimeout(180_000);
    const collector = await RestartableCollector.start();
    try {
      const url = site.page('/outage.html', sdkPage(collector.url, {
        options: { dialect },
        script: `window.throwSome = (from, n) => { for (let i = from; i < from + n; i++) setTimeout(() => { throw new Error('during the outage #' + i); }, 0); };`,
      }));
      await page.goto(url);
      await collector.stop();
      const stoppedAt = Date.now();
      // 20 errors spread over the outage.
      for (let k = 0; k < 4; k++) {
        await page.evaluate((from) => (window as any).throwSome(from, 5), k * 5);
        await sleep(6_000);
      }
      await sleep(30_000 - (Date.now() - stoppedAt));
      await collector.restart();
      const restartedAt = Date.now();
      const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 20, 90_000);
      const after = Date.now() - restartedAt;
      await sleep(2_000);
      const stored = await collector.errors();
      expect(stored).toHaveLength(20);
      expect(new Set(stored.map((i) => i.message)).size).toBe(20);
      expect((await collector.get('/api/errors')).groups.every((g: any) => g.count === 1)).toBe(true);
      expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({});
      const statuses = (await posts(collector)).map((r) => r.status);
      expect(statuses.every((s) => s === 200)).toBe(true);
      console.log(`${dialect} outage: 20/20 stored exactly once, the last ${after} ms after the restart, ${statuses.length} POSTs after it`);
      expect(items.length).toBe(20);
      // A young outage is probed every 4-8 s, then the queue drains at the pace.
      expect(after).toBeLessThan(10_000);
    } finally {
      await collector.close();
    }
  });
}

test('batch: a 429 with Retry-After: 5 for 10 s is honoured (no request before the time), then everything is stored', async ({ page, site, collector }) => {
  test.setTimeout(90_000);
  const url = site.page('/429.html', sdkPage(collector.url, {
    options: { dialect: 'batch' },
    script: `window.throwSome = (from, n) => { for (let i = from; i < from + n; i++) setTimeout(() => { throw new Error('while limited #' + i); }, 0); };`,
  }));
  await page.goto(url);
  await collector.faults({ status: 429, retryAfter: 5, forMs: 10_000 });
  await page.evaluate(() => (window as any).throwSome(0, 5));
  await sleep(4_000);
  await page.evaluate(() => (window as any).throwSome(5, 5));
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 10, 40_000);
  await sleep(1_000);
  expect(await collector.errors()).toHaveLength(10);
  expect(new Set(items.map((i) => i.message)).size).toBe(10);
  const sent = await posts(collector);
  const limited = sent.filter((r) => r.status === 429);
  expect(limited.length).toBeGreaterThanOrEqual(1);
  for (let i = 1; i < sent.length; i++) {
    if (sent[i - 1].status === 429) expect(sent[i].time - sent[i - 1].time).toBeGreaterThanOrEqual(5_000);
  }
  console.log(`429: ${sent.length} POSTs (${limited.length} answered 429), gaps after a 429: ${sent.slice(1).map((r, i) => r.time - sent[i].time).join(', ')} ms; 10/10 stored`);
});

test('batch: a collector cutting every other connection still gets everything, exactly once', async ({ page, site, collector }) => {
  test.setTimeout(90_000);
  const url = site.page('/flaky.html', sdkPage(collector.url, {
    options: { dialect: 'batch' },
    script: `window.throwSome = (from, n) => { for (let i = from; i < from + n; i++) setTimeout(() => { throw new Error('flaky network #' + i); }, 0); };`,
  }));
  await page.goto(url);
  await collector.faults({ dropEveryOther: true });
  for (let k = 0; k < 4; k++) {
    await page.evaluate((from) => (window as any).throwSome(from, 5), k * 5);
    await page.evaluate((k) => (window as any).t.reportEvent('purchase', { k }), k);
    await sleep(3_000);
  }
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 20, 60_000);
  const events = await collector.waitFor(() => collector.events(), (i) => i.length >= 4, 30_000);
  await sleep(1_000);
  expect(await collector.errors()).toHaveLength(20);
  expect(new Set(items.map((i) => i.message)).size).toBe(20);
  expect(events).toHaveLength(4);
  expect((await collector.get('/api/errors')).groups.every((g: any) => g.count === 1)).toBe(true);
  const sent = await posts(collector);
  const cut = sent.filter((r) => r.status === null).length;
  expect(cut).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({});
  console.log(`every other connection cut: ${sent.length} POSTs, ${cut} cut, 20/20 errors and 4/4 events stored once`);
});

test('batch: an offline browser sends nothing and burns no attempts; back online, it delivers', async ({ page, site, collector }) => {
  const url = site.page('/offline.html', sdkPage(collector.url, { options: { dialect: 'batch', maxAttempts: 2 } }));
  await page.goto(url);
  await page.context().setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.evaluate(() => { for (let i = 0; i < 3; i++) (window as any).t.reportError(new Error('offline #' + i)); });
  await sleep(8_000);
  expect(await posts(collector)).toHaveLength(0);
  await page.context().setOffline(false);
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 3, 10_000);
  expect(items).toHaveLength(3);
  expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({});
});

test('batch: a visitor clock an hour fast is corrected from the server\'s Date after one 401', async ({ page, site, collector }) => {
  const url = site.page('/clock.html', sdkPage(collector.url, {
    options: { dialect: 'batch' },
    script: `const realNow = Date.now; Date.now = () => realNow() + 3600e3; t.reportError(new Error('from the future'));`,
  }));
  await page.goto(url);
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item.message).toBe('from the future');
  expect((await posts(collector)).map((r) => r.status)).toEqual([401, 200]);
  // Later requests are signed with the corrected clock straight away.
  await page.evaluate(() => (window as any).t.reportError(new Error('second')));
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  expect((await posts(collector)).map((r) => r.status)).toEqual([401, 200, 200]);
});

test('stock: a visitor clock an hour fast cannot be corrected (Date is not readable): final 401, counted', async ({ page, site, collector }) => {
  const url = site.page('/clock.html', sdkPage(collector.url, {
    script: `const realNow = Date.now; Date.now = () => realNow() + 3600e3; t.reportError(new Error('from the future'));`,
  }));
  await page.goto(url);
  await collector.waitFor(() => posts(collector), (r) => r.length >= 1);
  await sleep(2_000);
  expect((await posts(collector)).map((r) => r.status)).toEqual([401]);
  expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({ final_4xx: 1 });
});

test('batch: drop counts reach the collector (queue full, refused items), each report once', async ({ page, site, collector }) => {
  site.page('/next.html', '<!doctype html><title>next</title>');
  const url = site.page('/drops.html', sdkPage(collector.url, {
    options: { dialect: 'batch', maxQueueBytes: 4000 },
    script: `window.storm = () => { for (let i = 0; i < 20; i++) t.reportError(new Error('storm #' + i + ' ' + 'x'.repeat(500))); };`,
  }));
  await page.goto(url);
  await page.evaluate(() => (window as any).storm());
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  // An event the server refuses (not on its whitelist): 200 with the item in `rejected`.
  await page.evaluate(() => (window as any).t.reportEvent('not_whitelisted'));
  await page.evaluate(() => (window as any).t.flush(5000));
  const dropped = await page.evaluate(() => (window as any).t.dropped);
  const stored = (await collector.errors()).length;
  expect(dropped.queue_full).toBeGreaterThan(0);
  expect(stored + dropped.queue_full).toBe(20);
  expect(dropped.rejected).toBe(1);
  // The queue_full counts rode on the first batch; the refused item's count goes with the exit beacon.
  await page.goto(site.origin + '/next.html');
  const drops = await collector.waitFor(() => collector.get('/api/drops?appId=test-app'), (d) => d.drops.rejected === 1);
  expect(drops.drops).toEqual({ queue_full: dropped.queue_full, rejected: 1 });
  console.log(`drops: ${stored} stored, ${JSON.stringify(drops.drops)} reported`);
});
