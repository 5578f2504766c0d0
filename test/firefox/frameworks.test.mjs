// The framework app fixtures (test/apps: Next.js 16, Nuxt 4, Angular 21 with zone.js and without)
// in Firefox ESR, driven by puppeteer-core over WebDriver BiDi, each built by its framework from
// the packed package and served by its own server, reporting to the real collector: what the
// Chromium specs (test/e2e/next-app.spec.ts, nuxt-app.spec.ts, angular-app.spec.ts) prove, one page
// load per app. A tour of client navigations (a link, a programmatic one, back, forward, back,
// back) is one crumb and one `_active` per route; each kind of error is stored once with its type,
// message and the app's own frames, on the page it was raised on; the app shows what it shows in
// Chromium after each step (the steps and the stored reports: test/support/framework-tours.mjs,
// shared with WebKit), and its errors reach the page and the console as they would without the SDK.
//
//   npm run build && node --test test/firefox/frameworks.test.mjs   (an app's build is reused when
//   newer than dist/ and its fixture: test/support/framework-apps.mjs)
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { serveFrameworks } from '../support/framework-apps.mjs';
import {
  ANGULAR_FAILURES, ANGULAR_SHOWN, NEXT_FAILURES, NEXT_SHOWN, NUXT_CONSOLE, NUXT_FAILURES, NUXT_HOOKS, NUXT_SHOWN,
  ANGULAR_ZONELESS_CONSOLE, angularShown, assertAngularReports, assertAngularZonelessReports, assertNextReports, assertNuxtReports, assertTourDwell, clickThrough, failuresStored, nextShown, nuxtShown, tour,
} from '../support/framework-tours.mjs';
import { startCollector, useFirefox } from './harness.mjs';

/** How long an app may take to show what a test waits for, in ms. */
const SHOW_MS = 15_000;

// Built when no fresh build is there, and started, before the tests and hooks are registered
// (framework-apps.mjs says why).
const apps = await serveFrameworks();
const browser = useFirefox('frameworks');

/**
 * A fresh tab on the app `name` at `path`, reporting to a fresh collector on the port its build
 * names (none when `collector` is false: a page without the SDK, opened beside a test's own);
 * the page's uncaught errors and console errors noted as it runs.
 * @param {'next' | 'nuxt' | 'angular' | 'angular-zoneless'} name @param {string} path
 */
async function openApp(name, path, { collector: withCollector = true } = {}) {
  const app = apps[name];
  const collector = withCollector ? await startCollector({ port: app.collectorPort }) : undefined;
  const context = await browser().createBrowserContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const pageErrors = [];
  /** @type {string[]} */
  const consoleErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e instanceof Error ? e.message : String(e)));
  // Over BiDi an Error argument is a value without a handle, its text `JSHandle@error`.
  page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  await page.goto(app.origin + path);
  /** @type {import('../support/framework-tours.mjs').Driver} */
  const driver = {
    shown: async (css) => void (await page.waitForSelector(css, { timeout: SHOW_MS })),
    click: (css) => page.click(css),
    back: async () => void (await page.goBack()),
    forward: async () => void (await page.goForward()),
    run: (fn) => page.evaluate(fn),
  };
  const done = async () => {
    await context.close();
    await collector?.close();
  };
  return { origin: app.origin, collector: /** @type {Awaited<ReturnType<typeof startCollector>>} */ (collector), page: driver, pageErrors, consoleErrors, done };
}

it("Next.js: the tour is routes, one crumb and one _active each; an event handler's, a render's (the boundary) and a rejection's errors stored once each after the way back; hydration and navigations quiet", async () => {
  const { origin, collector, page, pageErrors, consoleErrors, done } = await openApp('next', '/');
  try {
    await page.shown('body[data-hydrated] #home');
    // One client: the one instrumentation-client.js started is the one the layout's ErrorBoundary reports to.
    assert.equal(await page.run(() => typeof (/** @type {any} */ (window).tracely) == 'object' && /** @type {any} */ (window).tracely === /** @type {any} */ (window).boundaryTracely), true);
    const pages = await tour(page, collector);
    // Hydration and the navigations raised nothing and logged nothing.
    assert.deepEqual([pageErrors, consoleErrors, await collector.errors()], [[], [], []]);
    assertNextReports(await failuresStored(page, collector, NEXT_FAILURES, nextShown, NEXT_SHOWN, 3), origin);
    await assertTourDwell(pages, collector);
    // The click and the rejection escaped into the page as they would without the SDK; Next logged
    // the caught render error (an Error logged at level error).
    assert.deepEqual(pageErrors.sort(), ['Error: next click failed', 'Error: next rejection']);
    assert.deepEqual(consoleErrors, ['JSHandle@error']);
  } finally {
    await done();
  }
});

it("Nuxt: the tour is routes, one crumb and one _active each; each error stored once with Vue's fields, a page's setup() error raised on the way back is that page's; Nuxt's hooks, error page and boundary do as in Chromium", async () => {
  const { origin, collector, page, pageErrors, consoleErrors, done } = await openApp('nuxt', '/');
  try {
    await page.shown('body[data-hydrated] #home');
    const pages = await tour(page, collector);
    assert.deepEqual([pageErrors, consoleErrors, await collector.errors()], [[], [], []]);
    assertNuxtReports(await failuresStored(page, collector, NUXT_FAILURES, nuxtShown, NUXT_SHOWN, 7), origin);
    assert.deepEqual(await page.run(() => /** @type {any} */ (window).nuxtHooks), NUXT_HOOKS);
    // The failures' stops (home, the failing page) may each send one more `_active`.
    await assertTourDwell(pages, collector, NUXT_FAILURES.length);
    assert.deepEqual(pageErrors, ['Error: nuxt rejection']);
    // Nuxt logged the errors its boundary and error page did not take (their text: the SDK's console crumbs, checked above).
    assert.deepEqual(consoleErrors, NUXT_CONSOLE.map(() => 'JSHandle@error'));
  } finally {
    await done();
  }
});

it("Angular with zone.js: the tour is routes, one crumb and one _active each; each error stored once whichever of ErrorHandler, window and zone.js it goes through, in and outside Angular's zone; Angular does as in Chromium", async () => {
  const { origin, collector, page, pageErrors, consoleErrors, done } = await openApp('angular', '/');
  try {
    await page.shown('body[data-hydrated] #home');
    const pages = await tour(page, collector);
    assert.deepEqual([pageErrors, consoleErrors, await collector.errors()], [[], [], []]);
    assertAngularReports(await failuresStored(page, collector, ANGULAR_FAILURES, angularShown, ANGULAR_SHOWN, 7), origin);
    await assertTourDwell(pages, collector, ANGULAR_FAILURES.length);
    // ErrorHandler took every error but zone.js's rejection outside the zone (logged by zone.js): none reached the page uncaught.
    assert.deepEqual(pageErrors, []);
    // ErrorHandler's `console.error('ERROR', error)` for each but the rejection outside the zone,
    // which zone.js logs itself (their text: the SDK's console crumbs, checked above); an Error
    // argument reads `JSHandle@error` over BiDi. The last is the routed constructor's.
    const handled = 'ERROR JSHandle@error';
    assert.deepEqual(consoleErrors, [handled, handled, 'JSHandle@error', handled, 'ERROR angular string outside', handled, handled]);
  } finally {
    await done();
  }
});

// The tour is the same router's as with zone.js (above); what differs is who sees each error first.
it('Angular without zone.js: each error stored once, ErrorHandler and the browser both seeing rejections and window errors; Angular does as in Chromium', async () => {
  const { origin, collector, page, pageErrors, consoleErrors, done } = await openApp('angular-zoneless', '/');
  try {
    await page.shown('body[data-hydrated] #home');
    assertAngularZonelessReports(await failuresStored(page, collector, ANGULAR_FAILURES, angularShown, ANGULAR_SHOWN, 7), origin);
    // provideBrowserGlobalErrorListeners hands window's errors and rejections to ErrorHandler,
    // default prevented: Chromium then reports none; Firefox still reports each rejection, as it
    // does without the SDK (the same app, `?sdk=off`, the same two clicks).
    assert.deepEqual(pageErrors, ['Error: angular rejection', 'Error: angular rejection outside']);
    const plain = await openApp('angular-zoneless', '/?sdk=off', { collector: false });
    try {
      await plain.page.shown('body[data-hydrated] #home');
      await clickThrough(plain.page, [['reject'], ['reject-outside']], angularShown);
      assert.deepEqual(plain.pageErrors, pageErrors);
    } finally {
      await plain.done();
    }
    assert.equal(consoleErrors.length, ANGULAR_ZONELESS_CONSOLE.length + 1, JSON.stringify(consoleErrors));
    assert.ok(consoleErrors.every((line) => line.startsWith('ERROR ')), JSON.stringify(consoleErrors));
  } finally {
    await done();
  }
});
