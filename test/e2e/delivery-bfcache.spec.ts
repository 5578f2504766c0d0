// The spool is a mirror of what is unsent, not a one-way exit: a page left with reports still
// queued spools them, and when that same page comes back from the back/forward cache and
// sends them itself, it empties the spool again (no second delivery from the next page).
// Playwright launches Chromium with --disable-back-forward-cache; this test's own browser drops
// that flag. Launched in the test, not through `test.use({ launchOptions })`: a worker option of
// its own made the runner keep this minute-long test for last, alone at the end of the run
// (40-60 s of a 7.5-8 min run on a 2-core machine).
import { test, expect, sdkPage, type CollectorClient } from './support/fixtures';
import { serveCacheable } from './support/tabs';
import config from '../../playwright.config';

const spoolOf = (page: import('@playwright/test').Page) => page.evaluate(() => localStorage.getItem('_tracely_spool'));

test('stock: a page left with reports still queued spools them; restored from the back/forward cache, it sends them and empties the spool', async ({ playwright, collector }) => {
  test.setTimeout(120_000);
  const browser = await playwright.chromium.launch({ ...config.use!.launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  try {
    await leaveAndRestore(await browser.newPage(), collector);
  } finally {
    await browser.close();
  }
});

async function leaveAndRestore(page: import('@playwright/test').Page, collector: CollectorClient): Promise<void> {
  const html = sdkPage(collector.url, {
    // Dwell and vitals off: their exit events would join the spool this test counts.
    options: { maxRequestsPerMinute: 2, dwell: false, webVitals: false },
    script: `window.burst = () => { for (let i = 0; i < 4; i++) t.reportError(new Error('paced #' + i)); };
             addEventListener('pageshow', (e) => { window.restored = e.persisted; });`,
  });
  // Served without the fixture's no-store header, which keeps a page out of the back/forward cache.
  const cacheable = await serveCacheable({ '/paced.html': html, '/plain.html': '<!doctype html><title>plain</title>' });
  const url = cacheable.origin + '/paced.html';
  await page.goto(url);
  await page.evaluate(() => (window as any).burst());
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  // The pace allows no more this minute: the exit spools the other two.
  await page.goto(cacheable.origin + '/plain.html');
  const spool = JSON.parse((await spoolOf(page)) || '{}');
  expect((Object.values(spool) as any[]).flatMap((r) => r.e).length).toBe(2);
  // A page restored from the cache fires no load event: wait for the commit, then for pageshow.
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => (window as any).restored !== undefined);
  expect(await page.evaluate(() => (window as any).restored)).toBe(true);
  // The same page lives on: the pacer lets the last two go a minute later, and the spool is emptied.
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 4, 80_000);
  expect(items).toHaveLength(4);
  await page.waitForTimeout(500);
  expect(await spoolOf(page)).toBeNull();
  expect((await collector.get('/api/errors')).groups.map((g: any) => g.count)).toEqual([1, 1, 1, 1]);
  await cacheable.close();
}
