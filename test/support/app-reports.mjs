// What the collector must hold after the Vite app fixtures' tours (test/apps: Vue 3 +
// vue-router, React 19 + react-router, React 18 in development), as the Firefox ESR and WebKit
// suites check it (test/firefox/apps.test.mjs, test/webkit/apps.test.mjs). Each suite drives its
// browser its own way and checks what only its driver can see (the page's console, its uncaught
// errors); the stored reports are the same in both engines. SpiderMonkey and JavaScriptCore write
// stacks as `fn@url:line:col`, and React's component stack takes that form with them (React builds
// it from the engine's own stack): it is read as `Name@…`, where Chromium's is `at Name (…)`.
import assert from 'node:assert/strict';

/** Long enough on a route for a whole second of dwell, in ms. */
export const STAY_MS = 1300;
/** How long a page that must send nothing more is watched, in ms. */
export const QUIET_WATCH_MS = 1500;
/** The card number the Vue fixture's cart holds: never in a report. */
const CARD = '4242424242424242';

/** @typedef {Record<string, any>} Stored a report as the collector's read API gives it */

/** The `_active` events' pages, in order. @param {{ events(): Promise<Stored[]> }} collector */
export const activePages = async (collector) => (await collector.events()).filter((e) => e.eventName === '_active').map((e) => e.metadata.page);

/** The last navigation crumb of a report: how its page was reached. @param {Stored} report */
const lastNavigation = (report) => report.breadcrumbs.filter((/** @type {Stored} */ c) => c.type === 'navigation').at(-1);

/**
 * The Vue tour (home, cart: a component that fails to mount and a button that fails, home,
 * orders by a link, home, orders again by the back button): four reports with Vue's component
 * fields, the orders ones on the orders page.
 * @param {Stored[]} errors
 */
export function assertVueReports(errors) {
  assert.equal(errors.length, 4, JSON.stringify(errors));
  const [mounted, clicked, ...orders] = errors;
  for (const [item, message] of /** @type {[Stored, string][]} */ ([[mounted, 'cart item failed to mount'], [clicked, 'pay button failed 16']])) {
    assert.equal(item.type, 'manualError');
    assert.equal(item.message, `${message}: ${item.lifecycle}`);
    assert.equal(item.component, 'CartItem');
    assert.equal(item.componentTrace[0], 'CartItem');
    assert.ok(item.componentTrace.includes('CartPage'), JSON.stringify(item.componentTrace));
    assert.equal(item.componentTrace.at(-1), 'App');
    assert.equal(item.page, '/apps/vue3-router/cart');
    assert.ok(!JSON.stringify(item).includes(CARD));
    // The engine's frames, parsed: the throw is in the app's own bundle.
    assert.match(item.frames[0].file, /\/apps\/vue3-router\/assets\/index-[\w-]+\.js$/, JSON.stringify(item.frames));
  }
  assert.notEqual(mounted.lifecycle, clicked.lifecycle);
  // vue-router renders the route it is sent back to from its popstate listener, added before
  // the SDK's: the error it raises is still the orders page's, as its URL says.
  assert.deepEqual(orders.map((e) => [e.message, e.page, e.url.replace(/^.*\/apps/, '/apps')]), [1, 2].map((visit) =>
    [`orders failed to mount on visit ${visit}: ${orders[0].lifecycle}`, '/apps/vue3-router/orders', '/apps/vue3-router/orders']));
  for (const e of orders) assert.equal(e.component, 'OrdersPage');
  // The way back is in its story: the popstate to the orders page, last of its navigations.
  const back = lastNavigation(orders[1]);
  assert.deepEqual([back.category, back.data.to], ['popstate', '/apps/vue3-router/orders']);
}

/**
 * The React 19 tour (home, cart: a boundary's error, retried; orders by a link, home, orders
 * again by the back button; crash: an error outside any boundary): the boundary's and the root
 * options' reports once each with the component stack, the orders ones on the orders page.
 * Returns the caught and the uncaught report, for what each suite checks of React's logging.
 * @param {Stored[]} stored @param {string} origin the site's origin
 */
export function assertReact19Reports(stored, origin) {
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
  const back = lastNavigation(orders[1]);
  assert.deepEqual([back.category, back.data.to], ['popstate', '/apps/react19-router/orders']);
  const [caught, uncaught] = errors;
  // A production build: component names are the minifier's.
  assert.match(caught.component, /^[\w$]+$/);
  const escaped = caught.component.replace(/\$/g, '\\$');
  assert.match(caught.componentStack, new RegExp(`^\\s*${escaped}@${origin}/apps/react19-router/assets/`), caught.componentStack);
  assert.ok(['boundary', 'caught'].includes(caught.tags.reactHandler), JSON.stringify(caught.tags));
  assert.equal(caught.page, '/apps/react19-router/cart');
  assert.match(uncaught.component, /^[\w$]+$/);
  assert.notEqual(uncaught.component, caught.component);
  assert.ok(uncaught.componentStack.includes(`${uncaught.component}@`), uncaught.componentStack);
  assert.equal(uncaught.tags.reactHandler, 'uncaught');
  assert.equal(uncaught.page, '/apps/react19-router/crash');
  for (const e of errors) assert.ok(!e.message.includes('@'), e.message);
  // React's own logging of the caught error: the console crumb the SDK took of its console.error call.
  const logged = uncaught.breadcrumbs.filter((/** @type {Stored} */ c) => c.type === 'console').map((/** @type {Stored} */ c) => `${c.category} ${c.message}`);
  assert.ok(logged.includes('error Error: cart render failed 16'), JSON.stringify(logged));
  return { caught, uncaught };
}

/**
 * React 18 in development: the render error React replays through window and hands the
 * boundary, stored once with the component fields.
 * @param {Stored[]} errors
 */
export function assertReact18Report(errors) {
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0].message, /react 18 cart failed 16$/);
  assert.equal(errors[0].component, 'Cart');
  assert.match(errors[0].componentStack, /^\s*Cart@/, errors[0].componentStack);
  assert.equal(errors[0].tags.reactHandler, 'boundary');
}
