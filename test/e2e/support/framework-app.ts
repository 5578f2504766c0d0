// What the framework apps' specs share (next-app.spec.ts, nuxt-app.spec.ts). Each app is built or
// started once with the collector's URL in its settings, so every test's fresh collector listens
// on that one port; and both read the routes an error's crumbs and the `_active` events tell.
import type { Page } from '@playwright/test';
import { test as base, expect, CollectorClient } from './fixtures';
import { createCollector } from '../../../demo/collector/server.mjs';

/** The e2e test, its `collector` a fresh one on the port `port()` names when the test starts. */
export const testWithCollectorOn = (port: () => number) =>
  base.extend<{ collector: CollectorClient }>({
    collector: async ({}, use) => {
      const raw = await createCollector({ dbPath: ':memory:', port: port(), host: 'localhost', quiet: true, testControls: true });
      await use(new CollectorClient(raw.url, raw));
      await raw.close();
    },
  });

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
