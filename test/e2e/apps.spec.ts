// Real apps built with Vite from test/apps (Vue 3 + vue-router, React 19 + react-router, React 18
// in development mode), served as an SPA host serves them, reporting to the real collector:
// each error stored once with its component fields; routes and dwell as for any page.
import { test, expect } from './support/fixtures';
import { buildApps } from '../apps/build.mjs';

/** Long enough on a route for a whole second of dwell. */
const STAY = 1300;
const CARD = '4242424242424242';

// One worker builds the apps once, then runs these tests one after the other.
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  await buildApps();
});

const open = (site: { origin: string }, app: string, collector: { url: string }) => `${site.origin}/apps/${app}/?collector=${encodeURIComponent(collector.url)}`;
const actives = async (collector: any) => (await collector.events('?eventName=_active')).map((e: any) => e.metadata.page);

test('Vue 3 + vue-router: component, trace (names only) and lifecycle as fields, the message as before, the app handler kept; routes and dwell', async ({ page, site, collector }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(open(site, 'vue3-router', collector));
  await page.waitForSelector('#home');
  await page.waitForTimeout(STAY);
  await page.click('#to-cart');
  await page.click('#pay');
  await page.waitForTimeout(STAY);
  await page.click('#to-home');
  await page.waitForSelector('#home');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  const pages = await collector.waitFor(() => actives(collector), (p) => p.length >= 2);
  await page.waitForTimeout(1000);
  const errors = await collector.errors();
  expect(errors).toHaveLength(2);
  const [mounted, clicked] = errors;
  for (const [item, message] of [[mounted, 'cart item failed to mount'], [clicked, 'pay button failed 16']] as const) {
    expect(item.type).toBe('manualError');
    // The stock message, as before: "<message>: <Vue's info>"; the info is also the lifecycle field.
    expect(item.message).toBe(`${message}: ${item.lifecycle}`);
    expect(item.component).toBe('CartItem');
    expect(item.componentTrace[0]).toBe('CartItem');
    expect(item.componentTrace).toContain('CartPage');
    expect(item.componentTrace.at(-1)).toBe('App');
    expect(item.page).toBe('/apps/vue3-router/cart');
    expect(JSON.stringify(item)).not.toContain(CARD);
  }
  expect(mounted.lifecycle).not.toBe(clicked.lifecycle);
  expect(await page.evaluate(() => (window as any).ownHandler.length)).toBe(2);
  expect(pages.slice(0, 2)).toEqual(['/apps/vue3-router/', '/apps/vue3-router/cart']);
  expect(pageErrors).toEqual([]);
});

test("React 19 + react-router: boundary and root options report once each with the component stack as a field; React's logging kept; routes and dwell; a route come back to by the back button is its errors' page", async ({ page, site, collector, consoleErrors }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(open(site, 'react19-router', collector));
  await page.waitForSelector('#home');
  await page.waitForTimeout(STAY);
  await page.click('#to-cart');
  await page.click('#retry');
  await page.waitForSelector('#cart-ok');
  expect(await page.evaluate(() => (window as any).onErrorSeen)).toBe('cart render failed 16');
  await page.waitForTimeout(STAY);
  // Orders fails each time it renders: reached by a link, then again by the back button.
  await page.click('#to-orders');
  await page.waitForSelector('#orders-failed');
  await page.click('#to-home');
  await page.waitForSelector('#home');
  await page.goBack();
  await page.waitForSelector('#orders-failed');
  await page.click('#to-crash');
  await page.click('#crash');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 4);
  const pages = await collector.waitFor(() => actives(collector), (p) => p.length >= 2);
  await page.waitForTimeout(1000);
  const stored = await collector.errors();
  const orders = stored.filter((e) => e.message.startsWith('orders failed'));
  const errors = stored.filter((e) => !orders.includes(e));
  expect(errors.map((e) => `${e.type} ${e.message}`)).toEqual(['manualError cart render failed 16', 'manualError crash outside any boundary']);
  // React renders the route it is sent back to from react-router's popstate listener, added
  // before the SDK's: the error it raises is still the orders page's, as its URL says. (The
  // visit's number: React mounts a failed component twice, so the count may go up by two.)
  expect(orders).toHaveLength(2);
  expect(orders[0].message).not.toBe(orders[1].message);
  for (const e of orders) {
    expect(e.message).toMatch(/^orders failed on visit \d+$/);
    expect([e.page, new URL(e.url).pathname]).toEqual(['/apps/react19-router/orders', '/apps/react19-router/orders']);
  }
  // The way back is in its story: the popstate to the orders page, last of its navigations.
  const back = orders[1].breadcrumbs.filter((c: any) => c.type === 'navigation').at(-1);
  expect([back.category, back.data.to]).toEqual(['popstate', '/apps/react19-router/orders']);
  const [caught, uncaught] = errors;
  // A production build: component names are the minifier's (source maps turn them back).
  expect(caught.component).toMatch(/^[\w$]+$/);
  // The name escaped for the RegExp (a minifier's name may hold `$`; a backslash before any
  // other character made one such as `Wc` read as `\W` followed by `c`).
  expect(caught.componentStack).toMatch(new RegExp(`^\\s*at ${caught.component.replace(/\$/g, '\\$')} \\(${site.origin}/apps/react19-router/assets/`));
  expect(['boundary', 'caught']).toContain(caught.tags.reactHandler);
  expect(caught.page).toBe('/apps/react19-router/cart');
  expect(uncaught.component).toMatch(/^[\w$]+$/);
  expect(uncaught.component).not.toBe(caught.component);
  expect(uncaught.componentStack).toContain(`at ${uncaught.component} (`);
  expect(uncaught.tags.reactHandler).toBe('uncaught');
  expect(uncaught.page).toBe('/apps/react19-router/crash');
  for (const e of errors) expect(e.message).not.toContain(' at ');
  // React's own logging: the caught error on the console, the uncaught one through window.reportError.
  expect(consoleErrors.some((m) => m.includes('cart render failed 16'))).toBe(true);
  expect(pageErrors).toEqual(['crash outside any boundary']);
  expect(pages.slice(0, 2)).toEqual(['/apps/react19-router/', '/apps/react19-router/cart']);
});

test('React 18 in development: the error React replays through window and hands the boundary is stored once, with the component fields', async ({ page, site, collector }) => {
  await page.goto(open(site, 'react18-dev', collector));
  await page.waitForSelector('#retry');
  expect(await page.evaluate(() => (window as any).reactVersion)).toMatch(/^18\./);
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await page.waitForTimeout(1500);
  const errors = await collector.errors();
  expect(errors).toHaveLength(1);
  expect(errors[0].message).toMatch(/react 18 cart failed 16$/);
  expect(errors[0].component).toBe('Cart');
  expect(errors[0].componentStack).toMatch(/^\s*at Cart/);
  expect(errors[0].tags.reactHandler).toBe('boundary');
  await page.click('#retry');
  await page.waitForSelector('#cart-ok');
});
