// SPA routes seen without the app's help (history API, popstate, hashchange), and through a
// router or onRouteChange without double counting. Each page's time arrives as `_active`
// with the page it belongs to.
import { test, expect, sdkPage } from './support/fixtures';
import { navigations } from './support/framework-app';

const STAY = 1300;
const pagesOf = async (collector: any) => (await collector.events('?eventName=_active')).map((e: any) => e.metadata.page);

test('pushState, replaceState, route hashes and popstate are route changes; anchors and queries are not', async ({ page, site, collector }) => {
  const url = site.page('/app.html', sdkPage(collector.url, { options: { webVitals: false } }));
  await page.goto(url);
  const step = async (code: string) => {
    await page.waitForTimeout(STAY);
    await page.evaluate(code);
  };
  await step(`history.pushState({}, '', '/app/b?x=1')`);
  await step(`history.replaceState({}, '', '/app/c')`);
  await step(`location.hash = '#pricing'`);
  await step(`history.replaceState({}, '', '/app/c?y=2#pricing')`);
  await step(`location.hash = '#/settings'`);
  await step(`history.back()`);
  await page.waitForFunction(() => location.hash === '#pricing');
  await page.evaluate(() => (window as any).t.reportError(new Error('where am I')));
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(error.page).toBe('/app/c');
  const events = await collector.waitFor(() => collector.events('?eventName=_active'), (e) => e.length >= 4);
  expect(events.map((e: any) => e.metadata.page)).toEqual(['/app.html', '/app/b', '/app/c', '/app/c#/settings']);
  // The anchor and the query change did not cut /app/c's time in pieces: three stays long.
  expect(events[2].metadata.duration).toBeGreaterThanOrEqual(3);
  for (const e of events) expect(e.page).toBe(e.metadata.page);
});

test("a router tidying the URL (an empty query or fragment dropped or added) is no navigation: no crumb, the same page view", async ({ page, site, collector }) => {
  const url = site.page('/tidy.html', sdkPage(collector.url, { options: { webVitals: false } }));
  // Opened as `/tidy.html?`, which Angular's router replaces with `/tidy.html` as it starts: after
  // the SDK's idle install on a slow machine, before it on a fast one. Here always after.
  await page.goto(url + '?');
  await page.waitForTimeout(STAY);
  await page.evaluate(() => history.replaceState(null, '', '/tidy.html'));
  await page.evaluate(() => history.pushState(null, '', '/tidy.html#'));
  await page.evaluate(() => history.pushState(null, '', '/tidy/next'));
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (window as any).t.reportError(new Error('after tidying')));
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(navigations(error.breadcrumbs)).toEqual(['pushState /tidy.html /tidy/next']);
  await page.evaluate(() => history.pushState(null, '', '/tidy/last'));
  expect(await collector.waitFor(() => pagesOf(collector), (p) => p.length >= 2)).toEqual(['/tidy.html', '/tidy/next']);
});

test('with hashRouting, any hash is a route', async ({ page, site, collector }) => {
  const url = site.page('/hash.html', sdkPage(collector.url, { options: { webVitals: false, hashRouting: true } }));
  await page.goto(url);
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (location.hash = '#inbox'));
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (location.hash = '#sent?page=2'));
  const pages = await collector.waitFor(() => pagesOf(collector), (p) => p.length >= 2);
  expect(pages).toEqual(['/hash.html', '/hash.html#inbox']);
});

test('a router passed to init and onRouteChange never double-count a change the history API also shows', async ({ page, site, collector }) => {
  // A router with vue-router's contract: it changes the URL, then runs its afterEach hooks.
  const url = site.page('/r.html', sdkPage(collector.url, {
    init: false,
    options: { webVitals: false },
    script: `window.router = { hooks: [], afterEach(h) { this.hooks.push(h); },
               push(path) { history.pushState({}, '', path); for (const h of this.hooks) h({ fullPath: path, path: path.split('?')[0] }); } };
             t.init(undefined, router);`,
  }));
  await page.goto(url);
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (window as any).router.push('/r/1?tab=2'));
  await page.waitForTimeout(STAY);
  // An app that announces the route first, then changes the URL.
  await page.evaluate(() => {
    (window as any).Tracely.onRouteChange('/r/2');
    history.pushState({}, '', '/r/2');
  });
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (window as any).Tracely.onRouteChange('/r/2'));
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (window as any).router.push('/r/3'));
  const events = await collector.waitFor(() => collector.events('?eventName=_active'), (e) => e.length >= 3);
  await page.waitForTimeout(500);
  const all = await collector.events('?eventName=_active');
  expect(all.map((e: any) => e.metadata.page)).toEqual(['/r.html', '/r/1', '/r/2']);
  // /r/2 was announced twice and seen once: one stay of two periods.
  expect(events[2].metadata.duration).toBeGreaterThanOrEqual(2);
});

test('a hash router (URL /#/users, router path /users) is one route, told either way', async ({ page, site, collector }) => {
  const url = site.page('/h.html', sdkPage(collector.url, {
    init: false,
    options: { webVitals: false },
    script: `window.router = { hooks: [], afterEach(h) { this.hooks.push(h); },
               push(path) { location.hash = '#' + path; for (const h of this.hooks) h({ fullPath: path }); } };
             t.init(undefined, router);`,
  }));
  await page.goto(url);
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (window as any).router.push('/users'));
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (window as any).router.push('/users/7'));
  await page.waitForTimeout(STAY);
  await page.evaluate(() => (window as any).t.reportError(new Error('on a hash route')));
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(error.page).toBe('/h.html#/users/7');
  const pages = await collector.waitFor(() => pagesOf(collector), (p) => p.length >= 2);
  expect(pages).toEqual(['/h.html', '/h.html#/users']);
});

test("back and forward are popstate even when the page's own popstate handler writes its state first (as Next's router does)", async ({ page, site, collector }) => {
  // The page's listener is added before the SDK's (the SDK installs routes when the page is idle):
  // it runs first and replaces the state of the entry it arrived at, the URL unchanged.
  const url = site.page('/n.html', sdkPage(collector.url, {
    options: { webVitals: false },
    script: `addEventListener('popstate', () => history.replaceState({ restored: true }, '', location.href));`,
  }));
  await page.goto(url);
  await page.waitForTimeout(STAY);
  await page.evaluate(() => history.pushState({}, '', '/n/a'));
  await page.waitForTimeout(STAY);
  await page.goBack();
  await page.waitForTimeout(STAY);
  await page.goForward();
  await page.waitForFunction(() => history.state?.restored === true);
  await page.evaluate(() => (window as any).t.reportError(new Error('after back and forward')));
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  const crumbs = error.breadcrumbs.filter((c: any) => c.type == 'navigation').map((c: any) => `${c.category} ${c.data.from} ${c.data.to}`);
  expect(crumbs).toEqual(['pushState /n.html /n/a', 'popstate /n/a /n.html', 'popstate /n.html /n/a']);
  expect(error.page).toBe('/n/a');
  expect(await collector.waitFor(() => pagesOf(collector), (p) => p.length >= 3)).toEqual(['/n.html', '/n/a', '/n.html']);
});
