// A Next.js App Router app (test/apps/next-app: Next 16, React 19) with the packed package,
// wired as the README wires Next: one client made in lib/tracely.js, started by Next's
// instrumentation-client.js (browser only, before hydration and the app's modules), handed to
// ErrorBoundary by the layout's provider. Built with `next build`, served by `next start`, in
// real Chromium, reporting to the real collector. Server rendering imports the SDK and logs
// nothing; hydration is clean; one client in the browser; each error is stored once, also one
// raised while the layout's modules evaluate; Next's client navigations are routes (crumbs and
// dwell, once each) whichever of the SDK and Next's router patches history first.
import { expect, CollectorClient, APP } from './support/fixtures';
import { frameworkApp, navigations, actives, tour, tourReported, TOUR_NAVIGATIONS, TOUR_PAGES } from './support/framework-app';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_DIR, buildNextApp, startNextApp } from '../apps/next-app.mjs';

const SCRIPT_TAG_BUNDLE = fileURLToPath(new URL(`../../${process.env.TRACELY_OUT || 'dist'}/tracely.min.js`, import.meta.url));
/** A slow network for Next's scripts on the first load: long past the SDK's idle start (at most 1 s). */
const SLOW_CHUNKS_MS = 1500;
const CARD = '4242424242424242';

// The collector's URL is the app's build-time setting (NEXT_PUBLIC_TRACELY_HOST, as a user's
// app has it): each test's fresh collector listens on the one port the app was built with.
const { test, app: next } = frameworkApp('next', buildNextApp, () => startNextApp());

/** One client in the page: the one instrumentation-client.js started is the one the layout's ErrorBoundary reports to. */
const oneClient = () => typeof (window as any).tracely == 'object' && (window as any).tracely === (window as any).boundaryTracely;
/** What Next's router keeps in each history entry it writes. */
const nextOwnsEntry = () => (history.state as any)?.__NA === true && !!(history.state as any).__PRIVATE_NEXTJS_INTERNALS_TREE;

// The tour (support/framework-app.ts), Next's router owning each history entry it stops at.
const tourOwnedByNext = (page: import('@playwright/test').Page) => tour(page, async () => expect(await page.evaluate(nextOwnsEntry)).toBe(true));

/** The one error the collector stores for the page (none more after a wait), raised on `/`. */
async function theOneError(page: import('@playwright/test').Page, collector: CollectorClient) {
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await page.waitForTimeout(1500);
  expect(await collector.errors()).toHaveLength(1);
  expect(error.page).toBe('/');
  return error;
}

/**
 * The tour from an entry page loaded as `/?init=...`, then an error: its crumbs hold each
 * navigation once (the entry's crumb without the query's value: crumbs keep keys, drop values),
 * and one `_active` per page.
 */
async function tourSeenOnce(page: import('@playwright/test').Page, collector: CollectorClient) {
  await tourOwnedByNext(page);
  await tourReported(page, collector, ['pushState /?init= /about', ...TOUR_NAVIGATIONS.slice(1)]);
}

test('server rendering imports the SDK and logs nothing: the static pages at build time, the dynamic one at each request', async ({ collector }) => {
  expect(collector.url).toBe(next.collectorHost);
  for (const [path, id] of [['/', 'home'], ['/about', 'about'], ['/shop', 'shop'], ['/shop', 'shop']]) {
    const res = await fetch(next.origin + path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain('id="push-shop"');
  }
  // The server bundle holds the SDK (the provider imports lib/tracely.js: `new Tracely()` runs on the server)...
  const serverChunks = join(APP_DIR, '.next/server/chunks/ssr');
  expect(readdirSync(serverChunks).some((f) => f.endsWith('.js') && readFileSync(join(serverChunks, f), 'utf8').includes('_tracely_session'))).toBe(true);
  // ...but not instrumentation-client.js (its `nextPatchedFirst`), which only the browser's chunks hold.
  const holding = (dir: string) => (readdirSync(join(APP_DIR, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.js') && readFileSync(join(APP_DIR, dir, f), 'utf8').includes('nextPatchedFirst'));
  expect(holding('.next/server')).toEqual([]);
  expect(holding('.next/static/chunks')).toHaveLength(1);
  expect(next.buildLog).toMatch(/○ \/about/);
  expect(next.buildLog).toMatch(/ƒ \/shop/);
  // Under CI=true Next notes that no build cache was found: the build is from scratch on purpose.
  const fromScratch = /^.*No build cache found.*$/m;
  for (const log of [next.buildLog.replace(fromScratch, ''), next.log()]) {
    expect(log).not.toMatch(/error|warn|tracely|⨯|⚠/i);
  }
});

test('errors from an event handler, a render (the boundary) and a rejection are stored once each; routes and dwell follow Next, once each; no hydration noise', async ({ page, collector, consoleErrors }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(next.origin + '/');
  await page.waitForSelector('body[data-hydrated] #home');
  expect(await page.evaluate(oneClient)).toBe(true);
  await tourOwnedByNext(page);
  // Hydration and the navigations raised nothing and logged nothing (in a production build, Next
  // hands a hydration error to window.reportError: a page error; its warnings go to the console).
  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);

  await page.click('#throw');
  await page.click('#reject');
  await page.click('#break');
  await page.waitForSelector('#retry');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 3);
  const pages = await collector.waitFor(() => actives(collector), (p) => p.length >= TOUR_PAGES.length);
  await page.waitForTimeout(1500);

  const errors = await collector.errors();
  expect(errors.map((e) => `${e.type} ${e.message}`).sort()).toEqual(['jsError Error: next click failed', 'manualError next render failed 16', 'promiseError Error: next rejection']);
  const byType = Object.fromEntries(errors.map((e) => [e.type, e]));
  for (const e of errors) {
    expect(e.page).toBe('/');
    // The top frame is the app's own code, in a chunk as Next serves it.
    expect(e.frames[0].file).toMatch(new RegExp(`^${next.origin}/_next/static/chunks/[\\w.~-]+\\.js$`));
    expect(e.frames[0].line).toBeGreaterThan(0);
    expect(JSON.stringify(e)).not.toContain(CARD);
    expect(navigations(e.breadcrumbs)).toEqual(TOUR_NAVIGATIONS);
  }
  // The render error: React's component stack as a field, the failed component named (minified in a production build).
  const rendered = byType.manualError;
  expect(rendered.tags.reactHandler).toBe('boundary');
  expect(rendered.component).toMatch(/^[\w$]+$/);
  expect(rendered.componentStack).toContain(`at ${rendered.component} (${next.origin}/_next/static/chunks/`);
  expect(byType.jsError.componentStack).toBeUndefined();
  // The click and the rejection escaped into the page as they would without the SDK; Next logged the caught render error.
  expect(pageErrors.sort()).toEqual(['next click failed', 'next rejection']);
  expect(consoleErrors.filter((m) => !m.includes('next render failed 16'))).toEqual([]);

  expect(pages).toEqual(TOUR_PAGES);
  const events = await collector.events('?eventName=_active');
  for (const e of events) expect(e.metadata.duration).toBeGreaterThanOrEqual(1);
});

test("the script tag first, Next's router after (a slow network for Next's scripts): Next's patch calls the SDK's; navigations, back and forward work, each seen once; close() leaves Next's router working", async ({ page, collector, consoleErrors }) => {
  // At the document's start, as a script tag at the top of <head>: the browser's own pushState noted, then the SDK.
  await page.addInitScript(() => ((window as any).nativePushState = History.prototype.pushState));
  const bundle = readFileSync(SCRIPT_TAG_BUNDLE, 'utf8');
  await page.addInitScript({ content: `${bundle}\nwindow.tracely = new Tracely(${JSON.stringify({ ...APP, host: collector.url })}).init();` });
  const slow = async (route: import('@playwright/test').Route) => {
    await new Promise((r) => setTimeout(r, SLOW_CHUNKS_MS));
    await route.continue();
  };
  await page.route('**/_next/static/chunks/**', slow);
  await page.goto(next.origin + '/?init=none');
  await page.waitForSelector('body[data-hydrated] #home');
  await page.unroute('**/_next/static/chunks/**', slow);
  // The SDK had wrapped History.prototype.pushState when Next's router bound it for its own patch.
  expect(await page.evaluate(() => (window as any).pushStateBeforeNext !== (window as any).nativePushState)).toBe(true);
  expect(await page.evaluate(() => Object.prototype.hasOwnProperty.call(history, 'pushState'))).toBe(true);
  await tourSeenOnce(page, collector);

  await page.evaluate(() => (window as any).tracely.close());
  await page.click('#to-about');
  await page.waitForSelector('#about');
  await page.goBack();
  await page.waitForSelector('#home');
  expect(await page.evaluate(nextOwnsEntry)).toBe(true);
  await page.waitForTimeout(1000);
  expect(await actives(collector)).toHaveLength(TOUR_PAGES.length);
  expect(consoleErrors).toEqual([]);
});

test("the SDK started after Next's router patched history: navigations, back and forward still work, each seen once; close() leaves Next's router working", async ({ page, collector, consoleErrors }) => {
  await page.goto(next.origin + '/?init=late');
  await page.waitForFunction(() => (window as any).nextPatchedFirst === true);
  await page.waitForSelector('body[data-hydrated] #home');
  // Next's own pushState is on history itself, and the SDK is running.
  expect(await page.evaluate(() => Object.prototype.hasOwnProperty.call(history, 'pushState'))).toBe(true);
  // Started late, still the one client.
  expect(await page.evaluate(oneClient)).toBe(true);
  await tourSeenOnce(page, collector);

  // Closed, the SDK takes its hooks off history; Next's router keeps navigating.
  await page.evaluate(() => (window as any).tracely.close());
  await page.click('#to-about');
  await page.waitForSelector('#about');
  await page.click('#push-shop');
  await page.waitForSelector('#shop');
  await page.goBack();
  await page.waitForSelector('#about');
  expect(await page.evaluate(nextOwnsEntry)).toBe(true);
  await page.waitForTimeout(1000);
  expect(await actives(collector)).toHaveLength(TOUR_PAGES.length);
  expect(consoleErrors).toEqual([]);
});

test("Next's own boundaries: a route's error.js sees the error alone (the route reports it); outside every boundary, Next's root hands the error to window: stored once as jsError", async ({ page, collector, consoleErrors }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A full load of the dynamic page: rendered by `next start` for this request.
  await page.goto(next.origin + '/shop');
  await page.waitForSelector('body[data-hydrated] #shop');
  await page.click('#break-shop');
  await page.waitForSelector('#shop-retry');
  const [routeError] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  // Next caught it and logged it; window never saw it: the one report is error.js's own call.
  expect(`${routeError.type} ${routeError.message}`).toBe('manualError next shop failed');
  expect(routeError.page).toBe('/shop');
  expect(routeError.componentStack).toBeUndefined();
  expect(pageErrors).toEqual([]);
  expect(consoleErrors.some((m) => m.includes('next shop failed'))).toBe(true);

  // The layout is outside the pages' ErrorBoundary: Next's root boundary takes it and calls window.reportError.
  await page.click('#break-layout');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  await page.waitForTimeout(1500);
  const errors = await collector.errors();
  expect(errors.map((e) => `${e.type} ${e.message}`)).toEqual(['manualError next shop failed', 'jsError Error: next layout failed']);
  expect(errors[1].frames[0].file).toMatch(new RegExp(`^${next.origin}/_next/static/chunks/`));
  expect(pageErrors).toEqual(['next layout failed']);
});

test('a hydration error is stored once: the SDK, started by instrumentation-client.js, is there before hydration', async ({ page, collector }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(next.origin + '/mismatch');
  // React renders the client's text after the failed hydration.
  await page.waitForSelector('body[data-hydrated] #where:text("browser")');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await page.waitForTimeout(1500);
  const errors = await collector.errors();
  expect(errors).toHaveLength(1);
  expect(errors[0].type).toBe('jsError');
  expect(errors[0].message).toMatch(/^Error: Minified React error #418;/);
  expect(errors[0].page).toBe('/mismatch');
  expect(pageErrors).toHaveLength(1);
});

test("a client module of the root layout that throws while it evaluates (a corrupt saved theme): Next shows its error page instead of the app; the SDK, started before the app's modules, stores the error once", async ({ page, collector }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(() => localStorage.setItem('theme', '{corrupt'));
  await page.goto(next.origin + '/');
  const error = await theOneError(page, collector);
  // The layout never rendered (nor the provider, whose module would have been next): Next's root handed the error to window.
  expect(await page.locator('#push-shop').count()).toBe(0);
  expect(pageErrors).toEqual([expect.stringMatching(/JSON/)]);
  expect(error.type).toBe('jsError');
  expect(error.message).toBe(`SyntaxError: ${pageErrors[0]}`);
  expect(error.frames.some((f: { file: string }) => new RegExp(`^${next.origin}/_next/static/chunks/`).test(f.file))).toBe(true);
});

test("a promise rejected while a root layout's client module evaluates (corrupt saved flags), nobody handling it: the SDK, started before the app's modules, stores it once; the app still hydrates", async ({ page, collector }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(() => localStorage.setItem('flags', '{corrupt'));
  await page.goto(next.origin + '/');
  await page.waitForSelector('body[data-hydrated] #home');
  const error = await theOneError(page, collector);
  expect(pageErrors).toEqual([expect.stringMatching(/JSON/)]);
  expect(error.type).toBe('promiseError');
  expect(error.message).toBe(`SyntaxError: ${pageErrors[0]}`);
});

test('a script Next loads before hydration (<Script strategy="beforeInteractive"> in the root layout) that throws: the SDK, started before it, stores the error once; the app still hydrates', async ({ page, collector }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(next.origin + '/?widget=broken');
  await page.waitForSelector('body[data-hydrated] #home');
  const error = await theOneError(page, collector);
  expect(pageErrors).toEqual([expect.stringMatching(/widgetSettings|start/)]);
  expect(error.type).toBe('jsError');
  expect(error.message).toBe(`TypeError: ${pageErrors[0]}`);
  expect(error.frames[0].file).toBe(`${next.origin}/widget.js`);
});

test('after every page above (full loads of the dynamic page among them), the server has still logged nothing', async () => {
  expect(next.log()).toMatch(/Ready in/);
  expect(next.log()).not.toMatch(/error|warn|tracely|⨯|⚠/i);
});
