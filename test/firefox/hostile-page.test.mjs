// Hostile pages in Firefox ESR (test/support/hostile-cases.mjs, which Chromium runs in
// test/e2e/hostile-page.spec.ts): each page once without the SDK and once with it, each in a
// fresh browser context; what the page observed and left uncaught must be the same, and the
// reports each case expects must arrive. SpiderMonkey is where `String(fetch)`, a native
// function's `length`, frozen built-ins and the timing of unhandled rejections are its own.
//
//   npm run build && node --test test/firefox/hostile-page.test.mjs
import { it } from 'node:test';
import { startCollector, startSite, useFirefox } from './harness.mjs';
import { CASES, casePage, compareCase } from '../support/hostile-cases.mjs';

/** How long a case's page may take to call done(), in ms. */
const DONE_WAIT_MS = 15_000;

const browser = useFirefox('hostile pages');

for (const [name, c] of Object.entries(CASES)) {
  it(`hostile page: ${name}`, async () => {
    const collector = await startCollector();
    const site = await startSite();
    try {
      /** @param {boolean} withSdk */
      const observe = async (withSdk) => {
        const context = await browser().createBrowserContext();
        try {
          const page = await context.newPage();
          await page.goto(site.page(`/${name.replace(/\W+/g, '-')}-${withSdk}.html`, casePage(collector.url, c, withSdk)));
          await page.waitForFunction(() => /** @type {any} */ (window).__done === true, { timeout: DONE_WAIT_MS });
          const seen = await page.evaluate(() => ({ obs: /** @type {string[]} */ (/** @type {any} */ (window).__obs), uncaught: /** @type {string[]} */ (/** @type {any} */ (window).__uncaught) }));
          return seen;
        } finally {
          await context.close();
        }
      };
      await compareCase(c, observe, collector.errors);
    } finally {
      await site.close();
      await collector.close();
    }
  });
}
