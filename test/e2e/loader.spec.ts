// The async loader (src/loader, dist/loader.min.js) and the three ways to load the SDK, in real
// Chromium against the real collector: what a page sees before the bundle arrives.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, APP } from './support/fixtures';
import { earlyFailuresPage, missingBundlePage, PAGE_OWN_ERRORS, storedAs } from '../support/loader-page.mjs';

const dist = new URL(`../../${process.env.TRACELY_OUT || 'dist'}/`, import.meta.url);
const loaderCode = () => readFileSync(new URL('loader.min.js', dist), 'utf8').trim();
const integrity = () => 'sha384-' + createHash('sha384').update(readFileSync(new URL('tracely.min.js', dist))).digest('base64');
/** How long the bundle is held back: every early failure happens before it arrives. */
const BUNDLE_DELAY_MS = 1500;
/**
 * How far a stored time may be from the page's own note of the failure: the two are taken in the
 * same task, but a renderer descheduled on a loaded machine paused 154 ms between them once
 * (four workers). Still well under BUNDLE_DELAY_MS, so a time taken when the bundle arrived fails.
 */
const OWN_TIME_TOLERANCE_MS = 500;

const loaderTag = (src = '/dist/tracely.min.js', sri = integrity()) => `<script data-src="${src}" data-integrity="${sri}">${loaderCode()}</script>`;
/** Holds each request for the bundle back `ms` before it is answered. */
const delayBundle = (page: Page, ms: number) =>
  page.route('**/dist/tracely.min.js', async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
/** The page's uncaught errors, as the browser reports them, from now on. */
function pageErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

// Most CSP violations happen while the page loads, before an async bundle arrives: the loader
// holds them with the errors and hands them over with their own times.
test('the loader holds a CSP violation raised before the bundle arrives, with its own time', async ({ page, site, collector }) => {
  const blocked = 'http://127.0.0.2:9/early.png';
  const url = site.page('/loader-csp.html', `<!doctype html><html><head><meta charset="utf-8"><title>csp</title>
${loaderTag()}
<script>window.t = new Tracely(${JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false })}).init();
  addEventListener('securitypolicyviolation', function () { window.violatedAt = Date.now(); });</script>
</head><body><img src="${blocked}"></body></html>`, { 'Content-Security-Policy': `default-src 'self'; script-src 'self' 'unsafe-inline'; connect-src 'self' ${collector.url}` });
  await delayBundle(page, BUNDLE_DELAY_MS);
  await page.goto(url);
  const items = await collector.waitFor(() => collector.errors(), (i) => i.some((x) => x.type == 'cspError'), 20_000);
  const violation = items.find((x) => x.type == 'cspError')!;
  expect(violation.message).toBe(`CSP img-src: ${blocked}`);
  const violatedAt: number = await page.evaluate(() => (window as any).violatedAt);
  // Its own time, long before the bundle arrived.
  expect(Math.abs(violation.time - violatedAt)).toBeLessThan(OWN_TIME_TOLERANCE_MS);
});

test('the loader: seven early failures stored once, in their order and at their own times; calls made before the bundle replayed', async ({ page, site, collector }) => {
  const url = site.page('/loader.html', earlyFailuresPage(loaderTag(), { ...APP, host: collector.url, webVitals: false, dwell: false }));
  let bundleAsked = 0;
  await page.route('**/dist/tracely.min.js', async (route) => {
    bundleAsked++;
    await new Promise((r) => setTimeout(r, BUNDLE_DELAY_MS));
    await route.continue();
  });
  const pageErrors = pageErrorsOf(page);
  await page.goto(url);
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 7, 20_000);
  const events = await collector.waitFor(() => collector.events('?eventName=click_button'), (i) => i.length >= 1);
  // Time for an eighth (a duplicate) to arrive, were there one.
  await page.waitForTimeout(1000);
  const all = await collector.errors();
  expect(bundleAsked).toBe(1);
  // Each failure once, in the order it happened (the order the page noted them).
  const marks: [string, number][] = await page.evaluate(() => (window as any).marks);
  const stored = storedAs(site.origin);
  expect(marks.map(([name]) => name).sort()).toEqual(Object.keys(stored).sort());
  expect(all.map((e) => [e.message, e.type])).toEqual(marks.map(([name]) => stored[name]));
  // Their own times, not the time the bundle arrived.
  all.forEach((item, i) => expect(Math.abs(item.time - marks[i][1])).toBeLessThan(OWN_TIME_TOLERANCE_MS));
  const at = Object.fromEntries(marks);
  expect(at.timer).toBeLessThan(at.inline + BUNDLE_DELAY_MS);
  // The calls made before the bundle arrived, replayed in order.
  expect(all.every((e) => e.userId === 'user-1' && e.tags?.plan === 'gold')).toBe(true);
  expect(all[0].breadcrumbs.some((b: any) => b.message === 'before the bundle')).toBe(true);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ eventName: 'click_button', metadata: { early: true }, userId: 'user-1' });
  const state = await page.evaluate(() => ({ flushed: (window as any).flushed, ready: (window as any).readyWithReal, stub: (window as any).stubBefore, early: 'tracelyEarly' in window }));
  expect(state).toEqual({ flushed: true, ready: true, stub: true, early: false });
  // The page's own errors still reach the page as before (the loader only listens).
  expect(pageErrors.sort()).toEqual(PAGE_OWN_ERRORS);
});

test('the loader: a bundle that never arrives (404) costs the page no exception, and every call stays harmless', async ({ page, site, collector }) => {
  const url = site.page('/loader404.html', missingBundlePage(loaderTag('/dist/no-such-bundle.js'), { ...APP, host: collector.url }));
  const pageErrors = pageErrorsOf(page);
  await page.goto(url);
  await page.waitForFunction(() => (window as any).flushed !== undefined);
  await page.click('#b');
  const state = await page.evaluate(() => ({ flushed: (window as any).flushed, later: (window as any).later, ready: (window as any).ready, early: 'tracelyEarly' in window }));
  expect(state).toEqual({ flushed: false, later: [true, false, 'object'], ready: undefined, early: false });
  expect(pageErrors).toEqual([]);
  expect(await collector.requests()).toEqual([]);
});

test('the loader: a wrong integrity hash is a bundle that never arrives (nothing runs, nothing thrown)', async ({ page, site, collector }) => {
  const url = site.page('/loader-sri.html', `<!doctype html><html><head><meta charset="utf-8"><title>sri</title>
${loaderTag('/dist/tracely.min.js', 'sha384-' + 'A'.repeat(64))}
<script>window.t = new Tracely(${JSON.stringify({ ...APP, host: collector.url })}).init(); t.reportEvent('click_button');</script></head><body></body></html>`);
  const pageErrors = pageErrorsOf(page);
  await page.goto(url);
  await page.waitForTimeout(1500);
  expect(pageErrors).toEqual([]);
  expect(await page.evaluate(() => typeof (window as any).Tracely.prototype.flush)).toBe('function');
  expect(await collector.requests()).toEqual([]);
});

// Strict CSP as Google recommends it without 'strict-dynamic' (scripts need the page's nonce), with
// Trusted Types enforced: the loader gives the bundle its own nonce and makes its URL through its
// Trusted Types policy, which the page allows by name. Without either, the bundle was blocked
// (and with Trusted Types, flush() never settled).
test('the loader under a nonce-only CSP with Trusted Types enforced: the bundle loads with the snippet\'s nonce through the `tracely` policy', async ({ page, site, collector }) => {
  const nonce = 'n0nce-' + Date.now();
  const url = site.page('/loader-strict-csp.html', `<!doctype html><html><head><meta charset="utf-8"><title>strict csp</title>
${loaderTag().replace('<script ', `<script nonce="${nonce}" `)}
<script nonce="${nonce}">window.violations = [];
  addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI); });
  window.t = new Tracely(${JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false })}).init();
  t.flush(5000).then(function (ok) { window.flushed = ok; });
  throw new Error('before the bundle');</script>
</head><body></body></html>`, {
    'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${nonce}'; connect-src 'self' ${collector.url}; require-trusted-types-for 'script'; trusted-types tracely`,
  });
  await delayBundle(page, 300);
  const pageErrors = pageErrorsOf(page);
  await page.goto(url);
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1, 20_000);
  expect(item.message).toBe('Error: before the bundle');
  await page.waitForFunction(() => (window as any).flushed !== undefined);
  const state = await page.evaluate(() => {
    const bundle = document.querySelector<HTMLScriptElement>('script[src$="tracely.min.js"]')!;
    return { flushed: (window as any).flushed, violations: (window as any).violations, async: bundle.async, nonce: bundle.nonce == document.scripts[0].nonce };
  });
  expect(state).toEqual({ flushed: true, violations: [], async: true, nonce: true });
  expect(pageErrors).toEqual(['before the bundle']);
});

test('the loader where Trusted Types are enforced and its policy is not allowed: nothing thrown, pending promises resolve false, later calls harmless', async ({ page, site, collector }) => {
  const url = site.page('/loader-tt-refused.html', missingBundlePage(loaderTag(), { ...APP, host: collector.url }), {
    'Content-Security-Policy': `default-src 'self'; script-src 'self' 'unsafe-inline'; connect-src 'self' ${collector.url}; require-trusted-types-for 'script'; trusted-types 'none'`,
  });
  const pageErrors = pageErrorsOf(page);
  let bundleAsked = 0;
  await page.route('**/dist/tracely.min.js', (route) => (bundleAsked++, route.continue()));
  await page.goto(url);
  await page.waitForFunction(() => (window as any).flushed !== undefined, undefined, { timeout: 5000 });
  await page.click('#b');
  const state = await page.evaluate(() => ({ flushed: (window as any).flushed, later: (window as any).later, ready: (window as any).ready, early: 'tracelyEarly' in window }));
  expect(state).toEqual({ flushed: false, later: [true, false, 'object'], ready: undefined, early: false });
  expect(bundleAsked).toBe(0);
  expect(pageErrors).toEqual([]);
  expect(await collector.requests()).toEqual([]);
});

// A page that lists its Trusted Types policies without requiring them for scripts (a step on the
// way to enforcing them): making the loader's policy is refused there, and the browser reports it
// to the page as a violation (the README says to list `tracely`). The bundle still loads (the URL
// is a plain string there), and the SDK never reports its own loader's violation as the page's.
test("the loader on a page whose trusted-types list leaves out its policy: the bundle loads, and the loader's violation is not reported", async ({ page, site, collector }) => {
  const url = site.page('/loader-tt-listed.html', `<!doctype html><html><head><meta charset="utf-8"><title>tt list</title>
<script>window.violations = [];
  addEventListener('securitypolicyviolation', function (e) { violations.push(e.effectiveDirective + ' ' + e.sample); });</script>
${loaderTag()}
<script>window.t = new Tracely(${JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false })}).init();
  try { trustedTypes.createPolicy('not-listed', { createHTML: String }); } catch (e) { window.refused = e.name; }
  setTimeout(function () { throw new Error('after the bundle'); }, 500);</script>
</head><body></body></html>`, {
    'Content-Security-Policy': `default-src 'self'; script-src 'self' 'unsafe-inline'; connect-src 'self' ${collector.url}; trusted-types app-policy`,
  });
  await page.goto(url);
  await collector.waitFor(() => collector.errors(), (i) => i.some((x) => x.message == 'Error: after the bundle'), 20_000);
  await page.waitForTimeout(500);
  // The page's own refused policy is still the page's problem, reported as any violation.
  expect((await collector.errors()).map((x) => [x.type, x.message, x.csp?.sample]).sort()).toEqual([
    ['cspError', 'CSP trusted-types: trusted-types-policy', 'not-listed'],
    ['jsError', 'Error: after the bundle', undefined],
  ]);
  expect(await page.evaluate(() => [(window as any).violations, (window as any).refused])).toEqual([['trusted-types tracely', 'trusted-types not-listed'], 'TypeError']);
});

for (const attribute of ['async', 'defer']) {
  test(`the README's ${attribute} script tag throws nothing, and its onload client reports`, async ({ page, site, collector }) => {
    const options = JSON.stringify({ ...APP, host: collector.url });
    // The README's snippet: the client is made in onload; the page's calls wait for it (window.tracely && ...).
    const url = site.page(`/${attribute}.html`, `<!doctype html><html><head><meta charset="utf-8"><title>${attribute}</title>
<script ${attribute} src="/dist/tracely.min.js" crossorigin="anonymous" onload="window.tracely = new Tracely(${options.replace(/"/g, '&quot;')}).init()"></script>
<script>window.tracely && tracely.reportEvent('click_button');</script>
</head><body><button id="b" onclick="throw new Error('after load')">x</button></body></html>`);
    await delayBundle(page, 300);
    const pageErrors = pageErrorsOf(page);
    await page.goto(url);
    await page.waitForFunction(() => !!(window as any).tracely);
    await page.click('#b');
    const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
    expect(item.message).toBe('Error: after load');
    expect(pageErrors).toEqual(['after load']);
  });
}
