// Pages for the consent tests: the script-tag bundle (and consent helpers) loaded the way a
// customer's page loads them, with room for what must come before the SDK (a consent
// manager, the `tracelyConsent` stub) and options that JSON cannot carry (functions, RegExps).
import type { Page } from '@playwright/test';
import { APP } from '../support/fixtures';

export interface ConsentPageOptions {
  /** HTML before the SDK's script tag. */
  before?: string;
  /** A JavaScript object literal merged into the options (may hold functions). */
  options?: string;
  /** Consent helpers to load from /dist/consent/ (their IIFE files). */
  helpers?: string[];
  /** HTML after the SDK is initialised (in the head). */
  after?: string;
  body?: string;
}

export function consentPage(host: string, o: ConsentPageOptions = {}): string {
  const helpers = (o.helpers || []).map((name) => `<script src="/dist/consent/${name}.min.js"></script>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>consent</title>${o.before || ''}
<script src="/dist/tracely.min.js"></script>${helpers}
<script>window.tracely = new Tracely(Object.assign(${JSON.stringify({ ...APP, host })}, ${o.options || '{}'})); tracely.init();</script>
${o.after || ''}</head><body>${o.body || ''}</body></html>`;
}

/** The SDK's keys in every place a page can keep data: localStorage, sessionStorage, cookies. */
export function sdkKeys(page: Page): Promise<{ local: string[]; session: string[]; cookie: string[] }> {
  return page.evaluate(() => {
    const own = (keys: string[]) => keys.filter((k) => k.startsWith('_tracely_')).sort();
    return {
      local: own(Object.keys(localStorage)),
      session: own(Object.keys(sessionStorage)),
      cookie: own(document.cookie.split(';').map((c) => c.split('=')[0].trim())),
    };
  });
}

export const NO_KEYS = { local: [], session: [], cookie: [] };

/** Every request the page makes to the collector (preflights included), as it makes them. */
export function watchRequests(page: Page, collectorUrl: string): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(collectorUrl)) seen.push(`${request.method()} ${request.url()}`);
  });
  return seen;
}

/** A body with a button that throws `message` from a named function of the page. */
export const thrower = (message: string, id = 'boom') =>
  `<button id="${id}" onclick="explode_${id}()">${id}</button><script>function explode_${id}() { throw new Error(${JSON.stringify(message)}); }</script>`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
