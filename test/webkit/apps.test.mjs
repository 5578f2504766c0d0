// The Vite app fixtures (test/apps: Vue 3 + vue-router, React 19 + react-router, React 18 in
// development) in WebKit (WebKitGTK's MiniBrowser: JavaScriptCore and WebCore, Safari's engine),
// against the real collector: what test/e2e/apps.spec.ts proves in Chromium. Each error stored
// once with its component fields, the app's own handler and React's logging kept, routes and one
// `_active` per route. Where WebKit differs: JavaScriptCore writes stacks as `fn@url:line:col`,
// and React's component stack with them (React builds it from the engine's own stack), so it is
// read as `Name@…`; WebDriver classic has no console or page-error events, so React's logging is
// seen from the page itself (the SDK's console breadcrumb of React's console.error call; a
// window `error` listener for what React hands window.reportError). One page load per app: each
// navigation costs seconds here.
//
//   node test/apps/build.mjs && node --test test/webkit/apps.test.mjs   (build first; TRACELY_OUT picks the bundle dir)
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApps } from '../apps/build.mjs';
import { freshSite, sleep, useWebKit, waitFor } from './harness.mjs';

/** Long enough on a route for a whole second of dwell, in ms. */
const STAY_MS = 1300;
/** How long a page that must send nothing more is watched, in ms. */
const QUIET_WATCH_MS = 1500;
/** How long an app may take to show what a test waits for, in ms (WebKit is slow here). */
const SHOW_MS = 15_000;
const CARD = '4242424242424242';

/** What a fixture page exposes to the test. @typedef {Window & typeof globalThis & Record<string, any>} AppWindow */

const webkit = useWebKit('apps');

// Built every run (about a second for the three: Vite, no install), on the dist/ just built, so a
// stale build of the fixtures cannot pass for the SDK's current one.
before(() => buildApps(), { timeout: 180_000 });

/**
 * A fresh site and collector; `app` opened in the session's window, reporting there.
 * @param {string} app
 */
async function openApp(app) {
  const fresh = await freshSite();
  await webkit().goto(`${fresh.site.origin}/apps/${app}/?collector=${encodeURIComponent(fresh.collector.url)}`);
  /** The `_active` events' pages, in order. */
  const actives = async () => (await fresh.collector.events()).filter((e) => e.eventName === '_active').map((e) => e.metadata.page);
  return { ...fresh, actives };
}

/** Waits until the page shows `css`; fails if it never does. @param {string} css */
async function shown(css) {
  // A function of its own per selector: `until` sends the function's source, not its closure.
  const found = await webkit().until(/** @type {() => boolean} */ (new Function(`return document.querySelector(${JSON.stringify(css)}) !== null`)), SHOW_MS);
  assert.ok(found, `${css} never shown`);
}

/** Clicks `css` once it is shown. @param {string} css */
async function clickWhenShown(css) {
  await shown(css);
  await webkit().click(css);
}

it("Vue 3 + vue-router: component, trace and lifecycle as fields, the message as before, the app handler kept; routes and dwell; a route come back to by the back button is its errors' page", async () => {
  const { collector, actives, done } = await openApp('vue3-router');
  try {
    await shown('#home');
    await sleep(STAY_MS);
    await clickWhenShown('#to-cart');
    await clickWhenShown('#pay');
    await sleep(STAY_MS);
    await clickWhenShown('#to-home');
    await shown('#home');
    const pages = await waitFor(actives, (p) => p.length >= 2);
    // Orders fails each time it mounts: reached by a link, then again by the back button.
    await clickWhenShown('#to-orders');
    await clickWhenShown('#to-home');
    await shown('#home');
    await webkit().back();
    await shown('#orders');
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
      // JavaScriptCore's frames, parsed: the throw is in the app's own bundle.
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
    assert.equal(await webkit().run(() => /** @type {AppWindow} */ (window).ownHandler.length), 4);
    assert.deepEqual(pages.slice(0, 2), ['/apps/vue3-router/', '/apps/vue3-router/cart']);
  } finally {
    await done();
  }
});

it("React 19 + react-router: boundary and root options report once each with the component stack as a field; React's logging kept; routes and dwell; a route come back to by the back button is its errors' page", async () => {
  const { collector, site, actives, done } = await openApp('react19-router');
  try {
    await shown('#home');
    // The page's own listener: what React hands window.reportError reaches window's error event.
    await webkit().run(() => {
      const w = /** @type {AppWindow} */ (window);
      w.windowErrors = [];
      addEventListener('error', (e) => w.windowErrors.push(e.error instanceof Error ? e.error.message : String(e.message)));
    });
    await sleep(STAY_MS);
    await clickWhenShown('#to-cart');
    await clickWhenShown('#retry');
    await shown('#cart-ok');
    assert.equal(await webkit().run(() => /** @type {AppWindow} */ (window).onErrorSeen), 'cart render failed 16');
    await sleep(STAY_MS);
    // Orders fails each time it renders: reached by a link, then again by the back button.
    await clickWhenShown('#to-orders');
    await shown('#orders-failed');
    await clickWhenShown('#to-home');
    await shown('#home');
    await webkit().back();
    await shown('#orders-failed');
    await clickWhenShown('#to-crash');
    await clickWhenShown('#crash');
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
    // JavaScriptCore's form: `Name@url:line:col`, one component a line.
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
    // React's own logging: the caught error on the console (the SDK's crumb of that
    // console.error call names it), the uncaught one through window.reportError.
    const logged = uncaught.breadcrumbs.filter((/** @type {any} */ c) => c.type === 'console').map((/** @type {any} */ c) => `${c.category} ${c.message}`);
    assert.ok(logged.includes('error Error: cart render failed 16'), JSON.stringify(logged));
    assert.deepEqual(await webkit().run(() => /** @type {AppWindow} */ (window).windowErrors), ['crash outside any boundary']);
    assert.deepEqual(pages.slice(0, 2), ['/apps/react19-router/', '/apps/react19-router/cart']);
  } finally {
    await done();
  }
});

it('React 18 in development: the error React replays through window and hands the boundary is stored once, with the component fields', async () => {
  const { collector, done } = await openApp('react18-dev');
  try {
    await shown('#retry');
    assert.match(await webkit().run(() => /** @type {AppWindow} */ (window).reactVersion), /^18\./);
    await waitFor(collector.errors, (i) => i.length >= 1);
    await sleep(QUIET_WATCH_MS);
    /** @type {any[]} */
    const errors = await collector.errors();
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0].message, /react 18 cart failed 16$/);
    assert.equal(errors[0].component, 'Cart');
    assert.match(errors[0].componentStack, /^\s*Cart@/, errors[0].componentStack);
    assert.equal(errors[0].tags.reactHandler, 'boundary');
    await clickWhenShown('#retry');
    await shown('#cart-ok');
  } finally {
    await done();
  }
});
