// A storm of 10 000 errors costs bounded memory and CPU (DESIGN.md): the throttle folds
// duplicates, and the pending list, the queue and the throttle table are all bounded.
import { test, expect, sdkPage } from './support/fixtures';

test('10 000 errors (one repeated, then all distinct) cost bounded time and memory', async ({ page, site, collector }) => {
  test.setTimeout(60_000);
  const url = site.page('/storm.html', sdkPage(collector.url, {
    script: `window.storm = (distinct) => {
      const started = performance.now();
      for (let i = 0; i < 10000; i++) {
        window.dispatchEvent(new ErrorEvent('error', { error: new Error(distinct ? 'storm #' + i : 'the same storm'), message: 'storm' }));
      }
      return performance.now() - started;
    };`,
  }));
  await page.goto(url);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const before = await heap();
  const sameMs = await page.evaluate(() => (window as any).storm(false));
  const distinctMs = await page.evaluate(() => (window as any).storm(true));
  await page.waitForTimeout(500); // the deferred builds run
  const after = await heap();
  const state = await page.evaluate(() => ({ dropped: (window as any).t.dropped }));
  const grown = after - before;
  console.log(`storm: 10 000 identical errors in ${sameMs.toFixed(0)} ms, 10 000 distinct in ${distinctMs.toFixed(0)} ms; heap +${(grown / 1024).toFixed(0)} KiB after GC; dropped ${JSON.stringify(state.dropped)}`);
  // What is kept is bounded: 100 pending builds, a 256 KiB queue, 500 fingerprints.
  expect(grown).toBeLessThan(4 * 1024 * 1024);
  expect(sameMs).toBeLessThan(5_000);
  expect(distinctMs).toBeLessThan(10_000);
  // Only the first of the identical errors, and the first of the distinct ones up to the bounds, were kept.
  expect(state.dropped.queue_full).toBeGreaterThan(9_000);
});
