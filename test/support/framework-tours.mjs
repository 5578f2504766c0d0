// What the framework app fixtures (test/apps: Next.js, Nuxt, Angular) are put through in Firefox
// ESR and WebKit (test/firefox/frameworks.test.mjs, test/webkit/frameworks.test.mjs), and what
// the collector and the page must show after: what the Chromium specs (test/e2e/next-app.spec.ts,
// nuxt-app.spec.ts, angular-app.spec.ts) prove, in one page load per app. Each suite drives its
// browser through a `Driver`; the steps and the stored reports are the same in every engine.
// SpiderMonkey and JavaScriptCore write stacks as `fn@url:line:col`, React's component stack
// with them (`Name@…`, where Chromium's is `at Name (…)`).
import assert from 'node:assert/strict';
import { activePages, QUIET_WATCH_MS } from './app-reports.mjs';
import { sleep, waitFor } from './wait.mjs';

/** How long the tour stays on each stop, in ms: a whole second of dwell (a stop of less sends no `_active`), read by the page's clock from the route's change, before the next step is sent. */
const STAY_MS = 1100;
/** How long a step with nothing to wait for is given for its effects (a log, a render, a report) before the page is read, in ms. */
const SETTLE_MS = 300;

/**
 * A browser tab on an app, as a suite drives it. `shown` fails if the element never shows;
 * `run` sends the function's source (no closure) and answers its JSON value.
 * @typedef {{
 *   shown(css: string): Promise<void>,
 *   click(css: string): Promise<void>,
 *   back(): Promise<void>,
 *   forward(): Promise<void>,
 *   run<R>(fn: () => R): Promise<Awaited<R>>,
 * }} Driver
 */
/** @typedef {Record<string, any>} Stored a report as the collector's read API gives it */
/** @typedef {{ errors(): Promise<Stored[]>, events(): Promise<Stored[]> }} Collector */

/**
 * The tour, all client-side: home -> about (a link) -> shop (a programmatic navigation) -> back ->
 * forward -> back -> back to home, a whole second or more on each stop. It ends by the back
 * button: the errors raised next are raised on the page it reached.
 */
export const TOUR_NAVIGATIONS = ['pushState / /about', 'pushState /about /shop', 'popstate /shop /about', 'popstate /about /shop', 'popstate /shop /about', 'popstate /about /'];
/** The page of each `_active` the tour sends (home, where it ends, is still open). */
export const TOUR_PAGES = ['/', '/about', '/shop', '/about', '/shop', '/about'];

/** The navigation crumbs of a report, as `<how> <from> <to>`. @param {Stored} report */
export const navigations = (report) => report.breadcrumbs.filter((/** @type {Stored} */ c) => c.type == 'navigation').map((/** @type {Stored} */ c) => `${c.category} ${c.data.from} ${c.data.to}`);

/** The messages of a report's crumbs of `type` (console lines, clicks). @param {Stored} report @param {string} type */
export const crumbs = (report, type) => report.breadcrumbs.filter((/** @type {Stored} */ c) => c.type == type).map((/** @type {Stored} */ c) => c.message);

/**
 * The tour (TOUR_NAVIGATIONS), checking at each stop that the app shows the route and its URL,
 * and at the end that it was one document all along. Answers the `_active` pages stored once the
 * tour's are all in.
 * @param {Driver} page @param {Collector} collector
 */
export async function tour(page, collector) {
  await page.run(() => void (/** @type {any} */ (window).sameDocument = true));
  /** @param {string} id @param {string} path */
  const at = async (id, path) => {
    await page.shown(`#${id}`);
    assert.equal(await page.run(() => location.pathname), path);
    await sleep(STAY_MS);
  };
  await sleep(STAY_MS);
  await page.click('#to-about');
  await at('about', '/about');
  await page.click('#push-shop');
  await at('shop', '/shop');
  await page.back();
  await at('about', '/about');
  await page.forward();
  await at('shop', '/shop');
  await page.back();
  await at('about', '/about');
  await page.back();
  await page.shown('#home');
  assert.equal(await page.run(() => location.pathname), '/');
  assert.equal(await page.run(() => /** @type {any} */ (window).sameDocument), true);
  return waitFor(() => activePages(collector), (p) => p.length >= TOUR_PAGES.length);
}

/**
 * The tour's `_active` events: one per stop, each a whole second or more, none sent twice (read
 * again now, after the errors' quiet watch).
 * @param {string[]} pages as read once the tour was over (tour's answer) @param {Collector} collector
 * @param {number} [stopsAfter] how many more stops, each a second or more, the steps after the tour made
 */
export async function assertTourDwell(pages, collector, stopsAfter = 0) {
  assert.deepEqual(pages, TOUR_PAGES);
  const actives = (await collector.events()).filter((e) => e.eventName == '_active');
  assert.deepEqual(actives.slice(0, TOUR_PAGES.length).map((e) => e.metadata.page), TOUR_PAGES);
  assert.ok(actives.length <= TOUR_PAGES.length + stopsAfter, JSON.stringify(actives.map((e) => e.metadata)));
  for (const e of actives.slice(0, TOUR_PAGES.length)) assert.ok(e.metadata.duration >= 1, JSON.stringify(e.metadata));
}

/** A step that is the back button, not a click. */
export const BACK = 'back';

/**
 * Takes each of `steps` in order (an element's id to click, or BACK; then what to wait for: an
 * element, or a path the URL reaches) and reads `shown` after each: what the app did, by step (a
 * step taken again is `<id>#2`).
 * @template S @param {Driver} page @param {[string, string?][]} steps @param {() => S} shown
 * @returns {Promise<Record<string, Awaited<S>>>}
 */
export async function clickThrough(page, steps, shown) {
  /** @type {Record<string, Awaited<S>>} */
  const seen = {};
  for (const [id, then] of steps) {
    await (id == BACK ? page.back() : page.click(`#${id}`));
    if (then?.startsWith('/')) await waitFor(() => page.run(() => location.pathname), (path) => path == then);
    else if (then) await page.shown(then);
    else await sleep(SETTLE_MS);
    seen[id in seen ? `${id}#2` : id] = await page.run(shown);
  }
  return seen;
}

/**
 * The app's failures taken (clickThrough), the app having done `did` after each; then the reports
 * they stored, read once `count` are there and the collector stayed quiet a while (nothing twice).
 * @template S @param {Driver} page @param {Collector} collector @param {[string, string?][]} failures
 * @param {() => S} shown @param {Record<string, Awaited<S>>} did @param {number} count
 */
export async function failuresStored(page, collector, failures, shown, did, count) {
  assert.deepEqual(await clickThrough(page, failures, shown), did);
  await waitFor(collector.errors, (i) => i.length >= count);
  await sleep(QUIET_WATCH_MS);
  return collector.errors();
}

/** An app's chunk file as its server serves it. @param {string} origin @param {string} folder */
const chunk = (origin, folder) => new RegExp(`^${origin.replace(/\./g, '\\.')}/${folder}[\\w.~-]+\\.js$`);

// --- Next.js (test/apps/next-app) ---

/** What the Next page shows: home, and the pages' ErrorBoundary's fallback. */
export const nextShown = () => ({ home: document.querySelectorAll('#home').length, retry: document.querySelectorAll('#retry').length });
/** Next's failures on home: an event handler, a rejection, a render (the boundary shows its fallback). @type {[string, string?][]} */
export const NEXT_FAILURES = [['throw'], ['reject'], ['break', '#retry']];
/** What the Next page showed after each failure (as in Chromium: the handler's and the rejection's errors change nothing). */
export const NEXT_SHOWN = { throw: { home: 1, retry: 0 }, reject: { home: 1, retry: 0 }, break: { home: 0, retry: 1 } };

/**
 * After the tour and NEXT_FAILURES: three reports, once each, on home, with the tour's crumbs and
 * the app's own frames; the render's with React's component stack in the engine's format.
 * @param {Stored[]} errors @param {string} origin the app's
 */
export function assertNextReports(errors, origin) {
  assert.deepEqual(errors.map((e) => `${e.type} ${e.message}`).sort(), ['jsError Error: next click failed', 'manualError next render failed 16', 'promiseError Error: next rejection'], JSON.stringify(errors));
  for (const e of errors) {
    assert.equal(e.page, '/');
    assert.match(e.frames[0].file, chunk(origin, '_next/static/chunks/'), JSON.stringify(e.frames));
    assert.ok(e.frames[0].line > 0 && e.frames[0].inApp, JSON.stringify(e.frames[0]));
    assert.ok(!JSON.stringify(e).includes('4242424242424242'));
    assert.deepEqual(navigations(e), TOUR_NAVIGATIONS);
  }
  const rendered = /** @type {Stored} */ (errors.find((e) => e.type == 'manualError'));
  assert.equal(rendered.tags.reactHandler, 'boundary');
  assert.match(rendered.component, /^[\w$]+$/);
  assert.ok(rendered.componentStack.includes(`${rendered.component}@${origin}/_next/static/chunks/`), rendered.componentStack);
  for (const e of errors.filter((e) => e !== rendered)) assert.equal(e.componentStack, undefined);
}

// --- Nuxt (test/apps/nuxt-app) ---

/** What Vue 3 gives as the info in a production build: its error reference, by error code. */
const VUE_INFO = {
  setup: 'https://vuejs.org/error-reference/#runtime-0',
  render: 'https://vuejs.org/error-reference/#runtime-1',
  handler: 'https://vuejs.org/error-reference/#runtime-5',
};
/** What the Nuxt page shows: its error page, the boundary's fallback, home, the page whose setup fails. */
export const nuxtShown = () => ({
  path: location.pathname,
  errorPage: document.querySelectorAll('#nuxt-error').length,
  fallback: document.querySelectorAll('#boundary-fallback').length,
  home: document.querySelectorAll('#home').length,
  setupPage: document.querySelectorAll('#setup-fails').length,
});
/**
 * Nuxt's failures from home: an event handler, a rejection, a render in <NuxtErrorBoundary> and
 * outside it, a page whose setup() fails (by a link, home, then again by the back button, its
 * error raised by the router's popstate listener), home, a fatal error (Nuxt's error page).
 * @type {[string, string?][]}
 */
export const NUXT_FAILURES = [['throw'], ['reject'], ['break-boundary', '#boundary-fallback'], ['break-outside'], ['to-setup-fails', '/setup-fails'], ['to-home', '#home'], [BACK, '/setup-fails'], ['to-home', '#home'], ['fatal', '#nuxt-error']];
const nuxtHome = { path: '/', errorPage: 0, fallback: 0, home: 1, setupPage: 0 };
const nuxtSetupFailed = { path: '/setup-fails', errorPage: 0, fallback: 0, home: 0, setupPage: 0 };
/** What Nuxt showed after each (as in Chromium, with and without the SDK). */
export const NUXT_SHOWN = {
  throw: nuxtHome,
  reject: nuxtHome,
  'break-boundary': { ...nuxtHome, fallback: 1 },
  'break-outside': { ...nuxtHome, fallback: 1 },
  'to-setup-fails': nuxtSetupFailed,
  'to-home': nuxtHome,
  back: nuxtSetupFailed,
  'to-home#2': nuxtHome,
  fatal: { ...nuxtHome, errorPage: 1, home: 0 },
};
/** Nuxt's hooks, as recorded by the fixture: every component error through vue:error once, app:error only for the fatal one. */
export const NUXT_HOOKS = [
  'vue:error nuxt click failed',
  'vue:error nuxt render failed in boundary',
  'vue:error nuxt render failed outside',
  'vue:error nuxt setup failed',
  'vue:error nuxt setup failed on visit 2',
  'vue:error nuxt fatal',
  'app:error nuxt fatal',
];

/** What Nuxt logged (console.error) of the errors its boundary and error page did not take, as the SDK's console crumbs say. */
export const NUXT_CONSOLE = ['Error: nuxt click failed', 'Error: nuxt render failed outside', 'Error: nuxt setup failed', 'Error: nuxt setup failed on visit 2'];

/**
 * After the tour and NUXT_FAILURES: seven reports, once each, with Vue's component fields, the
 * app's own frames, and the page each was raised on: the setup() error raised on the way back
 * is the page's the back button reached.
 * @param {Stored[]} errors @param {string} origin the app's
 */
export function assertNuxtReports(errors, origin) {
  const fields = errors.map((e) => [e.type, e.message, e.page, e.component, e.componentTrace?.slice(0, 2).join(' < '), e.lifecycle]);
  assert.deepEqual(fields, [
    ['manualError', `nuxt click failed: ${VUE_INFO.handler}`, '/', 'HomePage', 'HomePage < RouteProvider', VUE_INFO.handler],
    ['promiseError', 'Error: nuxt rejection', '/', undefined, undefined, undefined],
    ['manualError', `nuxt render failed in boundary: ${VUE_INFO.render}`, '/', 'BrokenPart', 'BrokenPart < NuxtErrorBoundary', VUE_INFO.render],
    ['manualError', `nuxt render failed outside: ${VUE_INFO.render}`, '/', 'BrokenPart', 'BrokenPart < HomePage', VUE_INFO.render],
    ['manualError', `nuxt setup failed: ${VUE_INFO.setup}`, '/setup-fails', 'SetupFailsPage', 'SetupFailsPage < RouteProvider', VUE_INFO.setup],
    ['manualError', `nuxt setup failed on visit 2: ${VUE_INFO.setup}`, '/setup-fails', 'SetupFailsPage', 'SetupFailsPage < RouteProvider', VUE_INFO.setup],
    ['manualError', `nuxt fatal: ${VUE_INFO.handler}`, '/', 'HomePage', 'HomePage < RouteProvider', VUE_INFO.handler],
  ], JSON.stringify(errors));
  for (const e of errors) {
    assert.match(e.frames[0].file, chunk(origin, '_nuxt/'), JSON.stringify(e.frames));
    assert.ok(e.frames[0].line > 0 && e.frames[0].inApp, JSON.stringify(e.frames[0]));
    assert.equal(e.componentTrace?.at(-1) ?? 'nuxt-root', 'nuxt-root');
  }
  assert.deepEqual(navigations(errors[0]), TOUR_NAVIGATIONS);
  // The way back to the failing page is in its story: the popstate there, last of its navigations.
  assert.deepEqual(navigations(errors[5]).slice(-3), ['pushState / /setup-fails', 'pushState /setup-fails /', 'popstate / /setup-fails']);
  assert.deepEqual(crumbs(errors[6], 'console'), NUXT_CONSOLE);
}

// --- Angular (test/apps/angular-app, with zone.js) ---

/** What the Angular page shows: the route's element, the broken part. */
export const angularShown = () => ({
  path: location.pathname,
  home: document.querySelectorAll('#home').length,
  brokenPage: document.querySelectorAll('#broken').length,
  brokenPart: document.querySelectorAll('#broken-part').length,
});
/**
 * Angular's failures on home: an event handler and a rejection in Angular's zone (ErrorHandler),
 * a rejection and a thrown Error and string in a timer outside it (zone.js; window's error event
 * through provideBrowserGlobalErrorListeners), a template binding, a routed component's constructor.
 * @type {[string, string?][]}
 */
export const ANGULAR_FAILURES = [['throw'], ['reject'], ['reject-outside'], ['timer-outside'], ['string-outside'], ['break', '#broken-part'], ['to-broken']];
const angularHome = { path: '/', home: 1, brokenPage: 0, brokenPart: 0 };
/** What Angular showed after each (as in Chromium, with and without the SDK). */
export const ANGULAR_SHOWN = {
  throw: angularHome,
  reject: angularHome,
  'reject-outside': angularHome,
  'timer-outside': angularHome,
  'string-outside': angularHome,
  break: { ...angularHome, brokenPart: 1 },
  // The router gives up the navigation and puts the URL back; the home page goes.
  'to-broken': { ...angularHome, home: 0 },
};
/** What ErrorHandler (its `console.error('ERROR', error)`) and zone.js logged, as the SDK's console crumbs say. */
export const ANGULAR_CONSOLE = [
  'ERROR Error: angular click failed',
  'ERROR Error: angular rejection',
  'Error: angular rejection outside',
  'ERROR Error: angular timer outside',
  'ERROR angular string outside',
  'ERROR Error: angular render failed',
];

/**
 * After the tour and ANGULAR_FAILURES: seven reports, once each whichever of ErrorHandler,
 * window and zone.js they went through, on home, with frames in the app's bundle.
 * @param {Stored[]} errors @param {string} origin the app's
 */
export function assertAngularReports(errors, origin) {
  assert.deepEqual(errors.map((e) => `${e.type} ${e.message}`).sort(), [
    'jsError Error: angular timer outside',
    'jsError angular string outside',
    'manualError angular click failed',
    'manualError angular constructor failed',
    'manualError angular rejection',
    'manualError angular render failed',
    'promiseError Error: angular rejection outside',
  ], JSON.stringify(errors));
  const main = chunk(origin, 'main-');
  for (const e of errors) {
    assert.equal(e.page, '/');
    // A thrown string has no stack: its one frame is where window's error event says it was (zone.js's timer task, in the polyfills bundle).
    assert.match(e.frames[0].file, e.message == 'angular string outside' ? chunk(origin, 'polyfills-') : main, `${e.message}: ${JSON.stringify(e.frames)}`);
    assert.ok(e.frames[0].inApp, JSON.stringify(e.frames[0]));
  }
  const last = /** @type {Stored} */ (errors.find((e) => e.message == 'angular constructor failed'));
  assert.deepEqual(navigations(last), [...TOUR_NAVIGATIONS, 'pushState / /broken', 'replaceState /broken /']);
  assert.deepEqual(crumbs(last, 'console'), ANGULAR_CONSOLE);
}

// --- Angular without zone.js (the same app, provideZonelessChangeDetection()) ---

/** What ErrorHandler logged: every error reaches it (rejections are the browser's, which provideBrowserGlobalErrorListeners hands on). */
export const ANGULAR_ZONELESS_CONSOLE = [
  'ERROR Error: angular click failed',
  'ERROR Error: angular rejection',
  'ERROR Error: angular rejection outside',
  'ERROR Error: angular timer outside',
  'ERROR angular string outside',
  'ERROR Error: angular render failed',
];

/**
 * After ANGULAR_FAILURES without zone.js: seven reports, once each, the browser's events (which
 * come before ErrorHandler's reportError) naming the type, every frame in the app's bundle.
 * @param {Stored[]} errors @param {string} origin the app's
 */
export function assertAngularZonelessReports(errors, origin) {
  assert.deepEqual(errors.map((e) => `${e.type} ${e.message}`).sort(), [
    'jsError Error: angular timer outside',
    'jsError angular string outside',
    'manualError angular click failed',
    'manualError angular constructor failed',
    'manualError angular render failed',
    'promiseError Error: angular rejection',
    'promiseError Error: angular rejection outside',
  ], JSON.stringify(errors));
  for (const e of errors) {
    assert.equal(e.page, '/');
    assert.match(e.frames[0].file, chunk(origin, 'main-'), `${e.message}: ${JSON.stringify(e.frames)}`);
    assert.ok(e.frames[0].inApp, JSON.stringify(e.frames[0]));
  }
  const last = /** @type {Stored} */ (errors.find((e) => e.message == 'angular constructor failed'));
  assert.deepEqual(navigations(last), ['pushState / /broken', 'replaceState /broken /']);
  assert.deepEqual(crumbs(last, 'console'), ANGULAR_ZONELESS_CONSOLE);
}
