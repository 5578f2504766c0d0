// Runs one page twice, once without the SDK and once with it, and returns what the page
// observed each time: the SDK must change nothing the page can see (DESIGN.md, rule one).
//
// A page records what it sees with `obs(...)`, and says it is finished with `done()`. The
// hostile set-up (`pre`) runs before the SDK loads; the page's own code (`page`) after init.
import type { Browser } from '@playwright/test';
import { APP } from './fixtures';
import type { Site } from './site';

export const NONCE = 'n0nce';

export interface PageCase {
  /** The page's own script, run before the SDK loads (hostile globals, frozen built-ins...). */
  pre?: string;
  /** The page's own script, run after the SDK's init; it calls done() when finished. */
  page: string;
  /** SDK options merged over appId/appSecret/host. */
  options?: Record<string, unknown>;
  /** Extra <head> markup (a CSP meta tag...). */
  head?: string;
  body?: string;
}

export interface Observed {
  obs: string[];
  /** Uncaught errors in the page, as the browser reported them. */
  pageErrors: string[];
}

export function casePage(host: string, c: PageCase, withSdk: boolean): string {
  const options = JSON.stringify({ ...APP, host, ...c.options });
  const script = (code: string) => `<script nonce="${NONCE}">${code}</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>hostile</title>${c.head || ''}
${script(`window.__obs = []; window.__done = false;
  window.obs = (...parts) => { window.__obs.push(parts.map((p) => { try { return typeof p == 'string' ? p : String(p); } catch (e) { return '?'; } }).join(' ')); };
  window.done = () => { window.__done = true; };`)}
${c.pre ? script(c.pre) : ''}
${withSdk ? `<script nonce="${NONCE}" src="/dist/tracely.min.js"></script>${script(`window.t = new Tracely(${options}); t.init();`)}` : ''}
</head><body>${c.body || ''}${script(c.page)}</body></html>`;
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
    const obs = await page.evaluate(() => (window as any).__obs as string[]);
    return { obs, pageErrors };
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
