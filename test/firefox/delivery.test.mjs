// Delivery in Firefox ESR, driven by puppeteer-core over WebDriver BiDi (Playwright cannot
// drive Debian's Firefox): page exit in both dialects, retry against cut connections and a
// 429, an outage with the page closed and reopened (spool). Same collector, same bundle.
//
//   TRACELY_OUT=dist node --test test/firefox/        (FIREFOX_PATH overrides /usr/bin/firefox-esr)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { leave, sdkPage, sleep, startCollector, startSite, useFirefox, waitFor } from './harness.mjs';

/** @typedef {import('./harness.mjs').TestWindow} TestWindow */

const browser = useFirefox('delivery');
/** @type {Awaited<ReturnType<typeof startSite>>} */
let site;
/** @type {Awaited<ReturnType<typeof startCollector>>} */
let collector;

/** Each test: a fresh collector, site and browser context (own storage). */
async function fresh() {
  collector = await startCollector();
  site = await startSite();
  const context = await browser().createBrowserContext();
  return {
    context,
    done: async () => { await context.close(); await site.close(); await collector.close(); },
  };
}

for (const dialect of ['stock', 'batch']) {
  describe(`Firefox ESR, ${dialect} dialect`, () => {
    it('five errors thrown 5 ms before navigating away are all stored', async () => {
      const { context, done } = await fresh();
      try {
        site.page('/next.html', '<!doctype html><title>next</title>');
        const url = site.page('/leave.html', sdkPage(collector.url, { dialect }, `window.go = () => {
          for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('thrown before leaving #' + i); }, 0);
          setTimeout(() => { location.href = '/next.html'; }, 5); };`));
        const page = await context.newPage();
        await page.goto(url);
        await Promise.all([page.waitForNavigation(), page.evaluate(() => /** @type {TestWindow} */ (window).go())]);
        const items = await waitFor(collector.errors, (i) => i.length >= 5);
        await sleep(500);
        assert.deepEqual(items.map((i) => i.message).sort(), [0, 1, 2, 3, 4].map((i) => `Error: thrown before leaving #${i}`));
        assert.equal((await collector.errors()).length, 5);
      } finally {
        await done();
      }
    });

    // Measured, not required. Firefox ESR 153 closing a tab (through WebDriver BiDi) stops
    // the page's exit handler partway in a share of closes: traced with window.dump, the
    // handler stopped between building the batch and calling sendBeacon, with no exception,
    // and a localStorage write made earlier in the same handler was lost too. Navigation is
    // not affected. This fails only if no close at all delivers.
    it('errors thrown 5 ms before the tab is closed: delivered in how many of 5 closes', async () => {
      const outcomes = [];
      for (let run = 0; run < 5; run++) {
        const { context, done } = await fresh();
        try {
          const url = site.page('/close.html', sdkPage(collector.url, { dialect }, `window.throwFive = () => { for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('thrown before closing #' + i); }, 0); };`));
          const page = await context.newPage();
          await page.goto(url);
          await page.evaluate(() => /** @type {TestWindow} */ (window).throwFive());
          await sleep(5);
          await leave(page);
          const items = await waitFor(collector.errors, (i) => i.length >= 5, 3_000);
          assert.ok((await collector.groups()).every((g) => g.count === 1), 'an error was stored twice');
          outcomes.push(items.length);
        } finally {
          await done();
        }
      }
      console.log(`# Firefox ${dialect}: tab closed 5 ms after 5 errors, stored per close: ${outcomes.join(', ')} (${outcomes.reduce((a, b) => a + b, 0)}/25)`);
      assert.ok(outcomes.includes(5), 'no tab close delivered its errors');
    });

    it('a page closed during an outage spools its reports; reopened after it, they are stored', async () => {
      const { context, done } = await fresh();
      try {
        const url = site.page('/app.html', sdkPage(collector.url, { dialect }, `window.throwSome = (n) => { for (let i = 0; i < n; i++) setTimeout(() => { throw new Error('before the close #' + i); }, 0); };`));
        const first = await context.newPage();
        await first.goto(url);
        await collector.stop();
        await first.evaluate(() => /** @type {TestWindow} */ (window).throwSome(5));
        // Long enough for a first attempt to fail (batch: after the 2 s batch delay), with margin for a loaded machine.
        await sleep(dialect === 'batch' ? 6_000 : 3_000);
        await leave(first);
        await collector.restart();
        const second = await context.newPage();
        await second.goto(url);
        const items = await waitFor(collector.errors, (i) => i.length >= 5);
        await sleep(500);
        assert.equal(items.length, 5);
        assert.equal(new Set(items.map((i) => i.message)).size, 5);
        assert.equal(await second.evaluate(() => localStorage.getItem('_tracely_spool')), null);
      } finally {
        await done();
      }
    });
  });
}

describe('Firefox ESR, batch dialect, retry', () => {
  it('a collector cutting every other connection still gets everything, exactly once', async () => {
    const { context, done } = await fresh();
    try {
      const url = site.page('/flaky.html', sdkPage(collector.url, { dialect: 'batch' }, `window.throwSome = (from, n) => { for (let i = from; i < from + n; i++) setTimeout(() => { throw new Error('flaky network #' + i); }, 0); };`));
      const page = await context.newPage();
      await page.goto(url);
      await collector.faults({ dropEveryOther: true });
      for (let k = 0; k < 3; k++) {
        await page.evaluate((/** @type {number} */ from) => /** @type {TestWindow} */ (window).throwSome(from, 5), k * 5);
        await sleep(3_000);
      }
      const items = await waitFor(collector.errors, (i) => i.length >= 15, 40_000);
      await sleep(500);
      assert.equal((await collector.errors()).length, 15);
      assert.equal(new Set(items.map((i) => i.message)).size, 15);
      assert.ok((await collector.groups()).every((g) => g.count === 1));
      assert.ok((await collector.posts()).some((r) => r.status === null), 'no connection was cut');
    } finally {
      await done();
    }
  });

  it('a 429 with Retry-After: 5 for 10 s is honoured, then everything is stored', async () => {
    const { context, done } = await fresh();
    try {
      const url = site.page('/429.html', sdkPage(collector.url, { dialect: 'batch' }, `window.throwSome = (n) => { for (let i = 0; i < n; i++) setTimeout(() => { throw new Error('while limited #' + i); }, 0); };`));
      const page = await context.newPage();
      await page.goto(url);
      await collector.faults({ status: 429, retryAfter: 5, forMs: 10_000 });
      await page.evaluate(() => /** @type {TestWindow} */ (window).throwSome(5));
      const items = await waitFor(collector.errors, (i) => i.length >= 5, 40_000);
      assert.equal(items.length, 5);
      const posts = await collector.posts();
      assert.ok(posts.some((r) => r.status === 429));
      for (let i = 1; i < posts.length; i++) if (posts[i - 1].status === 429) assert.ok(posts[i].time - posts[i - 1].time >= 5_000, `request ${i} came ${posts[i].time - posts[i - 1].time} ms after a 429`);
    } finally {
      await done();
    }
  });
});
