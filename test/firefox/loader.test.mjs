// The async loader (src/loader, dist/loader.min.js) in Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi, against the real collector: the substance of test/e2e/loader.spec.ts (Chromium).
// Firefox differs where the loader is delicate: document.currentScript, a script's onerror and
// SRI failures, the order of error and unhandledrejection, event times, resource errors.
//
//   npm run build && node --test test/firefox/loader.test.mjs   (FIREFOX_PATH overrides /usr/bin/firefox-esr)
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { APP, BUNDLE, FIREFOX, sleep, startCollector, startSite, waitFor } from './harness.mjs';
import { earlyFailuresPage, missingBundlePage, PAGE_OWN_ERRORS, storedAs } from '../support/loader-page.mjs';

const LOADER = join(process.env.TRACELY_OUT || 'dist', 'loader.min.js');
/** How long the bundle is held back: every early failure happens before it arrives. */
const BUNDLE_DELAY_MS = 1500;
/**
 * How far a stored time may be from the time the page noted for the same failure: both are taken
 * in one task, but a renderer descheduled on a loaded machine paused 154 ms between them once
 * (Chromium, four workers). Still well under BUNDLE_DELAY_MS.
 */
const TIME_TOLERANCE_MS = 500;
/** How long a page that must send nothing is watched (the stock dialect sends at once). */
const QUIET_WATCH_MS = 1500;

const integrity = () => 'sha384-' + createHash('sha384').update(readFileSync(BUNDLE)).digest('base64');
/** Set before the loader: what the page's own listeners see thrown, and when (resource failures do not reach them). */
const PAGE_LISTENERS = `<script>window.seen = [];
addEventListener('error', function (e) { seen.push([e.message, Date.now()]); });
addEventListener('unhandledrejection', function (e) { seen.push([String(e.reason), Date.now()]); });</script>`;
const loaderTag = (src = '/dist/tracely.min.js', sri = integrity()) =>
  `<script data-src="${src}" data-integrity="${sri}">${readFileSync(LOADER, 'utf8').trim()}</script>`;

const started = Date.now();
/** @type {import('puppeteer-core').Browser} */
let browser;
before(async () => {
  assert.ok(existsSync(FIREFOX), `no Firefox at ${FIREFOX}`);
  assert.ok(existsSync(BUNDLE) && existsSync(LOADER), `no bundle or loader at ${BUNDLE}, ${LOADER}: build first`);
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  console.log(`# ${await browser.version()}`);
});
after(async () => {
  await browser?.close();
  console.log(`# Firefox loader run: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
});

/**
 * Each test: a fresh collector, site and browser context, and a tab that records the page
 * errors Firefox reports (the ones the page itself did not handle).
 * @param {Parameters<typeof startSite>[0]} [siteOptions]
 */
async function fresh(siteOptions) {
  const collector = await startCollector();
  const site = await startSite(siteOptions);
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(/** @type {Error} */ (e).message));
  return {
    collector,
    site,
    page,
    pageErrors,
    done: async () => { await context.close(); await site.close(); await collector.close(); },
  };
}

/**
 * The page errors Firefox reported, once every error raised so far has surely been reported:
 * the page throws a last one and the log is read until it arrives (the log keeps its order).
 * @param {import('puppeteer-core').Page} page @param {string[]} pageErrors
 */
async function settled(page, pageErrors) {
  await page.evaluate((/** @type {string} */ last) => void setTimeout(() => { throw new Error(last); }, 0), SENTINEL);
  await waitFor(async () => pageErrors, (errors) => errors.includes(`Error: ${SENTINEL}`));
  assert.ok(pageErrors.includes(`Error: ${SENTINEL}`), 'Firefox reported no page error at all');
  return pageErrors.filter((message) => message !== `Error: ${SENTINEL}`);
}
const SENTINEL = 'the last error of the test';

/**
 * The path in Firefox's console report of an SRI mismatch (not an exception: the page's
 * error listeners never see it); any other page error is returned whole, to fail the test.
 * @param {string} message
 */
const sriReport = (message) => /^None of the “sha384” hashes in the integrity attribute match the content of the subresource at “http:\/\/[^/]+(\/[^”]*)”/.exec(message)?.[1] ?? message;

it('seven early failures stored once, in their order and at their own times; calls made before the bundle replayed', async () => {
  const { collector, site, page, pageErrors, done } = await fresh({ bundleDelayMs: BUNDLE_DELAY_MS });
  try {
    const options = { ...APP, host: collector.url, webVitals: false, dwell: false };
    const url = site.page('/loader.html', earlyFailuresPage(loaderTag(), options));
    await page.goto(url);
    await waitFor(collector.errors, (i) => i.length >= 7, 20_000);
    await waitFor(collector.events, (i) => i.some((e) => e.eventName === 'click_button'));
    // Time for an eighth (a duplicate) to arrive, were there one.
    await sleep(1000);
    /** @type {any[]} the stored occurrences (the read API's fields) */
    const all = await collector.errors();
    assert.equal(site.bundleRequests(), 1);
    // The page noted each failure as it saw it (right before a throw, in a listener or onerror):
    // the marks' order is the order the failures happened, whatever order Firefox chose.
    /** @type {[string, number][]} */
    const marks = await page.evaluate(() => /** @type {any} */ (window).marks);
    const stored = storedAs(site.origin);
    console.log(`# order in Firefox: ${marks.map(([name]) => name).join(' ')}`);
    assert.deepEqual(marks.map(([name]) => name).sort(), Object.keys(stored).sort());
    // Each failure once, in the order it happened.
    assert.deepEqual(all.map((e) => [e.message, e.type]), marks.map(([name]) => stored[name]));
    // Their own times, not the time the bundle arrived.
    all.forEach((item, i) => {
      const off = Math.abs(item.time - marks[i][1]);
      assert.ok(off < TIME_TOLERANCE_MS, `${marks[i][0]}: stored ${item.time}, happened ${marks[i][1]} (${off} ms apart)`);
    });
    const at = Object.fromEntries(marks);
    assert.ok(at.timer < at.inline + BUNDLE_DELAY_MS, 'the timer error happened after the bundle arrived: the page proves nothing');
    // The calls made before the bundle arrived, replayed in order.
    assert.ok(all.every((e) => e.userId === 'user-1' && e.tags?.plan === 'gold'), JSON.stringify(all.map((e) => [e.userId, e.tags])));
    assert.ok(all[0].breadcrumbs.some((/** @type {any} */ b) => b.message === 'before the bundle'));
    /** @type {any[]} */
    const events = (await collector.events()).filter((e) => e.eventName === 'click_button');
    assert.equal(events.length, 1);
    assert.deepEqual([events[0].metadata, events[0].userId], [{ early: true }, 'user-1']);
    const state = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      return { flushed: w.flushed, ready: w.readyWithReal, stub: w.stubBefore, early: 'tracelyEarly' in window };
    });
    assert.deepEqual(state, { flushed: true, ready: true, stub: true, early: false });
    console.log(`# stored time - page's time, ms: ${marks.map(([name, time], i) => `${name} ${all[i].time - time}`).join(', ')}`);
    // The page's own errors still reach the page as before (the loader only listens).
    assert.deepEqual((await settled(page, pageErrors)).sort(), PAGE_OWN_ERRORS.map((message) => `Error: ${message}`));
  } finally {
    await done();
  }
});

// The order of error and unhandledrejection within one task is the browser's: whatever
// Firefox dispatches, the stored order is the order the page's own listeners saw.
it('errors and rejections raised in the same tasks are stored in the order the page saw them', async () => {
  const { collector, site, page, done } = await fresh({ bundleDelayMs: BUNDLE_DELAY_MS });
  try {
    const options = JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false });
    const url = site.page('/mixed.html', `<!doctype html><html><head><meta charset="utf-8"><title>mixed</title>
${PAGE_LISTENERS}
${loaderTag()}
<script>window.t = new Tracely(${options}).init();</script>
<script>
  Promise.reject(new Error('r1'));
  setTimeout(function () { throw new Error('e2'); }, 0);
  Promise.resolve().then(function () { throw new Error('r3'); });
  queueMicrotask(function () { Promise.reject(new Error('r4')); });
  throw new Error('e0');
</script>
<script>
  setTimeout(function () {
    Promise.reject(new Error('r5'));
    setTimeout(function () { Promise.reject(new Error('r7')); throw new Error('e8'); }, 0);
    throw new Error('e6');
  }, 100);
</script>
</head><body></body></html>`);
    await page.goto(url);
    await waitFor(collector.errors, (i) => i.length >= 9, 20_000);
    // Time for a duplicate to arrive, were there one.
    await sleep(500);
    /** @type {[string, number][]} */
    const seen = (await page.evaluate(() => /** @type {any} */ (window).seen)).map((/** @type {[string, number]} */ [m, time]) => [m.replace(/^Error: /, ''), time]);
    /** @type {[string, number][]} */
    const stored = (await collector.errors()).map((e) => [String(e.message).replace(/^Error: /, ''), Number(e.time)]);
    console.log(`# dispatch order in Firefox: ${seen.map(([m]) => m).join(' ')}`);
    assert.equal(seen.length, 9, JSON.stringify(seen));
    assert.deepEqual(stored.map(([m]) => m), seen.map(([m]) => m));
    stored.forEach(([m, time], i) => assert.ok(Math.abs(time - seen[i][1]) < TIME_TOLERANCE_MS, `${m}: stored ${time}, seen by the page ${seen[i][1]}`));
  } finally {
    await done();
  }
});

// Firefox ESR 153 enforces Trusted Types too (a string to a script's src throws): the loader's
// nonce and policy, as test/e2e/loader.spec.ts proves them in Chromium.
it('under a nonce-only CSP with Trusted Types enforced, the bundle loads with the snippet\'s nonce through the `tracely` policy', async () => {
  const { collector, site, page, pageErrors, done } = await fresh({ bundleDelayMs: 300 });
  try {
    const nonce = `n0nce-${Date.now()}`;
    const csp = `default-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self' ${collector.url}; require-trusted-types-for 'script'; trusted-types tracely`;
    const options = JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false });
    const url = site.page('/strict-csp.html', `<!doctype html><html><head><meta charset="utf-8"><title>strict csp</title>
<meta http-equiv="Content-Security-Policy" content="${csp}">
${loaderTag().replace('<script ', `<script nonce="${nonce}" `)}
<script nonce="${nonce}">window.violations = [];
  addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI); });
  window.t = new Tracely(${options}).init();
  t.flush(5000).then(function (ok) { window.flushed = ok; });
  throw new Error('before the bundle');</script>
</head><body></body></html>`);
    await page.goto(url);
    const [item] = await waitFor(collector.errors, (i) => i.length >= 1, 20_000);
    assert.equal(item?.message, 'Error: before the bundle');
    await page.waitForFunction(() => /** @type {any} */ (window).flushed !== undefined, { timeout: 10_000 });
    const state = await page.evaluate(() => ({ flushed: /** @type {any} */ (window).flushed, violations: /** @type {any} */ (window).violations }));
    assert.deepEqual(state, { flushed: true, violations: [] });
    assert.equal(site.bundleRequests(), 1);
    assert.deepEqual(await settled(page, pageErrors), ['Error: before the bundle']);
  } finally {
    await done();
  }
});

it('a bundle that never arrives (404) costs the page no exception, and every call stays harmless', async () => {
  const { collector, site, page, pageErrors, done } = await fresh();
  try {
    const url = site.page('/loader404.html', missingBundlePage(loaderTag('/dist/no-such-bundle.js'), { ...APP, host: collector.url }, PAGE_LISTENERS));
    await page.goto(url);
    await page.waitForFunction(() => /** @type {any} */ (window).flushed !== undefined || /** @type {any} */ (window).seen.length > 0, { timeout: 15_000 });
    await page.click('#b');
    const state = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      return { flushed: w.flushed, later: w.later, ready: w.ready, early: 'tracelyEarly' in window, seen: w.seen };
    });
    assert.deepEqual(state, { flushed: false, later: [true, false, 'object'], ready: undefined, early: false, seen: [] });
    // Firefox 153 checks the hash of the 404's empty body too and says so in the console: not
    // an exception, and not the loader's. Nothing else.
    assert.deepEqual((await settled(page, pageErrors)).filter((m) => sriReport(m) !== '/dist/no-such-bundle.js'), []);
    await sleep(QUIET_WATCH_MS);
    assert.deepEqual(await collector.requests(), []);
  } finally {
    await done();
  }
});

it('a wrong integrity hash is a bundle that never arrives (nothing runs, nothing thrown)', async () => {
  const { collector, site, page, pageErrors, done } = await fresh();
  try {
    const url = site.page('/loader-sri.html', `<!doctype html><html><head><meta charset="utf-8"><title>sri</title>
${PAGE_LISTENERS}
${loaderTag('/dist/tracely.min.js', 'sha384-' + 'A'.repeat(64))}
<script>
  window.t = new Tracely(${JSON.stringify({ ...APP, host: collector.url })}).init();
  t.reportEvent('click_button');
  t.flush(1000).then(function (ok) { window.flushed = ok; });
</script></head><body></body></html>`);
    await page.goto(url);
    // The loader's script onerror settles the held flush with false.
    await page.waitForFunction(() => /** @type {any} */ (window).flushed !== undefined || /** @type {any} */ (window).seen.length > 0, { timeout: 15_000 });
    assert.equal(site.bundleRequests(), 1, 'the bundle was not fetched: the hash was never checked');
    const state = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      return { flushed: w.flushed, stub: typeof w.Tracely.prototype.flush == 'function' && typeof w.Tracely.captureError == 'function' && !('Tracely' in w.Tracely), early: 'tracelyEarly' in window, seen: w.seen };
    });
    assert.deepEqual(state, { flushed: false, stub: true, early: false, seen: [] });
    // Firefox's own console report of the mismatch; nothing else.
    assert.deepEqual((await settled(page, pageErrors)).map(sriReport), ['/dist/tracely.min.js']);
    await sleep(QUIET_WATCH_MS);
    assert.deepEqual(await collector.requests(), []);
  } finally {
    await done();
  }
});

for (const attribute of ['async', 'defer']) {
  it(`the README's ${attribute} script tag throws nothing, and its onload client reports`, async () => {
    const { collector, site, page, pageErrors, done } = await fresh({ bundleDelayMs: 300 });
    try {
      const options = JSON.stringify({ ...APP, host: collector.url });
      // The README's snippet: the client is made in onload; the page's calls wait for it (window.tracely && ...).
      const url = site.page(`/${attribute}.html`, `<!doctype html><html><head><meta charset="utf-8"><title>${attribute}</title>
<script ${attribute} src="/dist/tracely.min.js" crossorigin="anonymous" onload="window.tracely = new Tracely(${options.replace(/"/g, '&quot;')}).init()"></script>
<script>window.tracely && tracely.reportEvent('click_button');</script>
</head><body><button id="b" onclick="throw new Error('after load')">x</button></body></html>`);
      await page.goto(url);
      await page.waitForFunction(() => !!(/** @type {any} */ (window).tracely), { timeout: 15_000 });
      await page.click('#b');
      const items = await waitFor(collector.errors, (i) => i.length >= 1);
      assert.deepEqual(items.map((i) => i.message), ['Error: after load']);
      assert.deepEqual(await settled(page, pageErrors), ['Error: after load']);
    } finally {
      await done();
    }
  });
}
