// Hostile pages: each page runs once without the SDK and once with it, and must observe the
// same things both times (its own handlers, return values, unhandled rejections, later
// patches, getters that did or did not run). With the SDK, its reports must still arrive.
import { devices } from '@playwright/test';
import { test, expect, type CollectorClient } from './support/fixtures';
import { casePage, compare, NONCE, type PageCase } from './support/compare';

interface HostileCase extends PageCase {
  /** What the SDK must still have delivered in the run with it. */
  check?: (collector: CollectorClient) => Promise<void>;
}

const errorsStored = (collector: CollectorClient, n: number) => collector.waitFor(() => collector.errors(), (items) => items.length >= n);

/** A page that throws one error from a timer, so an error report exists to look for. */
const THROW_LATER = `obs('page ran'); setTimeout(() => { throw new Error('page error'); }, 50); setTimeout(done, 600);`;
const expectPageError = async (collector: CollectorClient) => {
  const items = await errorsStored(collector, 1);
  expect(items.map((i) => i.message)).toContain('Error: page error');
};

const CASES: Record<string, HostileCase> = {
  // Issue 8, item 1: a handler on the page's own promise would mark it handled.
  'fetch rejection left unhandled': {
    page: `addEventListener('unhandledrejection', (e) => obs('page saw unhandled', e.reason && e.reason.name));
      const p = fetch('http://127.0.0.1:1/nothing');
      obs('a promise', p instanceof Promise, typeof p.then);
      setTimeout(done, 1500);`,
    check: async (collector) => {
      const items = await errorsStored(collector, 1);
      expect(items[0]).toMatchObject({ type: 'promiseError', message: expect.stringContaining('TypeError') });
    },
  },
  'fetch rejection handled by the page': {
    page: `addEventListener('unhandledrejection', () => obs('unhandled!'));
      fetch('http://127.0.0.1:1/nothing').then(() => obs('resolved'), (e) => obs('page caught', e.name));
      setTimeout(done, 1500);`,
  },
  'fetch and XHR results': {
    page: `(async () => {
        const r = await fetch(location.href, { method: 'GET' });
        obs('fetch', r.status, r instanceof Response, (await r.text()).includes('hostile'));
        const xhr = new XMLHttpRequest();
        const states = [];
        xhr.onreadystatechange = () => states.push(xhr.readyState);
        xhr.onload = () => { obs('xhr', xhr.status, states.join(','), xhr.responseText.length > 0); done(); };
        obs('open returns', String(xhr.open('GET', location.href)));
        obs('send returns', String(xhr.send()));
      })();`,
  },
  'wrapped functions look like the originals': {
    page: `for (const [name, f] of [['fetch', window.fetch], ['open', XMLHttpRequest.prototype.open], ['send', XMLHttpRequest.prototype.send],
        ['error', console.error], ['warn', console.warn], ['pushState', History.prototype.pushState], ['replaceState', history.replaceState]]) {
        obs(name, f.name, f.length, String(f), typeof f.prototype);
      }
      done();`,
  },
  'console calls return what they return, and later wrappers run': {
    page: `const before = console.error;
      obs('returns', String(console.error('first')), String(console.warn('w', 1, {a: 1})));
      console.error = function (...args) { obs('page wrapper saw', args.length); return before.apply(console, args); };
      console.error('second', 2);
      done();`,
  },
  // Issue 8, item 2.
  'History.prototype patched after the SDK still runs': {
    page: `const original = History.prototype.pushState;
      History.prototype.pushState = function (...args) { obs('prototype patch ran', args[2]); return original.apply(this, args); };
      const own = history.replaceState;
      history.replaceState = function (...args) { obs('instance patch ran', args[2]); return own.apply(this, args); };
      history.pushState({}, '', '?a=1');
      history.replaceState({}, '', '?b=2');
      obs('search', location.search, 'own keys', Object.keys(history).join(','));
      done();`,
  },
  // Issue 8, item 3.
  'logged values: no getter, toJSON or Proxy trap runs': {
    page: `let runs = 0;
      const traps = {};
      for (const trap of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'apply']) traps[trap] = (...a) => (runs++, Reflect[trap](...a));
      const proxy = new Proxy({ a: 1 }, traps);
      const withGetter = { get secret() { runs++; return 's'; }, toJSON() { runs++; return {}; }, toString() { runs++; return 'x'; } };
      const error = new Error('logged');
      Object.defineProperty(error, 'cause', { get() { runs++; return 'c'; } });
      console.error('objects', proxy, withGetter, error, [proxy]);
      console.warn(proxy);
      obs('page code ran', runs, 'times');
      done();`,
  },
  'rejected and thrown values: no getter or toJSON runs': {
    page: `let runs = 0;
      const reason = { code: 5, get secret() { runs++; return 's'; }, toJSON() { runs++; return {}; } };
      Promise.reject(reason);
      setTimeout(() => { throw { kind: 'thrown', get detail() { runs++; return 1; } }; }, 20);
      setTimeout(() => { obs('page code ran', runs, 'times'); done(); }, 500);`,
    check: async (collector) => {
      const items = await errorsStored(collector, 2);
      expect(items.map((i) => i.message).sort()).toEqual(['{"code":5}', '{"kind":"thrown"}']);
    },
  },
  // Issue 8, item 4: one frozen global disables only the part that needs it.
  'frozen history and console': {
    pre: `Object.freeze(history); Object.freeze(console);`,
    page: `history.pushState({}, '', '/frozen-route'); obs('path', location.pathname); ${THROW_LATER}`,
    check: expectPageError,
  },
  'frozen prototypes and a read-only fetch': {
    pre: `Object.freeze(History.prototype); Object.freeze(XMLHttpRequest.prototype);
      Object.defineProperty(window, 'fetch', { value: window.fetch, writable: false, configurable: false });`,
    page: `history.pushState({}, '', '?x'); obs('search', location.search); ${THROW_LATER}`,
    check: expectPageError,
  },
  // Issue 8, item 8.
  'toJSON on Array.prototype and Object.prototype (Prototype.js style)': {
    pre: `Array.prototype.toJSON = function () { return 'array!'; };
      Object.defineProperty(Object.prototype, 'toJSON', { value: function () { return 'object!'; }, writable: true, configurable: true });`,
    page: THROW_LATER,
    check: async (collector) => {
      const [item] = await errorsStored(collector, 1);
      expect(item.message).toBe('Error: page error');
      expect(Array.isArray(item.frames)).toBe(true);
      expect(item.frames.length).toBeGreaterThan(0);
    },
  },
  // Issue 8, item 7.
  'storage that throws SecurityError': {
    pre: `for (const name of ['localStorage', 'sessionStorage']) Object.defineProperty(window, name, { get() { throw new DOMException('blocked', 'SecurityError'); }, configurable: true });
      try { document.cookie; } catch (e) {}`,
    page: THROW_LATER,
    check: expectPageError,
  },
  'hostile thrown values': {
    page: `const trap = () => { throw new Error('trap'); };
      const monster = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
      const { proxy: revoked, revoke } = Proxy.revocable({}, {}); revoke();
      addEventListener('error', (e) => obs('page error event', e.message));
      for (const value of [monster, revoked, Symbol('s'), 12n, null]) setTimeout(() => { throw value; });
      Promise.reject(monster); Promise.reject(revoked);
      setTimeout(done, 800);`,
    check: async (collector) => {
      // The two unreadable values share a fingerprint: the second is a throttled repeat. The
      // rejections are of the same two objects, already reported: one report per error.
      await errorsStored(collector, 4);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Whether an object's throw or its rejection comes first is the browser's timing: messages only.
      expect((await collector.errors()).map((i) => i.message).sort()).toEqual(['<unserializable value>', 'Symbol(s)', '12n', 'Uncaught null'].sort());
    },
  },
  'strict CSP with Trusted Types': {
    head: `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'nonce-${NONCE}'; connect-src 'self' http://localhost:*; require-trusted-types-for 'script'">`,
    page: `addEventListener('securitypolicyviolation', (e) => obs('violation', e.violatedDirective));
      (async () => { const r = await fetch(location.href); obs('fetch', r.status); ${THROW_LATER} })();`,
    check: expectPageError,
  },
  'a page that handles its own errors': {
    page: `window.onerror = (message) => { obs('onerror', message); return true; };
      window.onunhandledrejection = (e) => { obs('onunhandledrejection', e.reason); e.preventDefault(); };
      setTimeout(() => { throw new Error('handled'); });
      Promise.reject('declined');
      setTimeout(done, 500);`,
  },
};

for (const [name, c] of Object.entries(CASES)) {
  test(`hostile page: ${name}`, async ({ browser, site, collector }) => {
    const [without, withSdk] = await compare(browser, site, collector.url, name.replace(/\W+/g, '-'), c);
    expect(withSdk.obs).toEqual(without.obs);
    expect(withSdk.pageErrors).toEqual(without.pageErrors);
    expect(without.obs.length).toBeGreaterThan(0);
    if (c.check) await c.check(collector);
  });
}

test('a JSON.stringify replaced before the SDK loads: the page observes the same, and the reports it breaks are counted', async ({ browser, site, collector }) => {
  const c: PageCase = {
    pre: `JSON.stringify = function () { throw new Error('hostile stringify'); };`,
    page: `${THROW_LATER.replace('setTimeout(done, 600)', "setTimeout(() => { if (window.t) window.__dropped = t.dropped; done(); }, 600)")}`,
  };
  const [without, withSdk] = await compare(browser, site, collector.url, 'hostile-stringify', c);
  expect(withSdk).toEqual(without);
  // Nothing the SDK could build without JSON: counted, never silently lost (README: nothing lost silently).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.page('/hostile-stringify-count.html', casePage(collector.url, c, true)));
  await page.waitForFunction(() => (window as any).__done === true);
  expect(await page.evaluate(() => (window as any).__dropped)).toEqual({ build_failed: 1 });
  await context.close();
});

test('a page with no fetch, no sendBeacon and no crypto observes the same with the SDK', async ({ browser, site, collector }) => {
  const c: PageCase = {
    pre: `delete window.fetch; delete Navigator.prototype.sendBeacon; Object.defineProperty(window, 'crypto', { value: undefined, configurable: true });`,
    page: `setTimeout(() => { throw new Error('no transport'); }, 20);
      setTimeout(() => { obs('typeof fetch', typeof fetch); done(); }, 500);`,
  };
  const [without, withSdk] = await compare(browser, site, collector.url, 'missing-apis', c);
  expect(withSdk).toEqual(without);
});

test('every public method with every wrong type: nothing throws, flush and close resolve', async ({ page, site, collector }) => {
  const url = site.page('/wrong-types.html', `<!doctype html><script src="/dist/tracely.min.js"></script><script>
    window.t = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: ${JSON.stringify(collector.url)} }); t.init();
  </script>`);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  const result = await page.evaluate(async () => {
    const t = (window as any).t;
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const cyclic: any = {};
    cyclic.self = cyclic;
    const trap = () => {
      throw new Error('trap');
    };
    const hostile = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
    const values = [Symbol('s'), 10n, hostile, revoked, cyclic, null, undefined, NaN, -1, '', {}, [], () => 1, { toString: trap, valueOf: trap }];
    const threw: string[] = [];
    const methods = ['init', 'reportError', 'reportEvent', 'setConsent', 'routeChanged', 'addBreadcrumb', 'setUser', 'setTag'];
    for (const method of methods) {
      for (const a of values) {
        for (const b of values.slice(0, 6)) {
          try {
            t[method](a, b, a);
          } catch (e) {
            threw.push(`${method}: ${e}`);
          }
        }
      }
    }
    // All at once: a wrong timeout falls back to the default 10 s, and reports are still queued.
    const settled: string[] = (
      await Promise.all(
        values.map((a) => {
          try {
            return t.flush(a);
          } catch (e) {
            threw.push(`flush: ${e}`);
          }
        }),
      )
    ).map(String);
    try {
      settled.push(String(await t.close(revoked)));
    } catch (e) {
      threw.push(`close: ${e}`);
    }
    return { threw, settled };
  });
  expect(result.threw).toEqual([]);
  expect(result.settled).toHaveLength(15);
  expect(errors).toEqual([]);
});

test('a report whose info, tags and breadcrumbs are hostile still arrives', async ({ page, site, collector }) => {
  const url = site.page('/hostile-info.html', `<!doctype html><script src="/dist/tracely.min.js"></script><script>
    window.t = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: ${JSON.stringify(collector.url)} }); t.init();
    const trap = () => { throw new Error('trap'); };
    t.setTag('hostile', { toString: trap });
    t.addBreadcrumb({ message: { toString: trap }, data: { get x() { throw new Error('getter'); } } });
    t.reportError(new Error('with hostile info'), { toString: trap });
  </script>`);
  await page.goto(url);
  const [item] = await errorsStored(collector, 1);
  expect(item.message).toMatch(/^with hostile info: /);
  expect(await page.evaluate(() => (window as any).t.dropped)).toEqual({});
});

test('an error storm between DOM writes on a mobile page forces no layout the page would not have had', async ({ browser, site, collector }) => {
  // Where the viewport meta tag applies (Chrome on Android, emulated here), reading innerWidth
  // forces a synchronous layout: read per capture, 50 errors between 50 style writes were 50
  // forced layouts. LayoutCount comes from the browser itself (CDP Performance metrics).
  const c: PageCase = {
    head: '<meta name="viewport" content="width=device-width">',
    body: '<div id="box">box</div>',
    page: `window.storm = () => {
        const box = document.getElementById('box');
        for (let i = 0; i < 50; i++) {
          box.style.width = 100 + i + 'px';
          try { throw new Error('storm ' + i); } catch (e) { if (window.t) t.reportError(e); }
        }
        // The page lays out what it wrote, itself, in the same task: after it the layout is clean,
        // so a frame that falls in the measured window or not adds nothing (one layout, both runs).
        return document.body.offsetWidth;
      };
      done();`,
  };
  const layouts = async (withSdk: boolean) => {
    const context = await browser.newContext({ ...devices['Pixel 5'] });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await page.goto(site.page(`/layout-storm-${withSdk ? 'with' : 'without'}.html`, casePage(collector.url, c, withSdk)));
      await page.waitForFunction(() => (window as any).__done === true);
      await cdp.send('Performance.enable');
      const count = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'LayoutCount')!.value;
      // Nothing pending when the window opens: the page's load left no layout to a later frame.
      await page.evaluate(() => document.body.offsetWidth);
      const before = await count();
      await page.evaluate(() => (window as any).storm());
      const during = (await count()) - before;
      if (withSdk) await errorsStored(collector, 1);
      return during;
    } finally {
      await context.close();
    }
  };
  const without = await layouts(false);
  expect(await layouts(true)).toBe(without);
});
