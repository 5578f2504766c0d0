// What the framework apps' specs share (next-app.spec.ts, nuxt-app.spec.ts). Each app is built or
// started once with the collector's URL in its settings, so every test's fresh collector listens
// on that one port; and both read the routes an error's crumbs and the `_active` events tell.
import type { Page } from '@playwright/test';
import { test as base, expect, CollectorClient } from './fixtures';
import { createCollector } from '../../../demo/collector/server.mjs';
import { freePort } from '../../apps/framework-app.mjs';

/** The e2e test, its `collector` a fresh one on the port `port()` names when the test starts. */
const testWithCollectorOn = (port: () => number) =>
  base.extend<{ collector: CollectorClient }>({
    collector: async ({}, use) => {
      const raw = await createCollector({ dbPath: ':memory:', port: port(), host: 'localhost', quiet: true, testControls: true });
      await use(new CollectorClient(raw.url, raw));
      await raw.close();
    },
  });

/** An app built and served by its framework, as a spec sees it once `beforeAll` is done. */
export interface ServedApp {
  /** The collector's URL, in the app's settings: every test's collector listens there. */
  collectorHost: string;
  buildLog: string;
  origin: string;
  /** What the app's server printed so far. */
  log(): string;
}

/**
 * The spec's test (serial, its collector on one port) and its app: `build` with the collector's
 * URL, then `start`, once before the tests; stopped after them.
 */
export function frameworkApp(
  name: string,
  build: (collectorHost: string) => { log: string; ms: number },
  start: (collectorHost: string) => Promise<{ origin: string; log: () => string; close: () => Promise<void> }>,
) {
  let port = 0;
  let server: Awaited<ReturnType<typeof start>> | undefined;
  const app: ServedApp = { collectorHost: '', buildLog: '', origin: '', log: () => server?.log() ?? '' };
  const test = testWithCollectorOn(() => port);
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    port = await freePort();
    app.collectorHost = `http://localhost:${port}`;
    const built = build(app.collectorHost);
    app.buildLog = built.log;
    console.log(`${name} build (packed package unpacked, then a clean build): ${built.ms} ms`);
    server = await start(app.collectorHost);
    app.origin = server.origin;
  });
  test.afterAll(async () => {
    await server?.close();
  });
  return { test, app };
}

export interface Crumb {
  type: string;
  category?: string;
  data?: { from: string; to: string };
}
/** The navigation crumbs, as `<how> <from> <to>`. */
export const navigations = (crumbs: Crumb[]) => crumbs.filter((c) => c.type == 'navigation').map((c) => `${c.category} ${c.data!.from} ${c.data!.to}`);
/** The page of each `_active` (dwell) event stored, in order. */
export const actives = async (collector: CollectorClient) => (await collector.events('?eventName=_active')).map((e) => e.metadata.page as string);

/** Long enough on a route for a whole second of dwell. */
export const STAY = 1300;

/**
 * The apps' tour, all client-side: home -> about (a link) -> shop (a programmatic push) -> back ->
 * forward -> home (a link), a stay on each; `atEach` checks the page at each stop. Both apps give
 * their elements the same ids.
 */
export async function tour(page: Page, atEach: () => Promise<void> = async () => {}) {
  await page.evaluate(() => ((window as any).sameDocument = true));
  const at = async (id: string) => {
    await page.waitForSelector(`#${id}`);
    await atEach();
    await page.waitForTimeout(STAY);
  };
  await page.waitForTimeout(STAY);
  await page.click('#to-about');
  await at('about');
  await page.click('#push-shop');
  await at('shop');
  await page.goBack();
  await at('about');
  await page.goForward();
  await at('shop');
  await page.click('#to-home');
  await page.waitForSelector('body[data-hydrated] #home');
  // Every step was a client-side navigation: the same document all along.
  expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
}
/** What the tour's crumbs and `_active` events say, from `/`. */
export const TOUR_NAVIGATIONS = ['pushState / /about', 'pushState /about /shop', 'popstate /shop /about', 'popstate /about /shop', 'pushState /shop /'];
export const TOUR_PAGES = ['/', '/about', '/shop', '/about', '/shop'];

/**
 * After the tour, back on `/`: an error reported then carries each of the tour's navigations once
 * (`navigations`, TOUR_NAVIGATIONS by default), and each page of it is one `_active` with a whole
 * second or more, none sent twice (watched a while longer).
 */
export async function tourReported(page: Page, collector: CollectorClient, expected = TOUR_NAVIGATIONS) {
  await page.evaluate(() => (window as any).tracely.reportError(new Error('after the tour')));
  const [error] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(error.page).toBe('/');
  expect(navigations(error.breadcrumbs)).toEqual(expected);
  const pages = await collector.waitFor(() => actives(collector), (p) => p.length >= TOUR_PAGES.length);
  await page.waitForTimeout(1500);
  expect(await actives(collector)).toEqual(TOUR_PAGES);
  expect(pages).toEqual(TOUR_PAGES);
  for (const e of await collector.events('?eventName=_active')) expect(e.metadata.duration).toBeGreaterThanOrEqual(1);
}
