// Breadcrumbs: what happened before an error, as the collector stored it with the error.
import { test, expect, sdkPage } from './support/fixtures';

const BODY = `
  <button id="buy" class="primary big extra" name="x" aria-label="Buy it" data-testid="buy-btn"><span id="icon">★</span>  Buy
     now</button>
  <input id="card" name="card" type="text">
  <div id="box" contenteditable="true">typed secret</div>
  <button id="boom" onclick="throw new Error('after the story')">boom</button>`;

test('clicks, console, http, navigation and custom crumbs ride on the error, oldest first', async ({ page, site, collector }) => {
  const url = site.page('/crumbs.html', sdkPage(collector.url, { options: { webVitals: false, dwell: false }, body: BODY }));
  await page.goto(url);
  await page.click('#icon');
  await page.click('#buy');
  await page.fill('#card', '4111 1111 1111 1111');
  await page.click('#card');
  await page.click('#box');
  await page.evaluate(async (host) => {
    const w = window as any;
    console.warn('careful', { a: 1 });
    console.error(new TypeError('bad thing'));
    console.log('not by default');
    w.t.addBreadcrumb({ message: 'cart updated', category: 'cart', data: { items: 2 } });
    await fetch('/api/items?id=42&token=abc', { method: 'post', body: 'secret body' });
    await fetch('http://127.0.0.1:1/unreachable').catch(() => undefined);
    // The page calling the Tracely server itself is the SDK's business: not a crumb either.
    await fetch(host + '/report/anything').catch(() => undefined);
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('get', '/xhr/user?name=bob');
      // Crumbs are recorded when a request ends, after the page's own handlers for that moment.
      xhr.onloadend = () => setTimeout(resolve);
      xhr.send();
    });
    history.pushState({}, '', '/next?q=shoes#top');
    // The SDK's own requests (an event is sent now) must never show up.
    w.t.reportEvent('purchase', { amount: 1 });
    await w.t.flush();
  }, collector.url);
  await page.click('#boom');
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  const crumbs = error.breadcrumbs as any[];
  expect(crumbs.map((c) => c.type)).toEqual(['click', 'click', 'click', 'console', 'console', 'custom', 'http', 'http', 'http', 'navigation', 'click']);
  const [icon, card, box, warn, err, custom, post, failed, xhr, nav, boom] = crumbs;
  // The icon inside the button is told as the button; the second click on it within 1 s is not a crumb.
  expect(icon.message).toBe('button#buy.primary.big[name="x"][aria-label="Buy it"][data-testid="buy-btn"]');
  expect(icon.data).toEqual({ text: '★ Buy now' });
  // Typed values are never read, not from inputs and not from editable content.
  expect(card.message).toBe('input#card[name="card"]');
  expect(card.data).toBeUndefined();
  expect(box.message).toBe('div#box');
  expect(JSON.stringify(crumbs)).not.toContain('4111');
  expect(JSON.stringify(crumbs)).not.toContain('typed secret');
  // A logged object is named, never read: it may be a Proxy (reactive state), and reading it would run the page's traps.
  expect(warn).toMatchObject({ category: 'warn', message: 'careful [object]' });
  expect(err).toMatchObject({ category: 'error', message: 'TypeError: bad thing' });
  expect(custom).toMatchObject({ category: 'cart', message: 'cart updated', data: { items: 2 } });
  expect(post.category).toBe('fetch');
  expect(post.data).toMatchObject({ method: 'POST', url: '/api/items?id=&token=', status: 404 });
  expect(post.data.duration).toBeGreaterThanOrEqual(0);
  expect(failed.data).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:1/unreachable', status: 0, failed: true });
  expect(xhr).toMatchObject({ category: 'xhr', data: { method: 'GET', url: '/xhr/user?name=', status: 404 } });
  expect(nav).toMatchObject({ category: 'pushState', data: { from: '/crumbs.html', to: '/next?q=#top' } });
  expect(boom.message).toBe('button#boom');
  expect(JSON.stringify(crumbs)).not.toContain(collector.url);
  expect(JSON.stringify(crumbs)).not.toContain('secret body');
  for (let i = 1; i < crumbs.length; i++) expect(crumbs[i].time).toBeGreaterThanOrEqual(crumbs[i - 1].time);
  // Events do not carry the ring.
  const [event] = await collector.events('?eventName=purchase');
  expect(event.breadcrumbs).toBeUndefined();
});

test('maxBreadcrumbs bounds the ring, beforeBreadcrumb edits or drops, and switches turn sources off', async ({ page, site, collector }) => {
  const url = site.page('/opts.html', sdkPage(collector.url, {
    init: false,
    body: '<button id="b">b</button>',
    // A function cannot travel in the page's JSON options: this client is made by the page.
    script: `window.nativeLog = console.log;
             window.t2 = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: ${JSON.stringify(collector.url)},
               webVitals: false, dwell: false, maxBreadcrumbs: 5,
               breadcrumbs: { clicks: false, console: false, consoleLog: true, network: false },
               beforeBreadcrumb: (c) => c.message === 'drop me' ? null : c.message === 'edit me' ? { ...c, message: 'edited' } : c }).init();`,
  }));
  await page.goto(url);
  // The console breadcrumbs install in the idle period after init (a busy machine can delay it).
  await page.waitForFunction(() => console.log !== (window as any).nativeLog);
  await page.evaluate(async () => {
    const t2 = (window as any).t2;
    for (let i = 0; i < 20; i++) t2.addBreadcrumb({ message: 'n' + i });
    t2.addBreadcrumb({ message: 'drop me' });
    t2.addBreadcrumb({ message: 'edit me' });
    console.log('logged');
    console.warn('not recorded: warn is off');
    await fetch('/nowhere');
  });
  await page.click('#b');
  await page.evaluate(() => (window as any).t2.reportError(new Error('bounded')));
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(error.breadcrumbs.map((c: any) => c.message)).toEqual(['n17', 'n18', 'n19', 'edited', 'logged']);
});

test('close() undoes every wrapper; wrappers are transparent and survive other libraries wrapping', async ({ page, site, collector }) => {
  const url = site.page('/wrap.html', sdkPage(collector.url, {
    init: false,
    options: { webVitals: false },
    script: `window.natives = { fetch, warn: console.warn, error: console.error, push: history.pushState, replace: history.replaceState,
               open: XMLHttpRequest.prototype.open, send: XMLHttpRequest.prototype.send };`,
  }));
  await page.goto(url);
  const result = await page.evaluate(async () => {
    const w = window as any;
    w.t.init();
    // Breadcrumbs and routes install in the idle period after init (idle callbacks run in order).
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }));
    const wrapped = fetch !== w.natives.fetch && console.warn !== w.natives.warn && history.pushState !== w.natives.push && XMLHttpRequest.prototype.open !== w.natives.open;
    // Another library wraps console.warn after us.
    const seen: unknown[] = [];
    const ours = console.warn;
    console.warn = function (this: unknown, ...args: unknown[]) {
      seen.push(args[0]);
      return ours.apply(this, args);
    };
    // Same exceptions, same values, same `this`.
    const errors: string[] = [];
    try {
      history.pushState({}, '', 'https://elsewhere.example/');
    } catch (e) {
      errors.push((e as Error).name);
    }
    try {
      new XMLHttpRequest().open('bad method', '/');
    } catch (e) {
      errors.push((e as Error).name);
    }
    await fetch('http://[bad').catch((e) => errors.push(e.name));
    const response = await fetch('/wrap.html');
    const isResponse = response instanceof Response && response.status === 200;
    const returned = console.warn('hello');
    await w.t.close();
    const restored = {
      fetch: fetch === w.natives.fetch,
      push: history.pushState === w.natives.push,
      replace: history.replaceState === w.natives.replace,
      open: XMLHttpRequest.prototype.open === w.natives.open,
      send: XMLHttpRequest.prototype.send === w.natives.send,
      error: console.error === w.natives.error,
    };
    // The library's wrapper stays on top and still reaches the native console.
    console.warn('after close');
    return { wrapped, errors, isResponse, returned, restored, seen, libraryKept: console.warn !== ours };
  });
  expect(result.wrapped).toBe(true);
  expect(result.errors).toEqual(['SecurityError', 'SyntaxError', 'TypeError']);
  expect(result.isResponse).toBe(true);
  expect(result.returned).toBeUndefined();
  expect(result.restored).toEqual({ fetch: true, push: true, replace: true, open: true, send: true, error: true });
  expect(result.seen).toEqual(['hello', 'after close']);
  expect(result.libraryKept).toBe(true);
});
