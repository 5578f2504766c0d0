// What the Angular fixture's specs share (angular-app.spec.ts: the npm package; angular-tag.spec.ts:
// the script tag and the async loader): what the page shows of itself, each way an error leaves
// the app (test/apps/angular-app/src/app/home.ts, one button each), and how the stored reports read.
import { expect, type Page } from '@playwright/test';
import type { CollectorClient, Stored } from './fixtures';
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

/** The app's own bundle as the builder names it (`main-<hash>.js`), served from `origin`. */
export const mainBundle = (origin: string) => new RegExp(`^${origin}/main-\\w+\\.js$`);

/**
 * What both builds (npm package, script tag or loader) store alike of the home page's failures:
 * each in Angular's zone reaches ErrorHandler (`manualError`), the rejection outside it zone.js's
 * handler (`promiseError`). The errors outside the zone that reach window differ by head.
 */
export const IN_ZONE_REPORTS = (origin: string) => [
  `manualError HttpErrorResponse: Http failure response for ${origin}/api/status/500: 500 Internal Server Error`,
  'manualError angular click failed',
  'manualError angular constructor failed',
  'manualError angular rejection',
  'manualError angular render failed',
  'promiseError Error: angular rejection outside',
];

/** Each report of `messages` has the app's own code as its top frame: in its bundle as the builder named and the server served it, with a line. */
export function expectAppFrames(found: Record<string, Stored>, messages: string[], origin: string) {
  for (const message of messages) {
    const top = found[message].frames[0];
    expect({ message, file: top.file, inApp: top.inApp, line: top.line > 0 }).toEqual({ message, file: expect.stringMatching(mainBundle(origin)), inApp: true, line: true });
  }
}

export const byMessage = (errors: Stored[]) => Object.fromEntries(errors.map((e) => [e.message, e]));
export const httpCrumbs = (error: Stored) => error.breadcrumbs.filter((c: any) => c.type == 'http').map((c: any) => `${c.category} ${c.data.method} ${c.data.url} ${c.data.status}`);

/** A step that left Angular nothing to handle, log or throw. */
export const QUIET = { handled: [], console: [], pageErrors: [] };
/** What Angular did at each failure on the home page, with the SDK (npm or script tag) and without it. */
/** The home page as it stays after a failure Angular handles there. */
export const HOME = { path: '/', home: 1, brokenPage: 0, brokenPart: 0, http: '' };
export const ANGULAR_DID = (() => {
  const home = { ...QUIET, ...HOME };
  return {
    throw: { ...home, handled: ['Error: angular click failed'] },
    reject: { ...home, handled: ['Error: angular rejection'] },
    // zone.js logs a rejection outside Angular's zone itself; ErrorHandler never sees it.
    'reject-outside': { ...home, console: ['Error: angular rejection outside'] },
    // provideBrowserGlobalErrorListeners: window's error to ErrorHandler, default prevented (no "Uncaught").
    'timer-outside': { ...home, handled: ['Error: angular timer outside'] },
    'string-outside': { ...home, handled: ['string angular string outside'] },
    // An error event without an error: Angular hands ErrorHandler a new Error of the event's message.
    'null-outside': { ...home, handled: ['Error: Uncaught null'] },
  };
})();

/**
 * The open page's failing HttpClient request (404) made, then a report named after `label`:
 * the http crumbs that report carries.
 */
export async function http404Crumbs(page: Page, collector: CollectorClient, label: string): Promise<string[]> {
  await page.click('#http-404');
  await page.waitForSelector('#http-status:text("failed 404")');
  await page.evaluate((l) => (window as any).tracely.reportError(new Error(`after ${l}`)), label);
  const errors = await collector.waitFor(() => collector.errors(), (i) => i.some((e) => e.message == `after ${label}`));
  return httpCrumbs(errors.find((e) => e.message == `after ${label}`)!);
}
