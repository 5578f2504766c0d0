// The Vite app fixtures (test/apps: Vue 3 + vue-router, React 19 + react-router, React 18 in
// development) in Firefox ESR, driven by puppeteer-core over WebDriver BiDi, against the real
// collector: what test/e2e/apps.spec.ts proves in Chromium. Each error stored once with its
// component fields, the app's own handler and React's logging kept, routes and one `_active` per
// route (the stored reports checked as in WebKit: test/support/app-reports.mjs).
//
//   npm run build && node --test test/firefox/apps.test.mjs   (FIREFOX_PATH overrides /usr/bin/firefox-esr)
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApps } from '../apps/build.mjs';
import { QUIET_WATCH_MS, STAY_MS, activePages, assertReact18Report, assertReact19Reports, assertVueReports } from '../support/app-reports.mjs';
import { freshTab, sleep, useFirefox, waitFor } from './harness.mjs';

const browser = useFirefox('apps');

// Built every run (about a second for the three: Vite, no install), on the dist/ just built, so a
// stale build of the fixtures cannot pass for the SDK's current one.
before(() => buildApps(), { timeout: 180_000 });

/**
 * A fresh tab on `app`, reporting to a fresh collector; the page's uncaught errors and console
 * errors noted as it runs.
 * @param {string} app
 */
async function openApp(app) {
  const tab = await freshTab(browser());
  /** @type {string[]} */
  const pageErrors = [];
  /** @type {string[]} */
  const consoleErrors = [];
  tab.page.on('pageerror', (e) => pageErrors.push(e instanceof Error ? e.message : String(e)));
  // Over BiDi an Error argument is a value without a handle, its text `JSHandle@error`: the
  // message is not readable here (the SDK's console breadcrumb says which error it was).
  tab.page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  await tab.page.goto(`${tab.site.origin}/apps/${app}/?collector=${encodeURIComponent(tab.collector.url)}`);
  return { ...tab, pageErrors, consoleErrors, actives: () => activePages(tab.collector) };
}

it('Vue 3 + vue-router: component, trace and lifecycle as fields, the message as before, the app handler kept; routes and dwell; a route come back to by the back button is its errors\' page', async () => {
  const { collector, page, pageErrors, actives, done } = await openApp('vue3-router');
  try {
    await page.waitForSelector('#home');
    await sleep(STAY_MS);
    await page.click('#to-cart');
    await page.waitForSelector('#pay');
    await page.click('#pay');
    await sleep(STAY_MS);
    await page.click('#to-home');
    await page.waitForSelector('#home');
    const pages = await waitFor(actives, (p) => p.length >= 2);
    // Orders fails each time it mounts: reached by a link, then again by the back button.
    await page.click('#to-orders');
    await page.waitForSelector('#orders');
    await page.click('#to-home');
    await page.waitForSelector('#home');
    await page.goBack();
    await page.waitForSelector('#orders');
    await waitFor(collector.errors, (i) => i.length >= 4);
    await sleep(QUIET_WATCH_MS);
    assertVueReports(await collector.errors());
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).ownHandler.length), 4);
    assert.deepEqual(pages.slice(0, 2), ['/apps/vue3-router/', '/apps/vue3-router/cart']);
    assert.deepEqual(pageErrors, []);
  } finally {
    await done();
  }
});

it("React 19 + react-router: boundary and root options report once each with the component stack as a field; React's logging kept; routes and dwell; a route come back to by the back button is its errors' page", async () => {
  const { collector, site, page, pageErrors, consoleErrors, actives, done } = await openApp('react19-router');
  try {
    await page.waitForSelector('#home');
    await sleep(STAY_MS);
    await page.click('#to-cart');
    await page.waitForSelector('#retry');
    await page.click('#retry');
    await page.waitForSelector('#cart-ok');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).onErrorSeen), 'cart render failed 16');
    await sleep(STAY_MS);
    // Orders fails each time it renders: reached by a link, then again by the back button.
    await page.click('#to-orders');
    await page.waitForSelector('#orders-failed');
    await page.click('#to-home');
    await page.waitForSelector('#home');
    await page.goBack();
    await page.waitForSelector('#orders-failed');
    await page.click('#to-crash');
    await page.waitForSelector('#crash');
    await page.click('#crash');
    await waitFor(collector.errors, (i) => i.length >= 4);
    const pages = await waitFor(actives, (p) => p.length >= 2);
    await sleep(QUIET_WATCH_MS);
    assertReact19Reports(await collector.errors(), site.origin);
    // React's own logging: the caught error on the console (an Error logged at level error; the
    // SDK's crumb of that call names it, checked above), the uncaught one through window.reportError.
    assert.ok(consoleErrors.includes('JSHandle@error'), JSON.stringify(consoleErrors));
    // Over BiDi the uncaught error's message is Firefox's log text, `Name: message`.
    assert.deepEqual(pageErrors, ['Error: crash outside any boundary']);
    assert.deepEqual(pages.slice(0, 2), ['/apps/react19-router/', '/apps/react19-router/cart']);
  } finally {
    await done();
  }
});

it('React 18 in development: the error React replays through window and hands the boundary is stored once, with the component fields', async () => {
  const { collector, page, done } = await openApp('react18-dev');
  try {
    await page.waitForSelector('#retry');
    assert.match(await page.evaluate(() => /** @type {any} */ (window).reactVersion), /^18\./);
    await waitFor(collector.errors, (i) => i.length >= 1);
    await sleep(QUIET_WATCH_MS);
    assertReact18Report(await collector.errors());
    await page.click('#retry');
    await page.waitForSelector('#cart-ok');
  } finally {
    await done();
  }
});
