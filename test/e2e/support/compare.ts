// Runs one page twice, once without the SDK and once with it, and returns what the page
// observed each time: the SDK must change nothing the page can see (DESIGN.md, rule one).
// The pages are built by test/support/hostile-cases.mjs, which the Firefox and WebKit suites
// share: a page records what it sees with `obs(...)` and says it is finished with `done()`.
import type { Browser } from '@playwright/test';
import { casePage, NONCE, type PageCase } from '../../support/hostile-cases.mjs';
import type { Site } from './site';

export { casePage, NONCE, type PageCase };

export interface Observed {
  obs: string[];
  /** What the page left uncaught, as the page's own listeners saw it (test/support/hostile-cases.mjs). */
  uncaught: string[];
  /** Uncaught errors in the page, as the browser reported them. */
  pageErrors: string[];
}

/** Loads the case in a fresh context (its own storage) and waits for done(). */
export async function observe(browser: Browser, site: Site, host: string, name: string, c: PageCase, withSdk: boolean): Promise<Observed> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const url = site.page(`/${name}-${withSdk ? 'with' : 'without'}.html`, casePage(host, c, withSdk));
    await page.goto(url);
    await page.waitForFunction(() => (window as any).__done === true, undefined, { timeout: 15_000 });
    const { obs, uncaught } = await page.evaluate(() => ({ obs: (window as any).__obs as string[], uncaught: (window as any).__uncaught as string[] }));
    return { obs, uncaught, pageErrors };
  } finally {
    await context.close();
  }
}

/** Both runs of a case: [without the SDK, with it]. */
export async function compare(browser: Browser, site: Site, host: string, name: string, c: PageCase): Promise<[Observed, Observed]> {
  const without = await observe(browser, site, host, name, c, false);
  const withSdk = await observe(browser, site, host, name, c, true);
  return [without, withSdk];
}
