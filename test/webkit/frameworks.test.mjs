// The framework app fixtures (test/apps: Next.js 16, Nuxt 4, Angular 21 with zone.js and without)
// in WebKit (WebKitGTK's MiniBrowser: JavaScriptCore and WebCore, Safari's engine), each built by
// its framework from the packed package and served by its own server, reporting to the real
// collector: what the Chromium specs (test/e2e/next-app.spec.ts, nuxt-app.spec.ts,
// angular-app.spec.ts) prove, one page load per app (each navigation costs seconds here). The steps
// and the stored reports are the Firefox suite's (test/support/framework-tours.mjs): a tour of
// client navigations is one crumb and one `_active` per route; each kind of error is stored once
// with its type, message and the app's own frames, on the page it was raised on; the app shows what
// it shows in Chromium after each step. WebDriver classic has no console or page-error events: what
// reaches the page uncaught is seen by a listener of the page's own (added once the app is up, so
// after the app's and the SDK's), what is logged by the SDK's console crumbs.
//
//   npm run build && node --test test/webkit/frameworks.test.mjs   (an app's build is reused when
//   newer than dist/ and its fixture: test/support/framework-apps.mjs)
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { serveFrameworks } from '../support/framework-apps.mjs';
import {
  ANGULAR_FAILURES, ANGULAR_SHOWN, NEXT_FAILURES, NEXT_SHOWN, NUXT_FAILURES, NUXT_HOOKS, NUXT_SHOWN,
  angularShown, assertAngularReports, assertAngularZonelessReports, assertNextReports, assertNuxtReports, assertTourDwell, failuresStored, nextShown, nuxtShown, tour,
} from '../support/framework-tours.mjs';
import { startCollector, useWebKit } from './harness.mjs';

/** How long an app may take to show what a test waits for, in ms (WebKit is slow here). */
const SHOW_MS = 15_000;

/** What the page's own listener keeps. @typedef {Window & typeof globalThis & { uncaught: string[] }} WatchedWindow */

// Built when no fresh build is there, and started, before the tests and hooks are registered
// (framework-apps.mjs says why).
const apps = await serveFrameworks();
const webkit = useWebKit('frameworks');

/** @type {import('../support/framework-tours.mjs').Driver} */
const page = {
  shown: async (css) => {
    // A function of its own per selector: `until` sends the function's source, not its closure.
    const found = await webkit().until(/** @type {() => boolean} */ (new Function(`return document.querySelector(${JSON.stringify(css)}) !== null`)), SHOW_MS);
    assert.ok(found, `${css} never shown`);
  },
  click: (css) => webkit().click(css),
  back: () => webkit().back(),
  forward: () => webkit().forward(),
  run: (fn) => webkit().run(fn),
};

/**
 * The app `name` at `path` in the session's window, reporting to a fresh collector on the port
 * its build names, once `ready` shows; from then on what reaches the page uncaught (an error
 * event or a rejection no handler before took: not default-prevented) is noted: `uncaught()`.
 * @param {'next' | 'nuxt' | 'angular' | 'angular-zoneless'} name @param {string} path @param {string} ready
 */
async function openApp(name, path, ready) {
  const app = apps[name];
  const collector = await startCollector({ port: app.collectorPort });
  await webkit().goto(app.origin + path);
  await page.shown(ready);
  await page.run(() => {
    const w = /** @type {WatchedWindow} */ (window);
    w.uncaught = [];
    addEventListener('error', (e) => void (!e.defaultPrevented && w.uncaught.push(e.error instanceof Error ? e.error.message : String(e.message))));
    addEventListener('unhandledrejection', (e) => void (!e.defaultPrevented && w.uncaught.push(e.reason instanceof Error ? e.reason.message : String(e.reason))));
  });
  const uncaught = () => page.run(() => /** @type {WatchedWindow} */ (window).uncaught);
  return { origin: app.origin, collector, uncaught, done: () => collector.close() };
}

it("Next.js: the tour is routes, one crumb and one _active each; an event handler's, a render's (the boundary) and a rejection's errors stored once each after the way back; navigations quiet", async () => {
  const { origin, collector, uncaught, done } = await openApp('next', '/', 'body[data-hydrated] #home');
  try {
    // One client: the one instrumentation-client.js started is the one the layout's ErrorBoundary reports to.
    assert.equal(await page.run(() => typeof (/** @type {any} */ (window).tracely) == 'object' && /** @type {any} */ (window).tracely === /** @type {any} */ (window).boundaryTracely), true);
    const pages = await tour(page, collector);
    // Hydration and the navigations raised nothing (a hydration error would be a report).
    assert.deepEqual([await uncaught(), await collector.errors()], [[], []]);
    assertNextReports(await failuresStored(page, collector, NEXT_FAILURES, nextShown, NEXT_SHOWN, 3), origin);
    await assertTourDwell(pages, collector);
    // The click and the rejection reached the page as they would without the SDK.
    assert.deepEqual((await uncaught()).sort(), ['next click failed', 'next rejection']);
  } finally {
    await done();
  }
});

it("Nuxt: the tour is routes, one crumb and one _active each; each error stored once with Vue's fields, a page's setup() error raised on the way back is that page's; Nuxt's hooks, error page and boundary do as in Chromium", async () => {
  const { origin, collector, uncaught, done } = await openApp('nuxt', '/', 'body[data-hydrated] #home');
  try {
    const pages = await tour(page, collector);
    assert.deepEqual([await uncaught(), await collector.errors()], [[], []]);
    assertNuxtReports(await failuresStored(page, collector, NUXT_FAILURES, nuxtShown, NUXT_SHOWN, 7), origin);
    assert.deepEqual(await page.run(() => /** @type {any} */ (window).nuxtHooks), NUXT_HOOKS);
    // The failures' stops (home, the failing page) may each send one more `_active`.
    await assertTourDwell(pages, collector, NUXT_FAILURES.length);
    assert.deepEqual(await uncaught(), ['nuxt rejection']);
  } finally {
    await done();
  }
});

it("Angular with zone.js: the tour is routes, one crumb and one _active each; each error stored once whichever of ErrorHandler, window and zone.js it goes through, in and outside Angular's zone; Angular does as in Chromium", async () => {
  const { origin, collector, uncaught, done } = await openApp('angular', '/', 'body[data-hydrated] #home');
  try {
    const pages = await tour(page, collector);
    assert.deepEqual([await uncaught(), await collector.errors()], [[], []]);
    assertAngularReports(await failuresStored(page, collector, ANGULAR_FAILURES, angularShown, ANGULAR_SHOWN, 7), origin);
    await assertTourDwell(pages, collector, ANGULAR_FAILURES.length);
    // ErrorHandler took every error but zone.js's rejection outside the zone (zone.js handles and
    // logs it): none reached the page uncaught.
    assert.deepEqual(await uncaught(), []);
  } finally {
    await done();
  }
});

// The tour is the same router's as with zone.js (above); what differs is who sees each error first.
it('Angular without zone.js: each error stored once, ErrorHandler and the browser both seeing rejections and window errors; Angular does as in Chromium', async () => {
  const { origin, collector, uncaught, done } = await openApp('angular-zoneless', '/', 'body[data-hydrated] #home');
  try {
    assertAngularZonelessReports(await failuresStored(page, collector, ANGULAR_FAILURES, angularShown, ANGULAR_SHOWN, 7), origin);
    // provideBrowserGlobalErrorListeners hands window's errors and rejections to ErrorHandler, default prevented.
    assert.deepEqual(await uncaught(), []);
  } finally {
    await done();
  }
});
