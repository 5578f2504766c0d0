// The SDK on a page run by zone.js (Angular's polyfill), in real Chromium, in the three ways an
// Angular page gets both: zone.js imported first by an app that imports the npm package
// (polyfills first), the script tag in <head> with zone.js loaded later as Angular's module
// bundles are, and the async loader whose bundle arrives after zone.js. zone.js patches
// Promise, setTimeout, addEventListener, fetch and XHR; its promises never raise the browser's
// `unhandledrejection` (see src/sources/zone.ts).
import { readFileSync } from 'node:fs';
import { test, expect, APP, type CollectorClient } from './support/fixtures';
import { compare, type PageCase } from './support/compare';

const ZONE_UMD = '/node_modules/zone.js/bundles/zone.umd.js';
const ZONE_MODULE = '/node_modules/zone.js/fesm2015/zone.js';
/** zone.js before zone.js 0.11's default: unhandled rejections wrapped in "Uncaught (in promise): ..." errors. */
const LEGACY_WRAPPING = '<script>window.__zone_symbol__DISABLE_WRAPPING_UNCAUGHT_PROMISE_REJECTION = false;</script>';
const dist = new URL(`../../${process.env.TRACELY_OUT || 'dist'}/`, import.meta.url);
/** How long the async loader's bundle is held back: zone.js has loaded by then. */
const BUNDLE_DELAY_MS = 1000;

type Order = 'zone first (npm app)' | 'zone after the script tag' | 'async loader, zone before the bundle';
const ORDERS: Order[] = ['zone first (npm app)', 'zone after the script tag', 'async loader, zone before the bundle'];

/** The page's own code, run once the page has loaded (every order has zone.js and the SDK by then). */
const PAGE_CODE = `
  window.seen = [];
  window.run = () => {
    seen.push('zone ' + (typeof Zone == 'function' && Promise.name === 'ZoneAwarePromise'));
    // An error in a zone-patched timer and in a zone-patched listener.
    setTimeout(() => { throw new Error('timer boom'); }, 0);
    document.getElementById('boom').addEventListener('click', () => { throw new Error('click boom'); });
    // An error in a fetch callback: the fetch's (zone-aware) promise chain is left rejected.
    fetch(location.href).then((r) => { seen.push('fetch ' + r.status); throw new Error('fetch callback boom'); });
    // Rejected ZoneAwarePromises left unhandled: an Error and a string.
    Promise.reject(new Error('zone reject'));
    new Promise((resolve, reject) => setTimeout(() => reject('plain reason'), 10));
    // One the page handles: never reported.
    Promise.reject(new Error('handled by the page')).catch((e) => seen.push('caught ' + e.message));
    setTimeout(() => seen.push('ran'), 200);
  };`;

function zonePage(order: Order, host: string, legacy = false): string {
  // throttleMs 1 (ms): a second report of the same error is stored as one more occurrence, not folded into a count.
  const options = JSON.stringify({ ...APP, host, webVitals: false, dwell: false, throttleMs: 1 });
  const flag = legacy ? LEGACY_WRAPPING : '';
  const body = `<button id="boom">boom</button><script>${PAGE_CODE}</script>`;
  if (order == 'zone first (npm app)')
    return `<!doctype html><html><head><meta charset="utf-8"><title>zone</title>${flag}
<script type="importmap">{"imports":{"web-vitals":"/node_modules/web-vitals/dist/web-vitals.js"}}</script>
<script type="module">
import '${ZONE_MODULE}';
import { Tracely } from '/dist/index.mjs';
window.t = new Tracely(${options}).init();
</script></head><body>${body}</body></html>`;
  const sdk =
    order == 'zone after the script tag'
      ? `<script src="/dist/tracely.min.js"></script><script>window.t = new Tracely(${options}); t.init();</script>`
      : `<script data-src="/dist/tracely.min.js">${readFileSync(new URL('loader.min.js', dist), 'utf8').trim()}</script>
<script>window.t = new Tracely(${options}).init();</script>`;
  // Angular's bundles: module scripts at the end of the body, polyfills (zone.js) first.
  return `<!doctype html><html><head><meta charset="utf-8"><title>zone</title>${flag}${sdk}</head>
<body>${body}<script type="module" src="${ZONE_MODULE}"></script></body></html>`;
}

/** zone.js has loaded and the SDK's client has started (the loader's hand-over done). */
const ready = () => typeof (window as any).Zone == 'function' && !!(window as any).t && !('tracelyEarly' in window);

/** Loads the page, waits for zone.js and the SDK, runs the page's code and clicks. */
async function runPage(page: import('@playwright/test').Page, order: Order, url: string): Promise<string[]> {
  if (order == 'async loader, zone before the bundle')
    await page.route('**/dist/tracely.min.js', async (route) => {
      await new Promise((r) => setTimeout(r, BUNDLE_DELAY_MS));
      await route.continue();
    });
  await page.goto(url);
  await page.waitForFunction(ready);
  await page.evaluate(() => (window as any).run());
  await page.click('#boom');
  await page.waitForFunction(() => (window as any).seen.includes('ran'));
  return page.evaluate(() => (window as any).seen);
}

/** Waits for `n` stored errors, then a while longer: a second report of any of them would arrive by then. */
async function storedErrors(collector: CollectorClient, n: number) {
  await collector.waitFor(() => collector.errors(), (items) => items.length >= n, 20_000);
  await new Promise((r) => setTimeout(r, 1500));
  return collector.errors();
}

/**
 * What every zone page reports, once each: [type, message], sorted. As without zone.js, an error
 * thrown in a promise callback is an unhandled rejection.
 */
const EXPECTED_REPORTS = [
  ['jsError', 'Error: timer boom'],
  ['jsError', 'Error: click boom'],
  ['promiseError', 'Error: fetch callback boom'],
  ['promiseError', 'Error: zone reject'],
  ['promiseError', 'plain reason'],
].sort();

for (const order of ORDERS) {
  test(`zone.js, ${order}: each error and unhandled rejection reported once, with its type, message and the page's frame; a handled one not`, async ({ page, site, collector }) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const url = site.page('/zone.html', zonePage(order, collector.url));
    const seen = await runPage(page, order, url);
    expect(seen).toEqual(expect.arrayContaining(['zone true', 'fetch 200', 'caught handled by the page', 'ran']));

    const items = await storedErrors(collector, 5);
    expect(items.map((i) => [i.type, i.message]).sort()).toEqual(EXPECTED_REPORTS);
    for (const item of items) {
      // Never zone.js's wrapper ("Uncaught (in promise): ..."): the page's own error.
      expect(item.stack).not.toContain('Uncaught (in promise)');
      if (item.message != 'plain reason') expect(item.frames[0]).toMatchObject({ file: url, inApp: true });
    }
    // zone.js keeps its own ways: errors in its tasks still reach the page's window as uncaught.
    expect(pageErrors.sort()).toEqual(['click boom', 'timer boom']);
  });
}

// Angular's bundles as its CLI writes them, after the script tag: polyfills (zone.js), then main,
// module scripts both. main runs before the document is parsed, and what it leaves rejected while
// it evaluates (a bootstrap step's promise) is zone's: seen only through zone's hook, so the hook
// must be in place before main runs, not once the document is parsed.
test('zone.js loaded after the script tag: rejections the next module script leaves while it evaluates are reported', async ({ page, site, collector }) => {
  const options = JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false });
  const main = site.page('/main.js', `
    window.mainSaw = Promise.name;
    Promise.reject(new Error('bootstrap reject'));
    (async () => { await null; throw new Error('async bootstrap'); })();`, { 'Content-Type': 'text/javascript' });
  const url = site.page('/zone-main.html', `<!doctype html><html><head><meta charset="utf-8"><title>zone</title>
<script src="/dist/tracely.min.js"></script><script>window.t = new Tracely(${options}); t.init();</script></head>
<body><script type="module" src="${ZONE_MODULE}"></script><script type="module" src="${main}"></script></body></html>`);
  await page.goto(url);
  expect(await page.evaluate(() => (window as any).mainSaw)).toBe('ZoneAwarePromise');
  const items = await storedErrors(collector, 2);
  expect(items.map((i) => [i.type, i.message]).sort()).toEqual([
    ['promiseError', 'Error: async bootstrap'],
    ['promiseError', 'Error: bootstrap reject'],
  ]);
});

// zone.js's legacy mode (the page sets __zone_symbol__DISABLE_WRAPPING_UNCAUGHT_PROMISE_REJECTION
// = false): zone hands its hook an "Uncaught (in promise): ..." Error carrying the reason, and,
// when a listener was added through zone's addEventListener, Chromium fires a native event for
// the same reason too (zone's PromiseRejectionEvent is made from its promise). Still one report.
for (const order of ORDERS.slice(0, 2)) {
  test(`zone.js legacy wrapping, ${order}: the rejection reported once, as the page's own error`, async ({ page, site, collector }) => {
    const url = site.page('/zone-legacy.html', zonePage(order, collector.url, true));
    await runPage(page, order, url);
    const items = await storedErrors(collector, 5);
    expect(items.map((i) => [i.type, i.message]).sort()).toEqual(EXPECTED_REPORTS);
    const rejection = items.find((i) => i.message == 'Error: zone reject')!;
    expect(rejection.stack).not.toContain('Uncaught (in promise)');
    expect(rejection.frames[0]).toMatchObject({ file: url, inApp: true });
  });
}

test('zone.js, both orders: fetch, XHR, console and click breadcrumbs once each, the page gets its results, and delivery works', async ({ page, site, collector }) => {
  for (const order of ORDERS.slice(0, 2)) {
    await page.goto(site.page(`/zone-crumbs-${order.length}.html`, zonePage(order, collector.url)));
    await page.waitForFunction(ready);
    // After the idle period, when the breadcrumbs part has installed.
    await page.waitForTimeout(500);
    const results = await page.evaluate(async () => {
      const out: string[] = [];
      const r = await fetch(location.href + '?via=fetch');
      out.push(`fetch ${r.status} ${r instanceof Response} ${(await r.text()).includes('zone')}`);
      await new Promise<void>((done) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', location.href + '?via=xhr');
        xhr.onload = () => {
          out.push(`xhr ${xhr.status} ${xhr.responseText.includes('zone')}`);
          done();
        };
        xhr.send();
      });
      out.push(`console returns ${String(console.error('page logs'))}`);
      return out;
    });
    expect(results).toEqual(['fetch 200 true true', 'xhr 200 true', 'console returns undefined']);
    // (The page's throwing click listener is added by run(), not called here: a plain click.)
    await page.click('#boom');
    await page.evaluate(() => setTimeout(() => { throw new Error('with crumbs'); }));
    await collector.waitFor(() => collector.errors(), (i) => i.length >= ORDERS.indexOf(order) + 1);
  }
  const reports = await collector.errors();
  expect(reports.map((r) => r.message)).toEqual(['Error: with crumbs', 'Error: with crumbs']);
  for (const report of reports) {
    const crumbs = report.breadcrumbs.map((b: any) => (b.type == 'http' ? `http ${b.category} ${b.data.url.split('?')[1]} ${b.data.status}` : `${b.type} ${b.message}`));
    // Exactly once each: zone's wrappers and the SDK's, in either order, make no second crumb.
    // (Sorted: the XHR's crumb is taken at loadend, after the page's onload logged.)
    expect(crumbs.sort()).toEqual(['click button#boom', 'console page logs', 'http fetch via= 200', 'http xhr via= 200']);
  }
});

// The page observes the same with and without the SDK under zone.js, in both orders: its own
// handlers, what its calls return, what zone.js logs, what reaches window.
const observed = (order: 'before' | 'after'): PageCase => {
  const zoneTag = `<script src="${ZONE_UMD}"></script>`;
  return {
    head: order == 'before' ? zoneTag : undefined,
    body: order == 'after' ? zoneTag : undefined,
    // Counts what zone.js and the page log, whoever wraps console.error later.
    pre: `const log = console.error; window.logged = 0; console.error = function () { logged++; return log.apply(this, arguments); };`,
    // After load: a zone.js loaded after the SDK is hooked by then (at its script's load).
    page: `addEventListener('load', () => {
      addEventListener('unhandledrejection', (e) => obs('page listener', e.reason && e.reason.message));
      addEventListener('error', (e) => obs('page saw error', e.message));
      obs('zone', Promise.name);
      const p = Promise.reject(new Error('left unhandled'));
      obs('reject returns', p instanceof Promise, typeof p.then);
      Promise.reject(new Error('handled')).catch((e) => obs('page caught', e.message));
      fetch(location.href).then((r) => obs('fetch', r.status)).then(() => { throw new Error('in then'); });
      setTimeout(() => { throw new Error('in timer'); }, 20);
      setTimeout(() => { obs('console.error calls', logged); done(); }, 800);
    });`,
  };
};

// zone.js before 0.14.2 wrapped by default (legacy wrapping): there, an `unhandledrejection`
// listener added through zone's addEventListener, the SDK's own included, made zone.js raise a
// native event for each of its unhandled rejections: seen by the page's own listener and logged by
// the browser as uncaught, only because the SDK was there. The SDK listens through the originals.
test('zone.js legacy wrapping, loaded before the SDK: the page observes the same with and without the SDK', async ({ browser, site, collector }) => {
  const c: PageCase = {
    // A 1 ms throttle window: a second report of the same rejection is one more stored occurrence.
    options: { throttleMs: 1 },
    head: `${LEGACY_WRAPPING}<script>window.nativeSaw = []; addEventListener('unhandledrejection', (e) => nativeSaw.push(String(e.reason)));</script><script src="${ZONE_UMD}"></script>`,
    page: `addEventListener('load', () => {
      Promise.reject('plain reason');
      Promise.reject(new Error('left unhandled'));
      setTimeout(() => { obs('native listener saw', nativeSaw.join(' | ')); done(); }, 800);
    });`,
  };
  const [without, withSdk] = await compare(browser, site, collector.url, 'zone-legacy', c);
  expect(without.obs).toEqual(['native listener saw ']);
  expect(withSdk.obs).toEqual(without.obs);
  expect(withSdk.pageErrors).toEqual(without.pageErrors);
  // Each once, the string too: no native twin to count twice.
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  await new Promise((r) => setTimeout(r, 1000));
  expect((await collector.errors()).map((i) => i.message).sort()).toEqual(['Error: left unhandled', 'plain reason']);
  expect(items.length).toBe(2);
});

for (const order of ['before', 'after'] as const) {
  test(`zone.js loaded ${order} the SDK: the page observes the same with and without the SDK`, async ({ browser, site, collector }) => {
    const [without, withSdk] = await compare(browser, site, collector.url, `zone-${order}`, observed(order));
    expect(without.obs).toContain('zone ZoneAwarePromise');
    // (Sorted: the timer and the fetch's answer race, with and without the SDK alike.)
    expect([...withSdk.obs].sort()).toEqual([...without.obs].sort());
    expect(withSdk.pageErrors).toEqual(without.pageErrors);
    // And the SDK saw them: the rejections zone.js keeps from the browser included.
    const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 3);
    expect(items.map((i) => i.message).sort()).toEqual(['Error: in then', 'Error: in timer', 'Error: left unhandled']);
  });
}

// Angular's NgZone: its onHandleError hands an error to Angular's ErrorHandler and returns false,
// so zone.js swallows it (runGuarded rethrows only when handleError returns true): an error in
// the app's zone never reaches window, and no window listener can see it. What the page sees:
// ErrorHandler's console.error. The README's recipe (Host safety) reports it from an ErrorHandler.
const NG_ZONE = `
  window.appZone = Zone.current.fork({
    name: 'angular',
    // What NgZone does (@angular/core, ng_zone.ts): hand the error to Angular, return false.
    onHandleError(delegate, current, target, error) { delegate.handleError(target, error); window.errorHandler(error); return false; },
    // NgZone's stability: macrotasks pending in the app's zone (isStable waits for none).
    onHasTask(delegate, current, target, hasTask) { delegate.hasTask(target, hasTask); if (current === target) window.macroTasks = hasTask.macroTask; },
  });`;

test("zone.js with NgZone's error handling: errors in the app's zone reach only its ErrorHandler; the README's ErrorHandler recipe reports each once", async ({ page, site, collector }) => {
  const options = JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false });
  const url = site.page('/ngzone.html', `<!doctype html><html><head><meta charset="utf-8"><title>ng</title>
<script src="${ZONE_UMD}"></script><script src="/dist/tracely.min.js"></script><script>window.t = new Tracely(${options}); t.init();</script>
</head><body><script>${NG_ZONE}
  window.handled = [];
  // The recipe: Angular's ErrorHandler (provided as { provide: ErrorHandler, useClass: ... }) calling reportError.
  window.errorHandler = (error) => { handled.push(error.message); if (window.recipe) t.reportError(error); };
  window.run = (recipe) => {
    window.recipe = recipe;
    appZone.run(() => {
      setTimeout(() => { throw new Error('timer in app zone ' + recipe); }, 0);
      Promise.reject(new Error('rejection in app zone ' + recipe));
    });
  };
</script></body></html>`);
  await page.goto(url);
  await page.evaluate(() => (window as any).run(false));
  await page.waitForFunction(() => (window as any).handled.length == 2);
  await page.waitForTimeout(1500);
  // Without the recipe the SDK sees nothing: zone.js never lets these reach window.
  expect(await collector.errors()).toEqual([]);
  await page.evaluate(() => (window as any).run(true));
  const items = await storedErrors(collector, 2);
  expect(items.map((i) => [i.type, i.message]).sort()).toEqual([
    // (reportError's message is the error's own, as the original SDK sent it.)
    ['manualError', 'rejection in app zone true'],
    ['manualError', 'timer in app zone true'],
  ]);
  expect(items.every((i) => i.frames[0]?.file == url)).toBe(true);
  // And the SDK's reporting left no task pending in the app's zone: Angular's stability is untouched.
  expect(await page.evaluate(() => (window as any).macroTasks)).toBe(false);
});
