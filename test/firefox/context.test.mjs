// Page context, dwell, web vitals and consent in Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi, against the real collector: what test/e2e/context.spec.ts, breadcrumbs.spec.ts,
// dwell.spec.ts, vitals.spec.ts and consent.spec.ts prove in Chromium. Firefox differs here in
// its exit events (pagehide before visibilitychange), its PerformanceObserver entry types (no
// layout-shift, so no CLS) and its console and history. A second tab brought to the front hides
// the page, as a visitor switching tabs does.
//
//   npm run build && node --test test/firefox/context.test.mjs   (FIREFOX_PATH overrides /usr/bin/firefox-esr)
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { freshTab, pageWithScript, sleep, useFirefox, waitFor } from './harness.mjs';

/** How long a page that must send nothing more is watched (the stock dialect sends at once). */
const QUIET_WATCH_MS = 1500;
const RATINGS = ['good', 'needs-improvement', 'poor'];

const browser = useFirefox('context');

const fresh = () => freshTab(browser());

/** Hides `page` behind a new tab of its context brought to the front; returns that tab. @param {import('puppeteer-core').Page} page */
async function hide(page) {
  const other = await page.browserContext().newPage();
  await other.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'hidden');
  return other;
}

/** Brings `page` to the front again. @param {import('puppeteer-core').Page} page */
async function show(page) {
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible');
}

/** The page's storage, every key of it (not only the SDK's): a page that stores nothing has none. @param {import('puppeteer-core').Page} page */
const storage = (page) => page.evaluate(() => ({ local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort(), cookie: document.cookie }));
const NOTHING_STORED = { local: [], session: [], cookie: '' };

it('a report carries url, route, viewport, release, session and the breadcrumbs before it: click, console, fetch, pushState, in order', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    site.script('/assets/shop.js', `window.nativeWarn = console.warn;
document.getElementById('buy').addEventListener('click', () => {});
document.getElementById('boom').addEventListener('click', () => { throw new Error('after the story'); });
`);
    await page.setViewport({ width: 900, height: 700 });
    await page.goto(site.page('/shop.html', pageWithScript(collector.url, '<button id="buy" name="b">Buy now</button><button id="boom">boom</button>', '/assets/shop.js', { release: '7.8.9' })));
    // The console, network and history breadcrumbs install in the idle period after init.
    await page.waitForFunction(() => console.warn !== /** @type {any} */ (window).nativeWarn);
    await page.click('#buy');
    await page.evaluate(async () => {
      console.warn('low stock', 3, { sku: 'a' });
      console.error(new TypeError('bad thing'));
      console.log('not recorded by default');
      await fetch('/api/items?id=42&token=abc', { method: 'post', body: 'secret body' });
      history.pushState({}, '', '/cart?step=2&email=a@b.c');
    });
    await page.click('#boom');
    const [item] = await waitFor(collector.errors, (i) => i.length >= 1);
    /** @type {any} */
    const error = item;
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('_tracely_session') || 'null'));
    assert.equal(error.type, 'jsError');
    assert.equal(error.message, 'Error: after the story');
    assert.equal(error.url, `${site.origin}/cart?step=2&email=[Filtered]`);
    assert.equal(error.page, '/cart');
    assert.deepEqual(error.viewport, { w: 900, h: 700 });
    assert.equal(error.release, '7.8.9');
    assert.match(error.sessionId, /^[0-9a-f]{32}$/);
    assert.equal(error.sessionId, session?.id);
    assert.equal(error.userId, await page.evaluate(() => localStorage.getItem('_tracely_uid')));

    /** @type {any[]} */
    const crumbs = error.breadcrumbs;
    assert.deepEqual(crumbs.map((c) => c.type), ['click', 'console', 'console', 'http', 'navigation', 'click'], JSON.stringify(crumbs));
    const [click, warn, logged, http, nav, boom] = crumbs;
    assert.deepEqual([click.message, click.data], ['button#buy[name="b"]', { text: 'Buy now' }]);
    // A logged object is named, never read; an Error (Error.isError, Firefox 138) is "Name: message".
    assert.deepEqual([warn.category, warn.message], ['warn', 'low stock 3 [object]']);
    assert.deepEqual([logged.category, logged.message], ['error', 'TypeError: bad thing']);
    assert.equal(http.category, 'fetch');
    assert.deepEqual({ ...http.data, duration: typeof http.data.duration }, { method: 'POST', url: '/api/items?id=&token=', status: 404, duration: 'number' });
    assert.deepEqual([nav.category, nav.data], ['pushState', { from: '/shop.html', to: '/cart?step=&email=' }]);
    assert.equal(boom.message, 'button#boom');
    for (let i = 1; i < crumbs.length; i++) assert.ok(crumbs[i].time >= crumbs[i - 1].time, 'breadcrumbs out of order');
    assert.ok(!JSON.stringify(crumbs).includes('secret body') && !JSON.stringify(crumbs).includes(collector.url));
  } finally {
    await done();
  }
});

// Firefox's history: `location.hash =` and history.back() to a hash entry fire popstate, then
// hashchange. Each change is one route change at most (anchors none) and one navigation crumb.
it('routes: pushState, replaceState, route hashes and popstate are route changes, each page with its time; anchors are not', async () => {
  const { collector, site, page, done } = await fresh();
  const STAY_MS = 1300;
  try {
    site.script('/assets/none.js', '');
    await page.goto(site.page('/app.html', pageWithScript(collector.url, '<h1>app</h1>', '/assets/none.js', { dwell: true })));
    for (const code of [`history.pushState({}, '', '/app/b?x=1')`, `history.replaceState({}, '', '/app/c')`, `location.hash = '#pricing'`,
      `history.replaceState({}, '', '/app/c?y=2#pricing')`, `location.hash = '#/settings'`, `history.back()`]) {
      await sleep(STAY_MS);
      await page.evaluate(code);
    }
    await page.waitForFunction(() => location.hash === '#pricing');
    await page.evaluate(() => /** @type {any} */ (window).t.reportError(new Error('where am I')));
    const [error] = await waitFor(collector.errors, (i) => i.length >= 1);
    assert.equal(error.page, '/app/c');
    /** @type {any[]} */
    const events = await waitFor(async () => (await collector.events()).filter((e) => e.eventName === '_active'), (e) => e.length >= 4);
    assert.deepEqual(events.map((e) => e.metadata.page), ['/app.html', '/app/b', '/app/c', '/app/c#/settings']);
    // The anchor and the query change did not cut /app/c's time in pieces: three stays long.
    assert.ok(events[2].metadata.duration >= 3, JSON.stringify(events[2].metadata));
    for (const e of events) assert.equal(e.page, e.metadata.page);
    /** @type {any[]} */
    const crumbs = /** @type {any} */ (error).breadcrumbs.filter((/** @type {any} */ c) => c.type === 'navigation');
    // One navigation crumb per change: Firefox fires popstate before hashchange, so a hash change is told as popstate.
    assert.deepEqual(crumbs.map((c) => [c.category, c.data.from, c.data.to]), [
      ['pushState', '/app.html', '/app/b?x='],
      ['replaceState', '/app/b?x=', '/app/c'],
      ['popstate', '/app/c', '/app/c#pricing'],
      ['replaceState', '/app/c#pricing', '/app/c?y=#pricing'],
      ['popstate', '/app/c?y=#pricing', '/app/c?y=#/settings'],
      ['popstate', '/app/c?y=#/settings', '/app/c?y=#pricing'],
    ]);
  } finally {
    await done();
  }
});

it('dwell: only foreground time is sent as _active, on hide and on leaving, each second once', async () => {
  const { collector, site, page, done } = await fresh();
  const actives = async () => (await collector.events()).filter((e) => e.eventName === '_active');
  try {
    const url = site.page('/dwell.html', pageWithScript(collector.url, '<h1>dwell</h1>', '/assets/none.js', { dwell: true }));
    site.script('/assets/none.js', '');
    site.page('/next.html', '<!doctype html><title>next</title>');
    await page.goto(url);
    await sleep(2500);
    await hide(page);
    const [first] = await waitFor(actives, (e) => e.length >= 1);
    // Hidden for longer than the page was ever visible: counted, it would dominate the total.
    await sleep(3000);
    assert.equal((await actives()).length, 1, 'hidden time was sent');
    await show(page);
    await sleep(1500);
    // Leaving: Firefox fires pagehide, then visibilitychange; the time is sent once.
    const uid = await page.evaluate(() => localStorage.getItem('_tracely_uid'));
    await page.goto(site.origin + '/next.html');
    await waitFor(actives, (e) => e.length >= 2);
    await sleep(QUIET_WATCH_MS);
    /** @type {any[]} */
    const all = await actives();
    assert.equal(all.length, 2, JSON.stringify(all.map((e) => e.metadata)));
    for (const e of all) {
      assert.deepEqual(Object.keys(e.metadata).sort(), ['duration', 'page']);
      assert.equal(e.metadata.page, '/dwell.html');
      assert.equal(e.page, '/dwell.html');
      assert.ok(Number.isInteger(e.metadata.duration) && e.metadata.duration >= 1, JSON.stringify(e.metadata));
      assert.equal(e.userId, uid);
    }
    // About 2.5 s, then about 1.5 s visible; the 3 s hidden are in neither.
    assert.ok(/** @type {any} */ (first).metadata.duration >= 2 && /** @type {any} */ (first).metadata.duration <= 3, JSON.stringify(first.metadata));
    const total = all[0].metadata.duration + all[1].metadata.duration;
    assert.ok(total >= 3 && total <= 5, `total ${total}`);
  } finally {
    await done();
  }
});

// A large text block (LCP), a slow click handler (INP: real input, a long task), and a block
// inserted above the content after load, without input (a layout shift, which Firefox does not report).
const VITALS_BODY = `<h1 style="font-size:64px;margin:0">Largest contentful text, big enough to be the LCP element</h1>
<button id="slow" style="font-size:24px">slow</button><div id="content" style="height:300px">content</div>`;
const VITALS_JS = `document.getElementById('slow').addEventListener('click', () => { const end = performance.now() + 150; while (performance.now() < end); });
addEventListener('load', () => setTimeout(() => {
  const shift = document.createElement('div'); shift.style.height = '200px'; shift.textContent = 'late banner';
  document.body.insertBefore(shift, document.body.firstChild);
}, 300));
window.entryTypes = PerformanceObserver.supportedEntryTypes;
`;

it('web vitals: one web_vitals event on hide with LCP, INP, FCP and TTFB; no CLS (Firefox has no layout-shift entries)', async () => {
  const { collector, site, page, done } = await fresh();
  const vitals = async () => (await collector.events()).filter((e) => e.eventName === 'web_vitals');
  try {
    site.script('/assets/vitals.js', VITALS_JS);
    await page.goto(site.page('/vitals.html', pageWithScript(collector.url, VITALS_BODY, '/assets/vitals.js', { webVitals: true })));
    /** @type {string[]} */
    const entryTypes = await page.evaluate(() => /** @type {any} */ (window).entryTypes);
    console.log(`# Firefox PerformanceObserver entry types: ${entryTypes.join(', ')}`);
    assert.ok(!entryTypes.includes('layout-shift'), 'this Firefox reports layout shifts: CLS is expected now');
    await sleep(800);
    await page.click('#slow');
    await sleep(1500);
    const other = await hide(page);
    const [event] = await waitFor(vitals, (e) => e.length >= 1);
    /** @type {any} */
    const metadata = event?.metadata;
    console.log(`# Firefox web_vitals: ${JSON.stringify(metadata)}`);
    assert.equal(metadata.page, '/vitals.html');
    assert.equal(metadata.navigationType, 'navigate');
    for (const name of ['LCP', 'INP', 'FCP', 'TTFB']) {
      assert.deepEqual(Object.keys(metadata[name] || {}).sort(), ['rating', 'value'], name);
      assert.ok(metadata[name].value >= 0 && RATINGS.includes(metadata[name].rating), `${name}: ${JSON.stringify(metadata[name])}`);
    }
    // The slow handler's 150 ms are in INP.
    assert.ok(metadata.INP.value >= 100, `INP ${metadata.INP.value}`);
    assert.ok(metadata.LCP.value > 0);
    assert.equal(metadata.CLS, undefined);
    // Visible and hidden again: still the same page view, nothing more is sent.
    await show(page);
    await page.click('#slow');
    await other.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'hidden');
    await sleep(QUIET_WATCH_MS);
    assert.equal((await vitals()).length, 1);
  } finally {
    await done();
  }
});

it('a page restored from the back/forward cache is a new page view: its own _active count and web_vitals', async () => {
  const { collector, site, page, done } = await freshTab(browser(), { cacheable: true });
  try {
    site.script('/assets/kept.js', `addEventListener('pageshow', (e) => { window.restored = e.persisted; });`);
    const url = site.page('/kept.html', pageWithScript(collector.url, '<h1 style="font-size:64px">A page kept in the cache</h1>', '/assets/kept.js', { dwell: true, webVitals: true }));
    site.page('/elsewhere.html', '<!doctype html><title>elsewhere</title>');
    await page.goto(url);
    await sleep(1500);
    await page.goto(site.origin + '/elsewhere.html');
    // Three seconds on another page while this one waits in the cache: in no count.
    await sleep(3000);
    // (No waiting for a navigation: over WebDriver BiDi, Firefox reports none for a restore.)
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => /** @type {any} */ (window).restored !== undefined);
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).restored), true, 'Firefox did not restore the page from its back/forward cache');
    await sleep(2200);
    await hide(page);
    /** @type {any[]} */
    const events = await waitFor(collector.events, (e) => e.filter((x) => x.eventName === '_active').length >= 2 && e.filter((x) => x.eventName === 'web_vitals').length >= 2);
    await sleep(QUIET_WATCH_MS);
    const actives = (await collector.events()).filter((e) => e.eventName === '_active');
    const vitals = events.filter((e) => e.eventName === 'web_vitals');
    assert.deepEqual(actives.map((e) => /** @type {any} */ (e).metadata.page), ['/kept.html', '/kept.html']);
    const [first, restored] = actives.map((e) => /** @type {any} */ (e).metadata.duration);
    assert.equal(first, 1);
    // The restored visit's own time: neither the 3 s in the cache nor a second count of the first visit.
    assert.ok(restored >= 2 && restored <= 3, `restored visit: ${restored} s`);
    assert.deepEqual(vitals.map((e) => e.metadata.navigationType), ['navigate', 'back-forward-cache']);
  } finally {
    await done();
  }
});

const CONSENT_JS = `document.getElementById('before').addEventListener('click', () => { throw new Error('before the grant'); });
document.getElementById('after').addEventListener('click', () => { throw new Error('after the grant'); });
`;
const CONSENT_BODY = '<button id="before">before</button><button id="after">after</button>';

it('consent denied: nothing sent, nothing stored (no storage, no cookie); granted later, only what follows is sent', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    site.script('/assets/consent.js', CONSENT_JS);
    await page.goto(site.page('/denied.html', pageWithScript(collector.url, CONSENT_BODY, '/assets/consent.js', { consent: 'denied', dwell: true, webVitals: true })));
    await page.click('#before');
    await page.evaluate(() => /** @type {any} */ (window).t.reportEvent('purchase', { when: 'before' }));
    // More than a second in the foreground, a route change and a hide: `_active` and vitals, had consent allowed them.
    await sleep(1300);
    await page.evaluate(() => history.pushState({}, '', '/denied/next'));
    const other = await hide(page);
    await sleep(QUIET_WATCH_MS);
    assert.deepEqual(await collector.requests(), []);
    await show(page);
    assert.deepEqual(await storage(page), NOTHING_STORED);

    await other.close();
    await page.evaluate(() => /** @type {any} */ (window).t.setConsent('granted'));
    await page.click('#after');
    await page.evaluate(() => /** @type {any} */ (window).t.reportEvent('purchase', { when: 'after' }));
    await waitFor(collector.errors, (i) => i.length >= 1);
    await waitFor(collector.events, (i) => i.length >= 1);
    await sleep(QUIET_WATCH_MS);
    /** @type {any[]} */
    const errors = await collector.errors();
    assert.deepEqual(errors.map((e) => [e.type, e.message, e.page]), [['jsError', 'Error: after the grant', '/denied/next']]);
    // No crumb was recorded while errors were denied: the first click is not in the story.
    assert.deepEqual(errors[0].breadcrumbs.filter((/** @type {any} */ c) => c.type === 'click').map((/** @type {any} */ c) => c.message), ['button#after']);
    /** @type {any[]} */
    const events = await collector.events();
    assert.deepEqual(events.map((e) => [e.eventName, e.metadata]), [['purchase', { when: 'after' }]]);
    // Identifiers are made once analytics is granted, and the reports carry them.
    const uid = await page.evaluate(() => localStorage.getItem('_tracely_uid'));
    assert.match(String(uid), /^[0-9a-f-]{36}$/);
    assert.equal(errors[0].userId, uid);
    assert.equal(events[0].userId, uid);
  } finally {
    await done();
  }
});

it('consent pending: nothing sent or stored; on grant the held error, event and _active arrive', async () => {
  const { collector, site, page, done } = await fresh();
  try {
    site.script('/assets/consent.js', CONSENT_JS);
    await page.goto(site.page('/pending.html', pageWithScript(collector.url, CONSENT_BODY, '/assets/consent.js', { consent: 'pending', dwell: true })));
    await page.click('#before');
    await page.evaluate(() => /** @type {any} */ (window).t.reportEvent('purchase', { when: 'pending' }));
    await sleep(1300);
    await page.evaluate(() => history.pushState({}, '', '/pending/next'));
    await sleep(QUIET_WATCH_MS);
    assert.deepEqual(await collector.requests(), []);
    assert.deepEqual(await storage(page), NOTHING_STORED);

    await page.evaluate(() => /** @type {any} */ (window).t.setConsent('granted'));
    const [error] = await waitFor(collector.errors, (i) => i.length >= 1);
    /** @type {any[]} */
    const events = await waitFor(collector.events, (i) => i.length >= 2);
    assert.deepEqual([error.type, error.message, error.page], ['jsError', 'Error: before the grant', '/pending.html']);
    assert.deepEqual(events.map((e) => e.eventName).sort(), ['_active', 'purchase']);
    const active = events.find((e) => e.eventName === '_active');
    assert.equal(active.metadata.page, '/pending.html');
    assert.ok(active.metadata.duration >= 1);
    const uid = await page.evaluate(() => localStorage.getItem('_tracely_uid'));
    for (const e of [error, ...events]) assert.equal(e.userId, uid);
  } finally {
    await done();
  }
});
