// The edges of delivery (issue 11): an outage the SDK has not noticed at page exit, and the
// suppressed repeats of a throttled error, measured against the real collector.
import { test, expect, sdkPage, type CollectorClient, leave } from './support/fixtures';
import { RestartableCollector } from './support/restartable-collector';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spoolOf = (page: import('@playwright/test').Page) => page.evaluate(() => localStorage.getItem('_tracely_spool'));
const batchPosts = async (collector: CollectorClient) => (await collector.requests()).filter((r) => r.method === 'POST' && r.path === '/report/batch');
// Only what the test throws: no dwell or vitals events at exit to blur the counts.
const QUIET = { dialect: 'batch', dwell: false, webVitals: false };
const THROW_FIVE = `window.throwFive = () => { for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('unnoticed outage #' + i); }, 0); };`;

test('batch: the collector goes down, five errors, the tab closed before any request to it; back up, the page opened again: 5/5 stored, each once', async ({ context, site }) => {
  test.setTimeout(60_000);
  const collector = await RestartableCollector.start();
  try {
    const url = site.page('/app.html', sdkPage(collector.url, { options: QUIET, script: THROW_FIVE }));
    const first = await context.newPage();
    await first.goto(url);
    await collector.stop();
    await first.evaluate(() => (window as any).throwFive());
    // Well inside the 2 s the batch waits for company: the SDK has made no request since the server went down.
    await sleep(300);
    await leave(first);

    // The exit beacon went into the void; its reports wait in storage all the same.
    const probe = await context.newPage();
    await probe.goto(site.page('/plain.html', '<!doctype html><title>plain</title>'));
    const records = Object.values(JSON.parse((await spoolOf(probe)) || '{}')) as any[];
    expect(records.flatMap((r) => r.e).map((e: any) => JSON.parse(e[1]).message).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Error: unnoticed outage #${i}`));
    await probe.close();

    await collector.restart();
    const second = await context.newPage();
    await second.goto(url);
    await collector.waitFor(() => collector.errors(), (i) => i.length >= 5);
    await sleep(1_000);
    const stored = await collector.errors();
    expect(stored.map((i) => i.message).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Error: unnoticed outage #${i}`));
    expect((await collector.get('/api/errors')).groups.every((g: any) => g.count === 1)).toBe(true);
    expect(await spoolOf(second)).toBeNull();
  } finally {
    await collector.close();
  }
});

test('batch: with the server up, the re-send costs the next page load one request carrying the last exit\'s reports, stored once', async ({ context, site, collector }) => {
  const url = site.page('/app.html', sdkPage(collector.url, { options: QUIET, script: THROW_FIVE }));
  const first = await context.newPage();
  await first.goto(url);
  await first.evaluate(() => (window as any).throwFive());
  await sleep(300);
  await leave(first);
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 5);
  const exitPosts = (await batchPosts(collector)).length;

  const second = await context.newPage();
  await second.goto(url);
  await collector.waitFor(() => batchPosts(collector), (p) => p.length > exitPosts);
  await sleep(1_000);
  const extra = (await batchPosts(collector)).slice(exitPosts);
  // One request more, carrying the five again; the ids keep the count at one each.
  expect(extra).toHaveLength(1);
  expect(extra[0].status).toBe(200);
  expect(await collector.errors()).toHaveLength(5);
  expect((await collector.get('/api/errors')).groups.every((g: any) => g.count === 1)).toBe(true);
  console.log(`unconfirmed exit: the next page load re-sent the last exit's 5 reports in ${extra.length} request of ${extra[0].bytes} bytes; stored once each`);
  await second.close();
});

test('batch: a page shown again whose next request succeeds drops its last exit\'s reports from the spool (no re-send)', async ({ page, site, collector }) => {
  const url = site.page('/app.html', sdkPage(collector.url, { options: QUIET, script: THROW_FIVE }));
  await page.goto(url);
  await page.evaluate(() => (window as any).throwFive());
  await sleep(300);
  // The page is hidden (an exit: the beacon goes), then comes back.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  const records = Object.values(JSON.parse((await spoolOf(page)) || '{}')) as any[];
  expect(records.flatMap((r) => r.e)).toHaveLength(5);
  await page.evaluate(() => (window as any).t.reportError(new Error('after coming back')));
  expect(await page.evaluate(() => (window as any).t.flush(10_000))).toBe(true);
  expect(await spoolOf(page)).toBeNull();
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 6);
  expect(await collector.errors()).toHaveLength(6);
});

test('batch: the same error thrown 100 times in a minute, then the page is left: the group counts 100', async ({ page, site, collector }) => {
  const url = site.page('/storm.html', sdkPage(collector.url, {
    options: QUIET,
    // One throw site: one fingerprint for the throttle, one group (type + message) for the collector.
    script: `window.hundred = () => { for (let i = 0; i < 100; i++) setTimeout(() => { throw new Error('thrown a hundred times'); }, i * 5); };`,
  }));
  site.page('/next.html', '<!doctype html><title>next</title>');
  await page.goto(url);
  await page.evaluate(() => (window as any).hundred());
  await sleep(1_500);
  await page.goto(site.origin + '/next.html');
  const groups = await collector.waitFor(() => collector.get('/api/errors'), (g) => g.groups[0]?.count >= 100);
  await sleep(500);
  expect((await collector.get('/api/errors')).groups.map((g: any) => [g.message, g.count])).toEqual([['Error: thrown a hundred times', 100]]);
  // One occurrence in full, the 99 others as one repeat item.
  expect(await collector.errors()).toHaveLength(1);
  expect(groups.groups).toHaveLength(1);
});

// The stock dialect keeps no copy of what it sent at exit: a stock server stores no ids, so a
// re-send would count twice every report of every healthy exit. Measured here: what an exit
// into an unnoticed outage loses.
test('stock: the tab closed 5 ms after five errors, into an unnoticed outage: what is lost (measured), nothing twice', async ({ context, site }) => {
  test.setTimeout(60_000);
  const collector = await RestartableCollector.start();
  try {
    const url = site.page('/app.html', sdkPage(collector.url, { options: { ...QUIET, dialect: 'stock' }, script: THROW_FIVE }));
    const first = await context.newPage();
    await first.goto(url);
    await collector.stop();
    await first.evaluate(() => (window as any).throwFive());
    await sleep(5);
    await leave(first);
    await collector.restart();
    const second = await context.newPage();
    await second.goto(url);
    await sleep(3_000);
    const stored = await collector.errors();
    expect(new Set(stored.map((i) => i.id)).size).toBe(stored.length);
    expect((await collector.get('/api/errors')).groups.every((g: any) => g.count === 1)).toBe(true);
    console.log(`stock, tab closed 5 ms after five errors into a stopped collector: ${stored.length}/5 stored after its return`);
  } finally {
    await collector.close();
  }
});
