// Bench: tab-close delivery in Firefox ESR. Each run opens a fresh context on the script-tag
// page, throws 5 errors, waits 5 ms, closes the tab, and counts what the collector stored.
// Prints the share delivered per dialect (the README's figure). Not a test: Firefox closing a
// tab is lossy in a share of closes, and the number is what this measures.
//
//   npm run build && node scripts/firefox-close.mjs [closes per dialect, default 40] [stock|batch]
//   (TRACELY_OPTIONS='{"dwell":false}' adds options to every page)
import puppeteer from 'puppeteer-core';
import { FIREFOX, sdkPage, sleep, startCollector, startSite, waitFor } from '../test/firefox/harness.mjs';

const closes = Number(process.argv[2]) || 40;
const dialects = process.argv[3] ? [process.argv[3]] : ['stock', 'batch'];
const ERRORS = 5;
/** More Tracely options for every page, as JSON (e.g. '{"dwell":false,"webVitals":false}'). */
const extra = JSON.parse(process.env.TRACELY_OPTIONS || '{}');

const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
console.log(`${await browser.version()}, ${closes} closes per dialect, ${ERRORS} errors thrown 5 ms before each close`);
try {
  for (const dialect of dialects) {
    let stored = 0;
    let full = 0;
    let twice = 0;
    // A fresh collector and site per close, as the suite does: no close inherits another's connections.
    for (let run = 0; run < closes; run++) {
      const collector = await startCollector();
      const site = await startSite();
      const context = await browser.createBrowserContext();
      try {
        const url = site.page('/close.html', sdkPage(collector.url, { dialect, ...extra }, `window.throwFive = () => { for (let i = 0; i < ${ERRORS}; i++) setTimeout(() => { throw new Error('close #' + i); }, 0); };`));
        const page = await context.newPage();
        await page.goto(url);
        await page.evaluate(() => /** @type {any} */ (window).throwFive());
        await sleep(5);
        await page.close({ runBeforeUnload: true });
        const items = await waitFor(collector.errors, (i) => i.length >= ERRORS, 3_000);
        stored += items.length;
        if (items.length === ERRORS) full++;
        twice += (await collector.groups()).filter((g) => g.count > 1).length;
      } finally {
        await context.close();
        await site.close();
        await collector.close();
      }
    }
    const share = ((100 * stored) / (closes * ERRORS)).toFixed(1);
    console.log(`${dialect}: ${stored}/${closes * ERRORS} errors stored (${share} %), ${full}/${closes} closes delivered all ${ERRORS}, ${twice} stored twice`);
  }
} finally {
  await browser.close();
}
