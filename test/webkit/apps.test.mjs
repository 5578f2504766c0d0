// The Vite app fixtures (test/apps: Vue 3 + vue-router, React 19 + react-router, React 18 in
// development) in WebKit (WebKitGTK's MiniBrowser: JavaScriptCore and WebCore, Safari's engine),
// against the real collector: what test/e2e/apps.spec.ts proves in Chromium. Each error stored
// once with its component fields, the app's own handler and React's logging kept, routes and one
// `_active` per route (the stored reports checked as in Firefox: test/support/app-reports.mjs).
// WebDriver classic has no console or page-error events, so React's logging is seen from the page
// itself (the SDK's console breadcrumb of React's console.error call; a window `error` listener
// for what React hands window.reportError). One page load per app: each navigation costs seconds here.
//
//   node test/apps/build.mjs && node --test test/webkit/apps.test.mjs   (build first; TRACELY_OUT picks the bundle dir)
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApps } from '../apps/build.mjs';
import { QUIET_WATCH_MS, STAY_MS, activePages, assertReact18Report, assertReact19Reports, assertVueReports } from '../support/app-reports.mjs';
import { freshSite, sleep, useWebKit, waitFor } from './harness.mjs';

/** How long an app may take to show what a test waits for, in ms (WebKit is slow here). */
const SHOW_MS = 15_000;

/** What a fixture page exposes to the test. @typedef {Window & typeof globalThis & Record<string, any>} AppWindow */

const webkit = useWebKit('apps');

// Built every run (about a second for the three: Vite, no install), on the dist/ just built, so a
// stale build of the fixtures cannot pass for the SDK's current one.
before(() => buildApps(), { timeout: 180_000 });

/**
 * A fresh site and collector; `app` opened in the session's window, reporting there.
 * @param {string} app
 */
async function openApp(app) {
  const fresh = await freshSite();
  await webkit().goto(`${fresh.site.origin}/apps/${app}/?collector=${encodeURIComponent(fresh.collector.url)}`);
  return { ...fresh, actives: () => activePages(fresh.collector) };
}

/** Waits until the page shows `css`; fails if it never does. @param {string} css */
async function shown(css) {
  // A function of its own per selector: `until` sends the function's source, not its closure.
  const found = await webkit().until(/** @type {() => boolean} */ (new Function(`return document.querySelector(${JSON.stringify(css)}) !== null`)), SHOW_MS);
  assert.ok(found, `${css} never shown`);
}

/** Clicks `css` once it is shown. @param {string} css */
async function clickWhenShown(css) {
  await shown(css);
  await webkit().click(css);
}

it("Vue 3 + vue-router: component, trace and lifecycle as fields, the message as before, the app handler kept; routes and dwell; a route come back to by the back button is its errors' page", async () => {
  const { collector, actives, done } = await openApp('vue3-router');
  try {
    await shown('#home');
    await sleep(STAY_MS);
    await clickWhenShown('#to-cart');
    await clickWhenShown('#pay');
    await sleep(STAY_MS);
    await clickWhenShown('#to-home');
    await shown('#home');
    const pages = await waitFor(actives, (p) => p.length >= 2);
    // Orders fails each time it mounts: reached by a link, then again by the back button.
    await clickWhenShown('#to-orders');
    await clickWhenShown('#to-home');
    await shown('#home');
    await webkit().back();
    await shown('#orders');
    await waitFor(collector.errors, (i) => i.length >= 4);
    await sleep(QUIET_WATCH_MS);
    assertVueReports(await collector.errors());
    assert.equal(await webkit().run(() => /** @type {AppWindow} */ (window).ownHandler.length), 4);
    assert.deepEqual(pages.slice(0, 2), ['/apps/vue3-router/', '/apps/vue3-router/cart']);
  } finally {
    await done();
  }
});

it("React 19 + react-router: boundary and root options report once each with the component stack as a field; React's logging kept; routes and dwell; a route come back to by the back button is its errors' page", async () => {
  const { collector, site, actives, done } = await openApp('react19-router');
  try {
    await shown('#home');
    // The page's own listener: what React hands window.reportError reaches window's error event.
    await webkit().run(() => {
      const w = /** @type {AppWindow} */ (window);
      w.windowErrors = [];
      addEventListener('error', (e) => w.windowErrors.push(e.error instanceof Error ? e.error.message : String(e.message)));
    });
    await sleep(STAY_MS);
    await clickWhenShown('#to-cart');
    await clickWhenShown('#retry');
    await shown('#cart-ok');
    assert.equal(await webkit().run(() => /** @type {AppWindow} */ (window).onErrorSeen), 'cart render failed 16');
    await sleep(STAY_MS);
    // Orders fails each time it renders: reached by a link, then again by the back button.
    await clickWhenShown('#to-orders');
    await shown('#orders-failed');
    await clickWhenShown('#to-home');
    await shown('#home');
    await webkit().back();
    await shown('#orders-failed');
    await clickWhenShown('#to-crash');
    await clickWhenShown('#crash');
    await waitFor(collector.errors, (i) => i.length >= 4);
    const pages = await waitFor(actives, (p) => p.length >= 2);
    await sleep(QUIET_WATCH_MS);
    assertReact19Reports(await collector.errors(), site.origin);
    // What React hands window.reportError reaches the page's own error listener.
    assert.deepEqual(await webkit().run(() => /** @type {AppWindow} */ (window).windowErrors), ['crash outside any boundary']);
    assert.deepEqual(pages.slice(0, 2), ['/apps/react19-router/', '/apps/react19-router/cart']);
  } finally {
    await done();
  }
});

it('React 18 in development: the error React replays through window and hands the boundary is stored once, with the component fields', async () => {
  const { collector, done } = await openApp('react18-dev');
  try {
    await shown('#retry');
    assert.match(await webkit().run(() => /** @type {AppWindow} */ (window).reactVersion), /^18\./);
    await waitFor(collector.errors, (i) => i.length >= 1);
    await sleep(QUIET_WATCH_MS);
    assertReact18Report(await collector.errors());
    await clickWhenShown('#retry');
    await shown('#cart-ok');
  } finally {
    await done();
  }
});
