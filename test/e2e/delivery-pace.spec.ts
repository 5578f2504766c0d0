// A burst against the stock server's limit of 60 requests per minute per IP: the pacer keeps
// the SDK under it (no 429), and the batch dialect carries the same burst in a few requests.
import { test, expect, sdkPage } from './support/fixtures';

// Spread over one second (15 every 100 ms): the client defers at most 100 builds per task.
const BURST = `window.burst = () => { for (let i = 0; i < 150; i++) setTimeout(() => t.reportError(new Error('distinct error #' + i)), Math.floor(i / 15) * 100); };`;

test('stock at maxRequestsPerMinute 60: 150 distinct errors in one second, no 429, 60 stored within the first minute', async ({ page, site, collector }) => {
  test.setTimeout(120_000);
  const url = site.page('/burst.html', sdkPage(collector.url, { options: { maxRequestsPerMinute: 60 }, script: BURST }));
  await page.goto(url);
  const started = Date.now();
  await page.evaluate(() => (window as any).burst());
  const first = await collector.waitFor(() => collector.errors(), (i) => i.length >= 60, 30_000);
  const firstShareMs = Date.now() - started;
  // Nothing more until the pacing window (61 s) has moved on.
  await page.waitForTimeout(Math.max(0, 59_000 - (Date.now() - started)));
  const withinMinute = (await collector.errors()).length;
  expect(first.length).toBe(60);
  expect(withinMinute).toBe(60);
  const statuses = (await collector.requests()).filter((r) => r.method === 'POST').map((r) => r.status);
  expect(statuses.filter((s) => s === 429)).toHaveLength(0);
  expect(statuses).toHaveLength(60);
  // The rest of the queue keeps its place (the queue holds 150 items of ~1 KB).
  expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({});
  console.log(`stock pace 60/min: 150 errors, 60 stored after ${firstShareMs} ms, ${withinMinute} within 59 s, 0 answered 429`);
});

test('batch: the same burst of 150 errors is stored whole within seconds, in a few requests', async ({ page, site, collector }) => {
  const url = site.page('/burst.html', sdkPage(collector.url, { options: { dialect: 'batch' }, script: BURST }));
  await page.goto(url);
  const started = Date.now();
  await page.evaluate(() => (window as any).burst());
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 150, 30_000);
  const elapsed = Date.now() - started;
  expect(items).toHaveLength(150);
  expect(new Set(items.map((i) => i.message)).size).toBe(150);
  const posts = (await collector.requests()).filter((r) => r.method === 'POST');
  expect(posts.every((r) => r.status === 200)).toBe(true);
  expect(posts.length).toBeLessThan(10);
  console.log(`batch: 150 errors stored in ${elapsed} ms with ${posts.length} requests (${posts.map((r) => r.bytes).join(', ')} bytes)`);
});
