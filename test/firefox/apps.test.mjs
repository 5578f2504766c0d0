// The Vite app fixtures (test/apps: Vue 3 + vue-router, React 19 + react-router, React 18 in
// development) in Firefox ESR, driven by puppeteer-core over WebDriver BiDi, against the real
// collector: what test/e2e/apps.spec.ts proves in Chromium. Each error stored once with its
// component fields, the app's own handler and React's logging kept, routes and one `_active` per
// route. SpiderMonkey writes stacks as `fn@url:line:col`: React's component stack takes that
// form too (React builds it from the engine's own stack), so it is read as `Name@…`, not `at Name (…)`.
//
//   npm run build && node --test test/firefox/apps.test.mjs   (FIREFOX_PATH overrides /usr/bin/firefox-esr)
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApps } from '../apps/build.mjs';
import { freshTab, sleep, useFirefox, waitFor } from './harness.mjs';

/** Long enough on a route for a whole second of dwell, in ms. */
const STAY_MS = 1300;
/** How long a page that must send nothing more is watched, in ms. */
const QUIET_WATCH_MS = 1500;
const CARD = '4242424242424242';

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
  /** The `_active` events' pages, in order. */
  const actives = async () => (await tab.collector.events()).filter((e) => e.eventName === '_active').map((e) => /** @type {any} */ (e).metadata.page);
  return { ...tab, pageErrors, consoleErrors, actives };
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
    /** @type {any[]} */
    const errors = await collector.errors();
    assert.equal(errors.length, 4, JSON.stringify(errors));
    const [mounted, clicked, ...orders] = errors;
    for (const [item, message] of [[mounted, 'cart item failed to mount'], [clicked, 'pay button failed 16']]) {
      assert.equal(item.type, 'manualError');
      assert.equal(item.message, `${message}: ${item.lifecycle}`);
      assert.equal(item.component, 'CartItem');
      assert.equal(item.componentTrace[0], 'CartItem');
      assert.ok(item.componentTrace.includes('CartPage'), JSON.stringify(item.componentTrace));
      assert.equal(item.componentTrace.at(-1), 'App');
      assert.equal(item.page, '/apps/vue3-router/cart');
      assert.ok(!JSON.stringify(item).includes(CARD));
      // SpiderMonkey's frames, parsed: the throw is in the app's own bundle.
      assert.match(item.frames[0].file, /\/apps\/vue3-router\/assets\/index-[\w-]+\.js$/, JSON.stringify(item.frames));
    }
    assert.notEqual(mounted.lifecycle, clicked.lifecycle);
    // vue-router renders the route it is sent back to from its popstate listener, added before
    // the SDK's: the error it raises is still the orders page's, as its URL says.
    assert.deepEqual(orders.map((e) => [e.message, e.page, e.url.replace(/^.*\/apps/, '/apps')]), [1, 2].map((visit) =>
      [`orders failed to mount on visit ${visit}: ${orders[0].lifecycle}`, '/apps/vue3-router/orders', '/apps/vue3-router/orders']));
    for (const e of orders) assert.equal(e.component, 'OrdersPage');
    // The way back is in its story: the popstate to the orders page, last of its navigations.
    const vueBack = orders[1].breadcrumbs.filter((/** @type {any} */ c) => c.type === 'navigation').at(-1);
    assert.deepEqual([vueBack.category, vueBack.data.to], ['popstate', '/apps/vue3-router/orders']);
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
    /** @type {any[]} */
    const stored = await collector.errors();
    const orders = stored.filter((e) => e.message.startsWith('orders failed'));
    const errors = stored.filter((e) => !orders.includes(e));
    assert.deepEqual(errors.map((e) => `${e.type} ${e.message}`), ['manualError cart render failed 16', 'manualError crash outside any boundary'], JSON.stringify(stored));
    // React renders the route it is sent back to from react-router's popstate listener, added
    // before the SDK's: the error it raises is still the orders page's, as its URL says. (The
    // visit's number: React mounts a failed component twice, so the count may go up by two.)
    assert.equal(orders.length, 2, JSON.stringify(stored));
    assert.notEqual(orders[0].message, orders[1].message);
    for (const e of orders) {
      assert.match(e.message, /^orders failed on visit \d+$/);
      assert.deepEqual([e.page, e.url.replace(/^.*\/apps/, '/apps')], ['/apps/react19-router/orders', '/apps/react19-router/orders']);
      assert.ok(['boundary', 'caught'].includes(e.tags.reactHandler), JSON.stringify(e.tags));
    }
    // The way back is in its story: the popstate to the orders page, last of its navigations.
    const reactBack = orders[1].breadcrumbs.filter((/** @type {any} */ c) => c.type === 'navigation').at(-1);
    assert.deepEqual([reactBack.category, reactBack.data.to], ['popstate', '/apps/react19-router/orders']);
    const [caught, uncaught] = errors;
    // A production build: component names are the minifier's.
    assert.match(caught.component, /^[\w$]+$/);
    // SpiderMonkey's form: `Name@url:line:col`, one component a line.
    const escaped = caught.component.replace(/\$/g, '\\$');
    assert.match(caught.componentStack, new RegExp(`^\\s*${escaped}@${site.origin}/apps/react19-router/assets/`), caught.componentStack);
    assert.ok(['boundary', 'caught'].includes(caught.tags.reactHandler), JSON.stringify(caught.tags));
    assert.equal(caught.page, '/apps/react19-router/cart');
    assert.match(uncaught.component, /^[\w$]+$/);
    assert.notEqual(uncaught.component, caught.component);
    assert.ok(uncaught.componentStack.includes(`${uncaught.component}@`), uncaught.componentStack);
    assert.equal(uncaught.tags.reactHandler, 'uncaught');
    assert.equal(uncaught.page, '/apps/react19-router/crash');
    for (const e of errors) assert.ok(!e.message.includes('@'), e.message);
    // React's own logging: the caught error on the console (an Error logged at level error, and
    // the console crumb the SDK took of that call names it), the uncaught one through window.reportError.
    assert.ok(consoleErrors.includes('JSHandle@error'), JSON.stringify(consoleErrors));
    const logged = uncaught.breadcrumbs.filter((/** @type {any} */ c) => c.type === 'console').map((/** @type {any} */ c) => `${c.category} ${c.message}`);
    assert.ok(logged.includes('error Error: cart render failed 16'), JSON.stringify(logged));
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
    /** @type {any[]} */
    const errors = await collector.errors();
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0].message, /react 18 cart failed 16$/);
    assert.equal(errors[0].component, 'Cart');
    assert.match(errors[0].componentStack, /^\s*Cart@/, errors[0].componentStack);
    assert.equal(errors[0].tags.reactHandler, 'boundary');
    await page.click('#retry');
    await page.waitForSelector('#cart-ok');
  } finally {
    await done();
  }
});
