// A Nuxt app (test/apps/nuxt-app: Nuxt 4, Vue 3, vue-router 4) with the packed package, wired
// as the README wires Nuxt (a client-only plugin: `tracely.init(nuxtApp.vueApp, useRouter())`):
// built with `nuxt build`, served by its own server (.output/server/index.mjs), in real Chromium,
// reporting to the real collector. Server rendering logs nothing; hydration is clean; each error
// is stored once with Vue's component fields; Nuxt's own error handling (its hooks, the error
// page, <NuxtErrorBoundary>) behaves as it does without the SDK; client navigations are routes.
import { expect } from './support/fixtures';
import { frameworkApp, tour, tourReported } from './support/framework-app';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_DIR, buildNuxtApp, startNuxtApp } from '../apps/nuxt-app.mjs';

/** What Vue 3 gives as the info in a production build: its error reference, by error code. */
const VUE_INFO = {
  setup: 'https://vuejs.org/error-reference/#runtime-0',
  render: 'https://vuejs.org/error-reference/#runtime-1',
  handler: 'https://vuejs.org/error-reference/#runtime-5',
};

// The collector's URL is the app's public runtime setting (NUXT_PUBLIC_TRACELY_HOST when the
// server starts): each test's fresh collector listens on the one port the server was given.
const { test, app: nuxt } = frameworkApp('nuxt', () => buildNuxtApp(), startNuxtApp);

type Page = import('@playwright/test').Page;
const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.m?js$/.test(f.name)).map((f) => join(f.parentPath, f.name));
const holdsSdk = (dir: string) => files(join(APP_DIR, dir)).some((f) => readFileSync(f, 'utf8').includes('_tracely_session'));

/** Loads `path` and waits for Nuxt's hydration to end (the fixture's hooks plugin marks it). */
async function open(page: Page, path: string) {
  await page.goto(nuxt.origin + path);
  await page.waitForSelector('body[data-hydrated]');
}

// The tour (support/framework-app.ts): home -> about (NuxtLink) -> shop (navigateTo) -> back -> forward -> home (NuxtLink).

/**
 * Every kind of failure, in order, then Nuxt's fatal error; returns what the page and Nuxt did:
 * Nuxt's hooks, what was shown, what reached the page and the console.
 */
async function failures(page: Page, consoleErrors: string[]) {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const shown = async () => ({ errorPage: await page.locator('#nuxt-error').count(), fallback: await page.locator('#boundary-fallback').count(), home: await page.locator('#home').count() });
  const steps: Record<string, unknown> = {};
  await page.click('#throw');
  await page.waitForTimeout(300);
  steps.handler = await shown();
  // Without the SDK, Nuxt logs an event handler's error and the page stays (checked here: else every step below waits in vain).
  expect(steps.handler, 'the page after an event handler threw').toEqual({ errorPage: 0, fallback: 0, home: 1 });
  await page.click('#reject');
  await page.waitForTimeout(300);
  steps.rejection = await shown();
  await page.click('#break-boundary');
  await page.waitForSelector('#boundary-fallback');
  steps.boundary = await shown();
  await page.click('#break-outside');
  await page.waitForTimeout(300);
  steps.outside = await shown();
  // A page whose setup() throws, reached by client navigation: Nuxt logs it and renders nothing there.
  await page.click('#to-setup-fails');
  await page.waitForURL('**/setup-fails');
  await page.waitForTimeout(300);
  steps.setup = { ...(await shown()), setupPage: await page.locator('#setup-fails').count() };
  await page.click('#to-home');
  await page.waitForSelector('#home');
  // A fatal error (createError({ fatal: true })): Nuxt shows its error page.
  await page.click('#fatal');
  await page.waitForSelector('#nuxt-error');
  steps.fatal = { ...(await shown()), message: await page.textContent('#nuxt-error-message') };
  const hooks = await page.evaluate(() => (window as any).nuxtHooks as string[]);
  // The console's lines without the chunks' hashed names and positions (they differ by nothing else).
  const console = consoleErrors.map((m) => m.split('\n')[0]);
  return { steps, hooks, pageErrors: [...pageErrors], console };
}

test('server rendering: the pages render and the server logs nothing; the SDK is in the client bundle only (a .client plugin)', async ({ collector }) => {
  expect(collector.url).toBe(nuxt.collectorHost);
  for (const [path, id] of [['/', 'home'], ['/about', 'about'], ['/shop', 'shop'], ['/', 'home']]) {
    const res = await fetch(nuxt.origin + path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain('id="to-about"');
    // The collector's URL reaches the browser as the app's public runtime setting.
    expect(html).toContain(`tracelyHost:"${nuxt.collectorHost}"`);
  }
  expect(holdsSdk('.output/public/_nuxt')).toBe(true);
  expect(holdsSdk('.output/server')).toBe(false);
  expect(nuxt.buildLog).toMatch(/Build complete/);
  // Nitro lists its files, its error-500 page among them: nothing else says "error".
  expect(nuxt.buildLog.replaceAll('chunks/_/error-500.mjs', '')).not.toMatch(/tracely|error|warn|⨯|⚠/i);
  expect(nuxt.log()).not.toMatch(/error|warn|tracely/i);
});

test('hydration is clean; client navigations (NuxtLink, navigateTo, back, forward) are routes: one crumb and one _active each', async ({ page, collector, consoleErrors }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await open(page, '/');
  await tour(page);
  expect(consoleErrors).toEqual([]);
  expect(pageErrors).toEqual([]);

  await tourReported(page, collector);
});

test('a hydration mismatch is seen on the console (what the test above finds none of)', async ({ page, consoleErrors }) => {
  await open(page, '/mismatch');
  await page.waitForSelector('#where:text("browser")');
  // Vue's production build says so on the console, nothing more.
  expect(consoleErrors).toEqual(['Hydration completed but contains mismatches.']);
});

test("each error is stored once, with frames and Vue's component fields; Nuxt's hooks, error page and boundary do as without the SDK", async ({ page, collector, consoleErrors, browser }) => {
  await open(page, '/');
  const withSdk = await failures(page, consoleErrors);

  await collector.waitFor(() => collector.errors(), (i) => i.length >= 6);
  await page.waitForTimeout(1500);
  const errors = await collector.errors();
  const byMessage = Object.fromEntries(errors.map((e) => [e.message, e]));
  expect(errors.map((e) => `${e.type} ${e.message}`).sort()).toEqual([
    `manualError nuxt click failed: ${VUE_INFO.handler}`,
    `manualError nuxt fatal: ${VUE_INFO.handler}`,
    `manualError nuxt render failed in boundary: ${VUE_INFO.render}`,
    `manualError nuxt render failed outside: ${VUE_INFO.render}`,
    `manualError nuxt setup failed: ${VUE_INFO.setup}`,
    'promiseError Error: nuxt rejection',
  ]);
  const fields = (message: string) => {
    const e = byMessage[message];
    return { page: e.page, component: e.component, componentTrace: e.componentTrace?.slice(0, 2), lifecycle: e.lifecycle };
  };
  expect(fields(`nuxt click failed: ${VUE_INFO.handler}`)).toEqual({ page: '/', component: 'HomePage', componentTrace: ['HomePage', 'RouteProvider'], lifecycle: VUE_INFO.handler });
  expect(fields(`nuxt render failed in boundary: ${VUE_INFO.render}`)).toEqual({ page: '/', component: 'BrokenPart', componentTrace: ['BrokenPart', 'NuxtErrorBoundary'], lifecycle: VUE_INFO.render });
  expect(fields(`nuxt render failed outside: ${VUE_INFO.render}`)).toEqual({ page: '/', component: 'BrokenPart', componentTrace: ['BrokenPart', 'HomePage'], lifecycle: VUE_INFO.render });
  expect(fields(`nuxt setup failed: ${VUE_INFO.setup}`)).toEqual({ page: '/setup-fails', component: 'SetupFailsPage', componentTrace: ['SetupFailsPage', 'RouteProvider'], lifecycle: VUE_INFO.setup });
  expect(fields(`nuxt fatal: ${VUE_INFO.handler}`)).toEqual({ page: '/', component: 'HomePage', componentTrace: ['HomePage', 'RouteProvider'], lifecycle: VUE_INFO.handler });
  expect(fields('Error: nuxt rejection')).toEqual({ page: '/', component: undefined, componentTrace: undefined, lifecycle: undefined });
  for (const e of errors) {
    // The top frame is the app's own code, in a chunk as Nuxt serves it.
    expect(e.frames[0].file).toMatch(new RegExp(`^${nuxt.origin}/_nuxt/[\\w-]+\\.js$`));
    expect(e.frames[0].line).toBeGreaterThan(0);
    expect(e.componentTrace?.at(-1) ?? 'nuxt-root').toBe('nuxt-root');
  }

  // The same app and steps without the SDK (`?sdk=off`): Nuxt's hooks, what it showed, what reached the page and the console, all the same.
  const plain = await browser.newPage();
  const plainConsole: string[] = [];
  plain.on('console', (m) => (m.type() == 'error' || m.type() == 'warning') && plainConsole.push(m.text()));
  await open(plain, '/?sdk=off');
  const withoutSdk = await failures(plain, plainConsole);
  await plain.close();
  expect(withSdk).toEqual(withoutSdk);
  // What Nuxt does, as recorded: every component error through vue:error once, app:error only for the fatal one.
  expect(withSdk.hooks).toEqual([
    'vue:error nuxt click failed',
    'vue:error nuxt render failed in boundary',
    'vue:error nuxt render failed outside',
    'vue:error nuxt setup failed',
    'vue:error nuxt fatal',
    'app:error nuxt fatal',
  ]);
  expect(withSdk.steps).toEqual({
    handler: { errorPage: 0, fallback: 0, home: 1 },
    rejection: { errorPage: 0, fallback: 0, home: 1 },
    boundary: { errorPage: 0, fallback: 1, home: 1 },
    outside: { errorPage: 0, fallback: 1, home: 1 },
    setup: { errorPage: 0, fallback: 0, home: 0, setupPage: 0 },
    fatal: { errorPage: 1, fallback: 0, home: 0, message: '418 nuxt fatal' },
  });
  expect(withSdk.pageErrors).toEqual(['nuxt rejection']);
  await page.waitForTimeout(500);
  expect(await collector.errors()).toHaveLength(6);
});

test('an error while Nuxt hydrates the first page is stored once (the plugin ran before hydration); Nuxt shows what it shows without the SDK', async ({ page, collector, browser }) => {
  const load = async (p: Page, query: string) => {
    const pageErrors: string[] = [];
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${nuxt.origin}/mounted-fails${query}`);
    await p.waitForFunction(() => ((window as any).nuxtHooks ?? []).length >= 1);
    await p.waitForTimeout(500);
    return { hooks: await p.evaluate(() => (window as any).nuxtHooks), errorPage: await p.locator('#nuxt-error').count(), page: await p.locator('#mounted-fails').count(), pageErrors };
  };
  const withSdk = await load(page, '');
  const plain = await browser.newPage();
  const withoutSdk = await load(plain, '?sdk=off');
  await plain.close();
  expect(withSdk).toEqual(withoutSdk);
  // During hydration Nuxt's own errorHandler is still in place: both hooks run and its error page shows.
  expect(withSdk).toEqual({ hooks: ['vue:error nuxt mounted failed', 'app:error nuxt mounted failed'], errorPage: 1, page: 0, pageErrors: [] });
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await page.waitForTimeout(1500);
  const errors = await collector.errors();
  expect(errors.map((e) => [e.type, e.message, e.page, e.component, e.lifecycle, e.componentTrace.at(-1)])).toEqual([
    ['manualError', 'nuxt mounted failed: https://vuejs.org/error-reference/#runtime-m', '/mounted-fails', 'MountedFailsPage', 'https://vuejs.org/error-reference/#runtime-m', 'nuxt-root'],
  ]);
  expect(errors[0].frames[0].file).toMatch(new RegExp(`^${nuxt.origin}/_nuxt/[\\w-]+\\.js$`));
});

test("close() takes the SDK's hook off Nuxt: later errors are not reported, Nuxt's hook still runs", async ({ page, collector }) => {
  await open(page, '/');
  await page.click('#throw');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await page.evaluate(() => (window as any).tracely.close());
  await page.click('#throw');
  await page.waitForTimeout(1500);
  expect(await collector.errors()).toHaveLength(1);
  expect(await page.evaluate(() => (window as any).nuxtHooks)).toEqual(['vue:error nuxt click failed', 'vue:error nuxt click failed']);
});

test('after every page above, the server has still logged nothing', async () => {
  expect(nuxt.log()).toMatch(/Listening on/);
  expect(nuxt.log()).not.toMatch(/error|warn|tracely/i);
});
