// An Angular 21 app with zone.js (test/apps/angular-app) with the packed package, wired as the
// README wires Angular: `new Tracely(...).init()` in main.ts before bootstrapApplication, the
// README's ErrorHandler provided, main.ts's bootstrap catch reporting too, beside what the CLI's
// new-app template provides (provideBrowserGlobalErrorListeners, provideZoneChangeDetection).
// Built by Angular's application builder in production mode, served statically, in real
// Chromium, reporting to the real collector. Each error is stored once whichever of ErrorHandler,
// window and zone.js it goes through; Angular does the same with and without the SDK (`?sdk=off`);
// router navigations are routes; HttpClient's requests are http crumbs; bootstrap failures are
// reported; close() stops reporting. Then the same app built without zone.js (zoneless).
import { expect, type CollectorClient } from './support/fixtures';
import { frameworkApp, navigations, tour, tourReported, type ServedApp } from './support/framework-app';
import { ANGULAR_DID, byMessage, expectAppFrames, failures, HOME, http404Crumbs, httpCrumbs, IN_ZONE_REPORTS, mainBundle, QUIET, open as openApp, watch } from './support/angular-app';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_DIR, buildAngularApp, buildAngularZonelessApp, startAngularApp } from '../apps/angular-app.mjs';

// The collector's URL is built into the app (the builder's `define`): each test's fresh
// collector listens on the one port it names.
const { test, app: ng } = frameworkApp('angular', buildAngularApp, () => startAngularApp());

type Page = import('@playwright/test').Page;

/** Loads `path` and waits for Angular's bootstrap to end (main.ts marks it). */
const open = (page: Page, path: string, app = ng) => openApp(page, path, app);

test('the production build is clean; the SDK and the collector URL are in the app bundle; the pages render', async ({ page, collector }) => {
  expect(collector.url).toBe(ng.collectorHost);
  expect(ng.buildLog).toMatch(/Application bundle generation complete/);
  expect(ng.buildLog).not.toMatch(/warn|error|tracely/i);
  const bundles = readdirSync(join(APP_DIR, 'dist/browser')).filter((f) => f.endsWith('.js'));
  expect(bundles.map((f) => f.replace(/-\w+\.js$/, '')).sort()).toEqual(['main', 'polyfills']);
  const main = readFileSync(join(APP_DIR, 'dist/browser', bundles.find((f) => f.startsWith('main-'))!), 'utf8');
  expect(main).toContain('_tracely_session');
  expect(main).toContain(JSON.stringify(ng.collectorHost));
  const take = watch(page);
  for (const [path, id] of [['/', 'home'], ['/about', 'about'], ['/shop', 'shop']]) {
    await open(page, path);
    await page.waitForSelector(`#${id}`);
  }
  expect(await take()).toEqual({ handled: [], console: [], pageErrors: [] });
});

/** The tour (support/framework-app.ts): home -> about (routerLink) -> shop (router.navigate) -> back -> forward -> home (routerLink). */
async function tourIsRoutes(page: Page, collector: CollectorClient, app: ServedApp) {
  const take = watch(page);
  await open(page, '/', app);
  await tour(page);
  expect(await take()).toEqual({ handled: [], console: [], pageErrors: [] });

  await tourReported(page, collector);
}

test('router navigations (routerLink, router.navigate, back, forward) are routes: one crumb and one _active each', async ({ page, collector }) => {
  await tourIsRoutes(page, collector, ng);
});

test('each error is stored once, with frames in the app bundle, whichever of ErrorHandler, window and zone.js it goes through; Angular does the same with and without the SDK', async ({ page, collector, browser }) => {
  await open(page, '/');
  const withSdk = await failures(page);

  const plain = await browser.newPage();
  await open(plain, '/?sdk=off');
  const withoutSdk = await failures(plain);
  await plain.close();
  expect(withSdk).toEqual(withoutSdk);
  // What Angular did, as recorded (the same without the SDK, above).
  const quiet = QUIET;
  const home = HOME;
  expect(withSdk).toEqual({
    ...ANGULAR_DID,
    'http-404': { ...quiet, ...home, console: ['Failed to load resource: the server responded with a status of 404 (Not Found)'], http: 'failed 404' },
    'http-500-unhandled': {
      ...quiet,
      ...home,
      handled: [`HttpErrorResponse: Http failure response for ${ng.origin}/api/status/500: 500 Internal Server Error`],
      console: ['Failed to load resource: the server responded with a status of 500 (Internal Server Error)'],
      http: 'failed 404',
    },
    // The part's element is made, its text binding fails.
    break: { ...quiet, ...home, handled: ['Error: angular render failed'], brokenPart: 1, http: 'failed 404' },
    // The router gives up the navigation and puts the URL back; the home page stays.
    'to-broken': { ...quiet, path: '/', home: 0, brokenPage: 0, brokenPart: 0, http: null, handled: ['Error: angular constructor failed'] },
  });

  await collector.waitFor(() => collector.errors(), (i) => i.length >= 9);
  await page.waitForTimeout(1500);
  const errors = await collector.errors();
  const found = byMessage(errors);
  // One each. (A thrown string went both to window, where the SDK saw it, and, through Angular's
  // global listener, to ErrorHandler's reportError: two reports before root/once.ts placed a
  // primitive by its value. `throw null` was two until it placed an error event without an
  // error by its message: Angular hands ErrorHandler a new Error made from the event's message.)
  expect(errors.map((e) => `${e.type} ${e.message}`).sort()).toEqual([
    'jsError Error: angular timer outside',
    'jsError Uncaught null',
    'jsError angular string outside',
    ...IN_ZONE_REPORTS(ng.origin),
  ]);
  expectAppFrames(found, ['angular click failed', 'angular rejection', 'Error: angular rejection outside', 'Error: angular timer outside', 'angular render failed', 'angular constructor failed'], ng.origin);
  // A thrown string has no stack: its one frame is where window's error event says it was thrown,
  // zone.js's timer task rethrowing it (in the polyfills bundle).
  const thrownString = found['angular string outside'].frames;
  expect(thrownString.map((f: any) => [f.file.replace(/-\w+\.js$/, '.js'), f.inApp])).toEqual([[`${ng.origin}/polyfills.js`, true]]);
  // Errors ErrorHandler got that are not Error objects, as the SDK describes them: HttpClient's
  // HttpClient's HttpErrorResponse (a name and a message, no stack, so no frames) as its name and
  // message, as for an Error: not its fields, among them the response body (before, the message
  // was the JSON of them all, the body's `detail` included).
  const httpError = found[`HttpErrorResponse: Http failure response for ${ng.origin}/api/status/500: 500 Internal Server Error`];
  expect(httpError.frames).toEqual([]);
  expect(JSON.stringify(errors)).not.toContain('response body of');
  // Each HttpClient request is one http crumb, with its status.
  const last = found['angular constructor failed'];
  expect(httpCrumbs(last)).toEqual(['fetch GET /api/status/404 404', 'fetch GET /api/status/500 500']);
  // The navigation to the broken route: the router puts the URL back when the component fails.
  expect(navigations(last.breadcrumbs)).toEqual(['pushState / /broken', 'replaceState /broken /']);
  expect(last.page).toBe('/');
  // Each click and each console line (ErrorHandler's, zone.js's) is one crumb.
  const crumbs = (type: string) => last.breadcrumbs.filter((c: any) => c.type == type).map((c: any) => c.message);
  expect(crumbs('click')).toEqual(['button#throw', 'button#reject', 'button#reject-outside', 'button#timer-outside', 'button#string-outside', 'button#null-outside', 'button#http-404', 'button#http-500-unhandled', 'button#break', 'a#to-broken']);
  expect(crumbs('console')).toEqual([
    'ERROR Error: angular click failed',
    'ERROR Error: angular rejection',
    'Error: angular rejection outside',
    'ERROR Error: angular timer outside',
    'ERROR angular string outside',
    'ERROR Error: Uncaught null',
    'ERROR [object]',
    'ERROR Error: angular render failed',
  ]);
  for (const e of errors) expect(e.page).toBe('/');
});

test("HttpClient's requests are http crumbs once each, with their status, over fetch (withFetch()) and XHR (the default)", async ({ page, collector }) => {
  const crumbs: string[][] = [];
  for (const [query, category] of [['', 'fetch'], ['?http=xhr', 'xhr']]) {
    await open(page, `/${query}`);
    crumbs.push(await http404Crumbs(page, collector, category));
  }
  expect(crumbs).toEqual([['fetch GET /api/status/404 404'], ['xhr GET /api/status/404 404']]);
});

test("bootstrap: an app initializer's error reaches ErrorHandler and main.ts's catch, one report; an environment initializer's reaches only the catch, reported there; Angular does the same without the SDK", async ({ page, collector, browser }) => {
  const boot = async (p: Page, query: string) => {
    const take = watch(p);
    // main.ts's catch logs the error last.
    const caught = p.waitForEvent('console', (m) => /^Error: angular \w+ initializer failed/.test(m.text()));
    await p.goto(`${ng.origin}/${query}`);
    await caught;
    await p.waitForTimeout(500);
    return { ...(await take()), rendered: await p.innerHTML('app-root'), up: await p.evaluate(() => document.body.hasAttribute('data-hydrated')) };
  };
  const app = await boot(page, '?init=app');
  const environment = await boot(page, '?init=environment');
  const plain = await browser.newPage();
  expect(await boot(plain, '?init=app&sdk=off')).toEqual(app);
  expect(await boot(plain, '?init=environment&sdk=off')).toEqual(environment);
  await plain.close();
  // Nothing rendered either way; main.ts's catch logs the error.
  expect(app).toEqual({ handled: ['Error: angular app initializer failed'], console: ['Error: angular app initializer failed'], pageErrors: [], rendered: '', up: false });
  expect(environment).toEqual({ handled: [], console: ['Error: angular environment initializer failed'], pageErrors: [], rendered: '', up: false });
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  await page.waitForTimeout(1500);
  const errors = await collector.errors();
  expect(errors.map((e) => `${e.type} ${e.message}`).sort()).toEqual(['manualError angular app initializer failed', 'manualError angular environment initializer failed']);
  for (const e of errors) expect(e.frames[0].file).toMatch(mainBundle(ng.origin));
});

test("close(): later errors are not reported, from ErrorHandler's recipe or zone.js's handler; Angular's ErrorHandler still logs them", async ({ page, collector }) => {
  const take = watch(page);
  await open(page, '/');
  await page.click('#throw');
  await page.click('#reject-outside');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  await page.evaluate(() => (window as any).tracely.close());
  await page.click('#throw');
  await page.click('#reject-outside');
  await page.click('#timer-outside');
  await page.waitForTimeout(1500);
  expect((await collector.errors()).map((e) => e.message).sort()).toEqual(['Error: angular rejection outside', 'angular click failed']);
  expect(await take()).toEqual({
    handled: ['Error: angular click failed', 'Error: angular click failed', 'Error: angular timer outside'],
    console: ['Error: angular rejection outside', 'Error: angular rejection outside'],
    pageErrors: [],
  });
});

// The same app without zone.js (provideZonelessChangeDetection(), Angular 21's default): its own
// build, server and collector port, in a scope of its own.
test.describe('zoneless', () => {
  const { test: zonelessTest, app: zoneless } = frameworkApp('angular zoneless', buildAngularZonelessApp, () => startAngularApp('dist-zoneless'));

  zonelessTest('without zone.js: each error is stored once, with frames in the app bundle; Angular does the same with and without the SDK', async ({ page, collector, browser }) => {
    await open(page, '/', zoneless);
    const withSdk = await failures(page);
    const plain = await browser.newPage();
    await open(plain, '/?sdk=off', zoneless);
    const withoutSdk = await failures(plain);
    await plain.close();
    expect(withSdk).toEqual(withoutSdk);
    // Without zone.js every error reaches ErrorHandler: rejections are the browser's, and
    // provideBrowserGlobalErrorListeners hands `window`'s unhandledrejection and error to it (default prevented).
    const handled = (steps: Record<string, any>) => Object.fromEntries(Object.entries(steps).map(([id, step]) => [id, [step.handled, step.console.length, step.pageErrors]]));
    expect(handled(withSdk)).toEqual({
      throw: [['Error: angular click failed'], 0, []],
      reject: [['Error: angular rejection'], 0, []],
      'reject-outside': [['Error: angular rejection outside'], 0, []],
      'timer-outside': [['Error: angular timer outside'], 0, []],
      'string-outside': [['string angular string outside'], 0, []],
      'null-outside': [['Error: Uncaught null'], 0, []],
      'http-404': [[], 1, []],
      'http-500-unhandled': [[`HttpErrorResponse: Http failure response for ${zoneless.origin}/api/status/500: 500 Internal Server Error`], 1, []],
      break: [['Error: angular render failed'], 0, []],
      'to-broken': [['Error: angular constructor failed'], 0, []],
    });

    await collector.waitFor(() => collector.errors(), (i) => i.length >= 9);
    await page.waitForTimeout(1500);
    const errors = await collector.errors();
    // The first way in names the type: the browser's events come before ErrorHandler's reportError.
    // `throw null` is one, as with zone.js (above).
    expect(errors.map((e) => `${e.type} ${e.message}`).sort()).toEqual([
      'jsError Error: angular timer outside',
      `jsError HttpErrorResponse: Http failure response for ${zoneless.origin}/api/status/500: 500 Internal Server Error`,
      'jsError Uncaught null',
      'jsError angular string outside',
      'manualError angular click failed',
      'manualError angular constructor failed',
      'manualError angular render failed',
      'promiseError Error: angular rejection',
      'promiseError Error: angular rejection outside',
    ]);
    for (const e of errors) expect(e.frames[0].file).toMatch(new RegExp(`^${zoneless.origin}/main-\\w+\\.js$`));
    expect(httpCrumbs(byMessage(errors)['angular constructor failed'])).toEqual(['fetch GET /api/status/404 404', 'fetch GET /api/status/500 500']);
  });

  zonelessTest('without zone.js: router navigations are routes: one crumb and one _active each', async ({ page, collector }) => {
    await tourIsRoutes(page, collector, zoneless);
  });
});
