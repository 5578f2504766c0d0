// A cheap start (issue 9, item 5): init() installs only what must see the first error (the
// error and rejection hooks, the page-exit hook); every other part waits for the idle period.
import { test, expect, sdkPage } from './support/fixtures';

test('init() wraps nothing of the page at once; the parts install in the idle period, and the first error is still seen', async ({ page, site, collector }) => {
  const url = site.page('/start.html', sdkPage(collector.url, {
    init: false,
    script: `window.natives = { fetch, pushState: History.prototype.pushState, error: console.error, open: XMLHttpRequest.prototype.open };
      const getItem = Storage.prototype.getItem;
      window.storageReads = 0;
      Storage.prototype.getItem = function (key) { window.storageReads++; return getItem.call(this, key); };
      window.t.init();
      window.readsAtInit = window.storageReads;
      window.atInit = {
        fetch: fetch === natives.fetch, pushState: History.prototype.pushState === natives.pushState,
        error: console.error === natives.error, open: XMLHttpRequest.prototype.open === natives.open,
      };
      setTimeout(() => { throw new Error('right after init'); });
      requestIdleCallback(() => {
        window.afterIdle = {
          fetch: fetch === natives.fetch, pushState: History.prototype.pushState === natives.pushState,
          error: console.error === natives.error, open: XMLHttpRequest.prototype.open === natives.open,
        };
      }, { timeout: 5000 });`,
  }));
  await page.goto(url);
  expect(await page.evaluate(() => (window as any).atInit)).toEqual({ fetch: true, pushState: true, error: true, open: true });
  // A page's first storage access is a synchronous round trip to the browser process: the
  // spool is read in the idle period, not in init().
  expect(await page.evaluate(() => (window as any).readsAtInit)).toBe(0);
  await page.waitForFunction(() => (window as any).afterIdle);
  await page.waitForFunction(() => (window as any).storageReads > 0);
  expect(await page.evaluate(() => (window as any).afterIdle)).toEqual({ fetch: false, pushState: false, error: false, open: false });
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item.message).toBe('Error: right after init');
});

test('a page left before the idle period still delivers what it captured', async ({ page, site, collector }) => {
  const next = site.page('/next.html', '<!doctype html><title>next</title>');
  const url = site.page('/leave.html', sdkPage(collector.url, {
    init: false,
    // Init, capture, and leave in the same task: no idle period comes before the exit.
    script: `window.t.init();
      window.t.reportError(new Error('captured before leaving'));
      window.dispatchEvent(new ErrorEvent('error', { error: new Error('thrown before leaving'), message: 'x' }));
      location.href = ${JSON.stringify(next)};`,
  }));
  await page.goto(url);
  await page.waitForURL(next);
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  expect(items.map((i) => i.message).sort()).toEqual(['Error: thrown before leaving', 'captured before leaving']);
});

// init() builds no pipeline (root/boot.ts): the first error, or a call, builds it before the
// idle period. The page's consent decision from before the SDK loaded, and its calls after
// init(), must govern those first errors as they govern later ones.
test("errors before the idle period follow the page's early consent decision and its calls after init()", async ({ page, site, collector }) => {
  const url = site.page('/early-calls.html', sdkPage(collector.url, {
    init: false,
    head: `<script>window.tracelyConsent = window.tracelyConsent || function (v) { tracelyConsent.value = v; };
      tracelyConsent({ errors: 'denied', analytics: 'denied' });</script>`,
    // One task: no idle period comes between init() and these.
    script: `const raise = (m) => window.dispatchEvent(new ErrorEvent('error', { error: new Error(m), message: m }));
      window.t.init();
      raise('denied by the early decision');
      window.t.setConsent({ errors: 'granted' });
      window.t.setUser('u-1');
      window.t.setTag('step', 'checkout');
      raise('granted after init');`,
  }));
  await page.goto(url);
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item.message).toBe('Error: granted after init');
  expect(item.userId).toBe('u-1');
  expect(item.tags).toEqual({ step: 'checkout' });
  await page.waitForTimeout(1500);
  expect((await collector.errors()).map((i) => i.message)).toEqual(['Error: granted after init']);
});

// An Error made while the bundle evaluates cost every page's start about 8 ms in Chromium (V8
// captures its stack there: 21 fresh pages, A/B in one run). Evaluating the bundle and init()
// construct none, whichever of the page's Error constructors they would reach for.
test('evaluating the script tag and init() make no Error object', async ({ page, site, collector }) => {
  const url = site.page('/no-errors-made.html', `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>
  window.errorsMade = [];
  window.realErrors = {};
  for (const name of ['Error', 'RangeError', 'TypeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'DOMException']) {
    const real = (realErrors[name] = window[name]);
    const count = () => errorsMade.push(name);
    window[name] = new Proxy(real, {
      construct: (target, args) => (count(), Reflect.construct(target, args)),
      apply: (target, self, args) => (count(), Reflect.apply(target, self, args)),
    });
  }
  // The counter counts: both ways of making one.
  new Error('probe');
  RangeError('probe');
  window.probes = errorsMade.splice(0);
</script>
<script src="/dist/tracely.min.js"></script>
<script>
  window.t = new Tracely(${JSON.stringify({ appId: 'test-app', appSecret: 'test-secret', host: collector.url })});
  t.init();
  window.madeAtStart = errorsMade.slice();
  Object.assign(window, realErrors);
</script></head><body></body></html>`);
  await page.goto(url);
  expect(await page.evaluate(() => (window as any).probes)).toEqual(['Error', 'RangeError']);
  expect(await page.evaluate(() => (window as any).madeAtStart)).toEqual([]);
});
