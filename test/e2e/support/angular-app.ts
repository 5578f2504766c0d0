// What the Angular fixture's specs share (angular-app.spec.ts: the npm package; angular-tag.spec.ts:
// the script tag and the async loader): what the page shows of itself, each way an error leaves
// the app (test/apps/angular-app/src/app/home.ts, one button each), and how the stored reports read.
import type { Page } from '@playwright/test';
import type { Stored } from './fixtures';
import type { ServedApp } from './framework-app';

/**
 * What the page shows of itself: what Angular's ErrorHandler was called with (its default logs
 * `console.error('ERROR', error)`), the console's other errors and warnings (first lines), and
 * the errors that reached the page uncaught. Returns what was seen since the last call.
 */
export function watch(page: Page) {
  const calls: Promise<string>[] = [];
  const seen = { calls, console: [] as string[], pageErrors: [] as string[] };
  page.on('console', (m) => {
    if (m.type() != 'error' && m.type() != 'warning') return;
    const [, error] = m.args();
    if (m.text().startsWith('ERROR ') && error) calls.push(error.evaluate((e: any) => (e && typeof e == 'object' ? `${e.name}: ${e.message}` : `${typeof e} ${e}`)));
    else seen.console.push(m.text().split('\n')[0]);
  });
  page.on('pageerror', (e) => seen.pageErrors.push(e.message));
  return async () => ({ handled: await Promise.all(calls.splice(0)), console: seen.console.splice(0), pageErrors: seen.pageErrors.splice(0) });
}

/** Loads `path` and waits for Angular's bootstrap to end (main.ts marks it). */
export async function open(page: Page, path: string, app: ServedApp) {
  await page.goto(app.origin + path);
  await page.waitForSelector('body[data-hydrated]');
}

/** What is on the page: the route's element, the broken part, the HTTP status line. */
export const shown = async (page: Page) => ({
  path: new URL(page.url()).pathname,
  home: await page.locator('#home').count(),
  brokenPage: await page.locator('#broken').count(),
  brokenPart: await page.locator('#broken-part').count(),
  http: (await page.locator('#http-status').count()) ? await page.textContent('#http-status') : null,
});

/** Each way an error leaves the app, in order; what the page and Angular did after each. */
export async function failures(page: Page) {
  const take = watch(page);
  const steps: Record<string, unknown> = {};
  const step = async (id: string, settled: () => Promise<unknown>) => {
    await page.click(`#${id}`);
    await settled();
    await page.waitForTimeout(300);
    steps[id] = { ...(await take()), ...(await shown(page)) };
  };
  const nothing = async () => {};
  await step('throw', nothing);
  await step('reject', nothing);
  await step('reject-outside', nothing);
  await step('timer-outside', nothing);
  await step('string-outside', nothing);
  await step('null-outside', nothing);
  await step('http-404', () => page.waitForSelector('#http-status:text("failed 404")'));
  await step('http-500-unhandled', nothing);
  // Last on the page: Angular renders the broken part again at each change detection.
  await step('break', nothing);
  // A routed component whose constructor throws, reached by a routerLink.
  await step('to-broken', nothing);
  return steps;
}

export const byMessage = (errors: Stored[]) => Object.fromEntries(errors.map((e) => [e.message, e]));
export const httpCrumbs = (error: Stored) => error.breadcrumbs.filter((c: any) => c.type == 'http').map((c: any) => `${c.category} ${c.data.method} ${c.data.url} ${c.data.status}`);
