// Page context and start in WebKit (WebKitGTK's MiniBrowser): url, route, viewport and the
// breadcrumbs of real clicks, console, fetch and pushState; what init() installs at once and
// what waits for the idle period, which WebKit has no requestIdleCallback for.
//
//   node --test test/webkit/context.test.mjs       (build first; TRACELY_OUT picks the bundle dir)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshSite, sleep, useWebKit, waitFor, webkitPage } from './harness.mjs';

/** What a test page exposes to the test. @typedef {Window & typeof globalThis & Record<string, any>} PageWindow */

const webkit = useWebKit('context');


/** The functions the SDK wraps in the idle period, compared with the page's originals. */
const WRAPPED = `({ fetch: fetch !== natives.fetch, pushState: History.prototype.pushState !== natives.pushState,
  warn: console.warn !== natives.warn, open: XMLHttpRequest.prototype.open !== natives.open })`;
const NATIVES = `window.natives = { fetch, pushState: History.prototype.pushState, warn: console.warn, open: XMLHttpRequest.prototype.open };`;

describe('WebKit: page context', () => {
  it('url, route, viewport, and click, console, fetch and pushState crumbs in order ride on the error', async () => {
    const { collector, site, done } = await freshSite();
    try {
      const url = site.page('/shop.html', webkitPage(collector.url, {
        options: { webVitals: false, dwell: false },
        init: false,
        inline: `${NATIVES} t.init();
          window.story = async function story() {
            console.warn('stock low', 3);
            await fetch('/api/items?id=42');
            history.pushState({}, '', '/shop/cart?step=2');
            setTimeout(function fail() { throw new Error('after the story'); });
          };`,
        body: '<button id="buy" class="primary">Buy now</button>',
      }));
      await webkit().goto(url + '?token=secret');
      // The breadcrumb sources install in the idle period (a timer in WebKit): wait for them.
      assert.ok(await webkit().until(() => /** @type {PageWindow} */ (window).fetch !== /** @type {PageWindow} */ (window).natives.fetch), 'fetch was never wrapped');
      await webkit().click('#buy');
      await webkit().run(() => /** @type {PageWindow} */ (window).story());
      const [item] = await waitFor(collector.errors, (i) => i.length >= 1);
      const viewport = await webkit().run(() => ({ w: innerWidth, h: innerHeight }));
      assert.equal(item.message, 'Error: after the story');
      assert.equal(item.url, `${site.origin}/shop/cart?step=2`);
      assert.equal(item.page, '/shop/cart');
      assert.deepEqual(item.viewport, viewport);
      const crumbs = item.breadcrumbs ?? [];
      assert.deepEqual(crumbs.map((c) => c.type), ['click', 'console', 'http', 'navigation']);
      const [click, warn, http, nav] = crumbs;
      assert.equal(click.message, 'button#buy.primary');
      assert.deepEqual(click.data, { text: 'Buy now' });
      assert.equal(warn.category, 'warn');
      assert.equal(warn.message, 'stock low 3');
      assert.equal(http.category, 'fetch');
      assert.deepEqual({ ...http.data, duration: undefined }, { method: 'GET', url: '/api/items?id=', status: 404, duration: undefined });
      assert.deepEqual(nav.data, { from: '/shop.html?token=', to: '/shop/cart?step=' });
      for (let i = 1; i < crumbs.length; i++) assert.ok(crumbs[i].time >= crumbs[i - 1].time, 'crumbs out of time order');
    } finally {
      await done();
    }
  });
});

describe('WebKit: start', () => {
  it('WebKitGTK has no requestIdleCallback: init() wraps nothing at once, the parts install on the fallback timer, the first error is seen', async () => {
    const { collector, site, done } = await freshSite();
    try {
      await webkit().goto(site.page('/start.html', webkitPage(collector.url, {
        init: false,
        inline: `${NATIVES}
          const getItem = Storage.prototype.getItem;
          window.storageReads = 0;
          Storage.prototype.getItem = function (key) { window.storageReads++; return getItem.call(this, key); };
          window.idleApi = typeof requestIdleCallback;
          const began = performance.now();
          t.init();
          window.atInit = ${WRAPPED};
          window.readsAtInit = storageReads;
          setTimeout(() => { throw new Error('right after init'); });
          // Polled task by task: how long after init() the parts were in place.
          (function poll() {
            const now = ${WRAPPED};
            if (now.fetch && now.pushState && now.warn && now.open) window.installedAfterMs = performance.now() - began;
            else setTimeout(poll);
          })();`,
      })));
      const idleApi = await webkit().run(() => /** @type {PageWindow} */ (window).idleApi);
      // What this suite found in WebKitGTK 2.50 (Safari before 18 too): src/tools/idle.ts's timer stands in.
      assert.equal(idleApi, 'undefined');
      assert.deepEqual(await webkit().run(() => /** @type {PageWindow} */ (window).atInit), { fetch: false, pushState: false, warn: false, open: false });
      assert.equal(await webkit().run(() => /** @type {PageWindow} */ (window).readsAtInit), 0);
      const installedAfterMs = await webkit().until(() => /** @type {PageWindow} */ (window).installedAfterMs);
      assert.ok(typeof installedAfterMs === 'number', 'the parts never installed');
      console.log(`# WebKit: parts installed ${installedAfterMs.toFixed(1)} ms after init() (timer fallback)`);
      // The spool is read in the idle period (consent is granted by default).
      assert.ok(await webkit().until(() => /** @type {PageWindow} */ (window).storageReads > 0), 'storage never read');
      const [item] = await waitFor(collector.errors, (i) => i.length >= 1);
      assert.equal(item.message, 'Error: right after init');
    } finally {
      await done();
    }
  });

  it('a page left before the idle period still delivers what it captured', async () => {
    const { collector, site, done } = await freshSite();
    try {
      const next = site.page('/next.html', '<!doctype html><title>next</title>');
      await webkit().goto(site.page('/leave.html', webkitPage(collector.url, {
        init: false,
        // Init, capture and leave in the same task: no idle period (no timer) comes before the exit.
        inline: `t.init();
          t.reportError(new Error('captured before leaving'));
          dispatchEvent(new ErrorEvent('error', { error: new Error('thrown before leaving'), message: 'x' }));
          location.href = ${JSON.stringify(next)};`,
      })));
      await waitFor(webkit().url, (u) => u === next);
      const items = await waitFor(collector.errors, (i) => i.length >= 2);
      await sleep(300);
      assert.deepEqual((await collector.errors()).map((i) => i.message).sort(), ['Error: thrown before leaving', 'captured before leaving']);
      assert.equal(items.length, 2);
    } finally {
      await done();
    }
  });
});
