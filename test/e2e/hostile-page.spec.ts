// Hostile pages: each page runs once without the SDK and once with it, and must observe the
// same things both times (its own handlers, return values, unhandled rejections, later
// patches, getters that did or did not run). With the SDK, its reports must still arrive.
// The cases are test/support/hostile-cases.mjs, which the Firefox and WebKit suites run too.
import { devices } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { casePage, compare, observe, type PageCase } from './support/compare';
import { CASES, compareCase, errorsStored, THROW_LATER } from '../support/hostile-cases.mjs';

for (const [name, c] of Object.entries(CASES)) {
  test(`hostile page: ${name}`, async ({ browser, site, collector }) => {
    // As in Firefox and WebKit, and the browser's own uncaught errors (pageErrors) compared as they are.
    await compareCase(c, (withSdk) => observe(browser, site, collector.url, name.replace(/\W+/g, '-'), c, withSdk), () => collector.errors());
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
  const [item] = await errorsStored(() => collector.errors(), 1);
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
      if (withSdk) await errorsStored(() => collector.errors(), 1);
      return during;
    } finally {
      await context.close();
    }
  };
  const without = await layouts(false);
  expect(await layouts(true)).toBe(without);
});
