// The Angular fixture (test/apps/angular-app, zone.js) with the SDK as many Angular sites add it:
// not imported, but a script tag in src/index.html's <head> before Angular's scripts
// (`window.tracely = new Tracely({...}).init()`), or the async loader snippet there, its bundle
// from the same origin; the README's ErrorHandler and bootstrap recipes written for the global
// (`window.tracely`). One build (dist-tag: src/index.tag.html, src/main.tag.ts, the `.tag.ts`
// files) serves both heads: the fixture's server picks by the first load's query (`?load=loader`;
// `?sdk=off`: neither). zone.js loads after the SDK here (Angular's polyfills bundle), or, with the
// loader, before the bundle arrives. In real Chromium, reporting to the real collector: each
// error once, with its type, message and frames; Angular the same with and without the SDK;
// router navigations and HttpClient requests once each; errors raised before the loader's bundle
// arrives held and delivered once.
import type { Browser, Page, Route } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Stored } from './support/fixtures';
import { frameworkApp, tour, tourReported } from './support/framework-app';
import { ANGULAR_DID, byMessage, expectAppFrames, failures, http404Crumbs, httpCrumbs, IN_ZONE_REPORTS, mainBundle, QUIET, open, watch } from './support/angular-app';
import { APP_DIR, buildAngularTagApp, startAngularApp } from '../apps/angular-app.mjs';

// The collector's URL is put into the page by the fixture's server: each test's fresh collector
// listens on the one port it names.
const { test, app: ng } = frameworkApp('angular script tag', buildAngularTagApp, (collectorHost) => startAngularApp('dist-tag', collectorHost));

type Head = 'tag' | 'loader';
const HEADS: Head[] = ['tag', 'loader'];
/** The first load's query for `head`, and `more` of the fixture's own (`http=xhr`, `init=...`). */
const query = (head: Head, more = '') => `/?${[head == 'loader' ? 'load=loader' : '', more].filter(Boolean).join('&')}`;

/** Loads the app under `head`, then waits for the SDK itself to be there (the loader's bundle has run). */
async function openWith(page: Page, head: Head, more = '') {
  await open(page, query(head, more), ng);
  await page.waitForFunction((host) => (window as any).tracely.serves('test-app', host), ng.collectorHost);
}

const stored = (errors: Stored[]) => errors.map((e) => `${e.type} ${e.message}`).sort();
const quiet = QUIET;
/** How long the collector is watched for a second report once the expected ones are in. */
const WATCHED_LONGER_MS = 1000;

test("the build is clean; the SDK is no part of the app bundle; the server puts the tag, the loader or neither before Angular's scripts, the collector's URL in the page", async ({ request }) => {
  expect(ng.buildLog).toMatch(/Application bundle generation complete/);
  expect(ng.buildLog).not.toMatch(/warn|error|tracely/i);
  const bundles = readdirSync(join(APP_DIR, 'dist-tag/browser')).filter((f) => f.endsWith('.js'));
  expect(bundles.map((f) => f.replace(/-\w+\.js$/, '')).sort()).toEqual(['main', 'polyfills']);
  const main = readFileSync(join(APP_DIR, 'dist-tag/browser', bundles.find((f) => f.startsWith('main-'))!), 'utf8');
  expect(main).not.toContain('_tracely_session');
  expect(main).not.toContain(ng.collectorHost);
  // What each head is, in the served page, before Angular's module scripts.
  const heads: Record<string, string[]> = {};
  for (const q of ['/', '/?load=loader', '/?sdk=off']) {
    const html = await (await request.get(ng.origin + q)).text();
    heads[q] = [...html.matchAll(/<script( src="[^"]+"| data-src="[^"]+" data-integrity="sha384-[\w+/=]+"|)( type="module")?>/g)].map((m) => m[0].replace(/-\w+\.js"/, '.js"').replace(/sha384-[\w+/=]+/, 'sha384-…'));
    expect(html.includes(JSON.stringify(ng.collectorHost)) || q == '/?sdk=off').toBe(true);
  }
  const angular = ['<script src="polyfills.js" type="module">', '<script src="main.js" type="module">'];
  expect(heads).toEqual({
    '/': ['<script src="/tracely.min.js">', '<script>', ...angular],
    '/?load=loader': ['<script data-src="/tracely.min.js" data-integrity="sha384-…">', '<script>', ...angular],
    '/?sdk=off': angular,
  });
  const served = await request.get(`${ng.origin}/tracely.min.js`);
  expect(await served.text()).toBe(readFileSync(join(APP_DIR, 'node_modules/@tracely/browser/dist/tracely.min.js'), 'utf8'));
  // (The pages render, with each head, in the tests below: the same console and page errors as without the SDK.)
});

/** How long the loader's bundle is held back in the test: Angular boots and the page fails meanwhile. */
const BUNDLE_HELD_MS = 15_000;

/**
 * Holds back the loader's bundle (`/tracely.min.js`) until `release()`; then it loads as
 * served. `asked()`: how many times it was asked for.
 */
async function holdBundle(page: Page) {
  const waiting: Route[] = [];
  let asked = 0;
  let released = false;
  await page.route('**/tracely.min.js', async (route) => {
    asked++;
    if (released) await route.continue();
    else waiting.push(route);
  });
  return {
    asked: () => asked,
    release: async () => {
      released = true;
      for (const route of waiting.splice(0)) await route.continue();
    },
  };
}

let withoutSdk: Promise<Record<string, unknown>> | undefined;
/** What Angular does with each failure without the SDK (`?sdk=off`), found once for both heads. */
function failuresWithoutSdk(browser: Browser) {
  return (withoutSdk ||= (async () => {
    const plain = await browser.newPage();
    await open(plain, '/?sdk=off', ng);
    expect(await plain.evaluate(() => typeof (window as any).Tracely)).toBe('undefined');
    const steps = await failures(plain);
    await plain.close();
    return steps;
  })());
}

for (const head of HEADS) {
  test(`${head}: each error is stored once, with its type, message and frames, whichever of ErrorHandler, window and zone.js it goes through; Angular does the same with and without the SDK`, async ({ page, collector, browser }) => {
    if (head == 'loader') {
      // The loader's bundle arriving once Angular is up (a CDN slower than the app's own files):
      // Angular's global error listeners are on `window` before the SDK's.
      const bundle = await holdBundle(page);
      await page.goto(ng.origin + query(head), { waitUntil: 'domcontentloaded' });
      await page.waitForSelector('body[data-hydrated]', { timeout: BUNDLE_HELD_MS });
      await bundle.release();
      await page.waitForFunction((host) => (window as any).tracely.serves('test-app', host), ng.collectorHost);
    } else await openWith(page, head);
    const withSdk = await failures(page);
    expect(withSdk).toEqual(await failuresWithoutSdk(browser));
    // What Angular did, as the npm app's spec records it (angular-app.spec.ts).
    expect(withSdk).toMatchObject({
      ...ANGULAR_DID,
      'to-broken': { handled: ['Error: angular constructor failed'], path: '/' },
    });

    // In Angular's zone: ErrorHandler's reportError. Outside it, a rejection: zone.js's handler; a
    // timer's error: window's error event, which Angular's global listeners hand to ErrorHandler
    // too. The first way in names the type. `throw null` there: Angular hands ErrorHandler
    // `new Error(event.message)`, one report either way (root/once.ts).
    const outside =
      head == 'tag'
        ? ['jsError Error: angular timer outside', 'jsError Uncaught null', 'jsError angular string outside']
        : ['manualError Uncaught null', 'manualError angular string outside', 'manualError angular timer outside'];
    const all = [...outside, ...IN_ZONE_REPORTS(ng.origin)].sort();
    await collector.waitFor(() => collector.errors(), (i) => i.length >= all.length);
    await page.waitForTimeout(WATCHED_LONGER_MS);
    const errors = await collector.errors();
    expect(stored(errors)).toEqual(all);
    const found = byMessage(errors);
    const timer = head == 'tag' ? 'Error: angular timer outside' : 'angular timer outside';
    expectAppFrames(found, ['angular click failed', 'angular rejection', 'Error: angular rejection outside', timer, 'angular render failed', 'angular constructor failed'], ng.origin);
    const last = found['angular constructor failed'];
    expect(httpCrumbs(last)).toEqual(['fetch GET /api/status/404 404', 'fetch GET /api/status/500 500']);
    for (const e of errors) expect(e.page).toBe('/');
  });

}

// Over fetch (withFetch()), each head's errors above carry the crumbs; here HttpClient over XHR.
test("tag, loader: HttpClient's requests over XHR (`provideHttpClient()`) are http crumbs once each", async ({ page, collector }) => {
  const crumbs: string[][] = [];
  for (const head of HEADS) {
    await openWith(page, head, 'http=xhr');
    crumbs.push(await http404Crumbs(page, collector, head));
  }
  expect(crumbs).toEqual([['xhr GET /api/status/404 404'], ['xhr GET /api/status/404 404']]);
});

test('tag: router navigations (routerLink, router.navigate, back, forward) are one crumb and one _active each', async ({ page, collector }) => {
  const take = watch(page);
  await openWith(page, 'tag');
  await tour(page);
  expect(await take()).toEqual(quiet);
  await tourReported(page, collector);
});

/** The bootstrap cases: what each `?init=` makes fail while Angular starts. */
const BOOT = ['app', 'environment', 'reject', 'reject-outside'];

/** Loads `path` (an `?init=` case) and waits for what Angular, zone.js and main.ts's catch log of it (each one console error). */
async function boot(page: Page, path: string) {
  const take = watch(page);
  const logged = page.waitForEvent('console', (m) => m.type() == 'error');
  await page.goto(ng.origin + path);
  await logged;
  await page.waitForTimeout(300);
  return { ...(await take()), rendered: (await page.innerHTML('app-root')) != '', up: await page.evaluate(() => document.body.hasAttribute('data-hydrated')) };
}

test("tag: bootstrap: initializers' errors and rejections, in Angular's zone and outside it, are one report each; Angular does the same without the SDK", async ({ page, collector, browser }) => {
  const plain = await browser.newPage();
  const seen: Record<string, unknown> = {};
  for (const init of BOOT) {
    seen[init] = await boot(page, `/?init=${init}`);
    expect(await boot(plain, `/?init=${init}&sdk=off`)).toEqual(seen[init]);
  }
  await plain.close();
  expect(seen).toEqual({
    app: { ...quiet, handled: ['Error: angular app initializer failed'], console: ['Error: angular app initializer failed'], rendered: false, up: false },
    environment: { ...quiet, console: ['Error: angular environment initializer failed'], rendered: false, up: false },
    reject: { ...quiet, handled: ['Error: angular bootstrap rejection'], rendered: true, up: true },
    'reject-outside': { ...quiet, console: ['Error: angular bootstrap rejection outside'], rendered: true, up: true },
  });
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 4);
  await page.waitForTimeout(WATCHED_LONGER_MS);
  const errors = await collector.errors();
  expect(stored(errors)).toEqual([
    'manualError angular app initializer failed',
    'manualError angular bootstrap rejection',
    'manualError angular environment initializer failed',
    'promiseError Error: angular bootstrap rejection outside',
  ]);
  for (const e of errors) expect(e.frames[0].file).toMatch(mainBundle(ng.origin));
});

test('loader: errors raised before the bundle arrives (a bootstrap rejection, clicks, timers) are held and delivered once each, with their frames; rejections outside Angular\'s zone meanwhile are not seen', async ({ page, collector }) => {
  test.setTimeout(90_000);
  const bundle = await holdBundle(page);
  const take = watch(page);
  // Rejections while the app starts, in Angular's zone (ErrorHandler's call is held) and outside it.
  await page.goto(ng.origin + '/?load=loader&init=reject&init=reject-outside', { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('body[data-hydrated]', { timeout: BUNDLE_HELD_MS });
  expect(await page.evaluate(() => [typeof (window as any).Tracely.onReady, (window as any).tracely.serves('test-app', location.origin)])).toEqual(['function', false]);
  for (const id of ['throw', 'reject', 'reject-outside', 'timer-outside', 'string-outside', 'null-outside']) {
    await page.click(`#${id}`);
    await page.waitForTimeout(200);
  }
  expect(bundle.asked()).toBe(1);
  // Nothing reached the collector yet: the bundle has not arrived.
  expect(await collector.errors()).toEqual([]);
  const before = await take();
  await bundle.release();
  await page.waitForFunction((host) => (window as any).tracely.serves('test-app', host), ng.collectorHost);
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 6);
  await page.waitForTimeout(WATCHED_LONGER_MS);
  const errors = await collector.errors();
  expect(before).toEqual({
    handled: ['Error: angular bootstrap rejection', 'Error: angular click failed', 'Error: angular rejection', 'Error: angular timer outside', 'string angular string outside', 'Error: Uncaught null'],
    // zone.js's own log of the rejections outside Angular's zone.
    console: ['Error: angular bootstrap rejection outside', 'Error: angular rejection outside'],
    pageErrors: [],
  });
  // The held events and calls are replayed in one task: window's error and ErrorHandler's call
  // for one error are one report. Not among them: the rejections outside Angular's zone (at
  // bootstrap, and a click's), which zone.js hands only to its own handler, hooked once the
  // bundle has run (README: the loader's limit with zone.js).
  expect(stored(errors)).toEqual([
    'jsError Error: angular timer outside',
    'jsError Uncaught null',
    'jsError angular string outside',
    'manualError angular bootstrap rejection',
    'manualError angular click failed',
    'manualError angular rejection',
  ]);
  const found = byMessage(errors);
  for (const message of ['angular bootstrap rejection', 'angular click failed', 'angular rejection', 'Error: angular timer outside']) expect(found[message].frames[0].file).toMatch(mainBundle(ng.origin));
  expect(await take()).toEqual(quiet);
});
