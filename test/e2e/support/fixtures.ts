// Per-test fixtures: a fresh collector (in-memory SQLite, its own rate limiter) and a fresh
// site origin, so tests run in parallel without sharing state.
import { test as base, expect, type Page } from '@playwright/test';
import { createCollector } from '../../../demo/collector/server.mjs';
import { startSite, type Site } from './site';
import { readFileSync } from 'node:fs';

export { expect };

export interface Stored {
  [field: string]: any;
}

export class CollectorClient {
  constructor(
    readonly url: string,
    private readonly raw: any,
  ) {}

  /**
   * GETs a read-API path. Lists are paged (`{ items | groups, next }`): this follows `next`
   * and returns one answer holding every page's entries, as if the list came whole.
   */
  async get(path: string): Promise<any> {
    const first = await (await fetch(this.url + path)).json();
    const key = ['items', 'groups'].find((k) => Array.isArray(first?.[k]));
    if (!key) return first;
    const all = [...first[key]];
    for (let next = first.next; next != null; ) {
      const page = await (await fetch(`${this.url}${path}${path.includes('?') ? '&' : '?'}after=${encodeURIComponent(next)}`)).json();
      all.push(...page[key]);
      next = page.next;
    }
    return { ...first, [key]: all, next: null };
  }

  async errors(query = ''): Promise<Stored[]> {
    return (await this.get(`/api/occurrences${query}`)).items;
  }

  async events(query = ''): Promise<Stored[]> {
    return (await this.get(`/api/events${query}`)).items;
  }

  async requests(): Promise<Stored[]> {
    return (await this.get('/api/requests')).items;
  }

  async faults(settings: object): Promise<void> {
    const res = await fetch(this.url + '/_control/faults', { method: 'POST', body: JSON.stringify(settings), headers: { 'Content-Type': 'application/json' } });
    if (!res.ok) throw new Error(`setting faults failed: ${res.status} ${await res.text()}`);
  }

  /** Polls `read` until `done` holds (or the timeout passes) and returns the last value read. */
  async waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    let value = await read();
    while (!done(value) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      value = await read();
    }
    return value;
  }

  close(): Promise<void> {
    return this.raw.close();
  }
}

export interface PageOptions {
  /** SDK options merged over appId/appSecret/host. */
  options?: Record<string, unknown>;
  head?: string;
  body?: string;
  /** Extra script run after init (t is the client). */
  script?: string;
  /** Load the SDK and call init (default true). */
  init?: boolean;
}

export const APP = { appId: 'test-app', appSecret: 'test-secret' };
/** The version every request names (`sdk`, telemetry.sdk.version): the package's. */
export const PACKAGE_VERSION: string = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;

/** An HTML page that loads the built script-tag bundle the way a customer's page does. */
export function sdkPage(host: string, o: PageOptions = {}): string {
  const options = JSON.stringify({ ...APP, host, ...o.options });
  return `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script src="/dist/tracely.min.js"></script>
<script>window.t = new Tracely(${options});${o.init === false ? '' : 't.init();'}</script>
${o.head || ''}</head><body>${o.body || ''}<script>${o.script || ''}</script></body></html>`;
}

/**
 * Closes `page` as a visitor leaving does (beforeunload, pagehide: the SDK's exit sends and spools)
 * and waits until it is gone. `close({ runBeforeUnload: true })` alone returns before the page's
 * exit handlers have run: a page opened next could read the spool before it was written (a run
 * with four workers did).
 */
export async function leave(page: Page): Promise<void> {
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
}

type Fixtures = { collectorConfig: object; collector: CollectorClient; site: Site; consoleErrors: string[] };

export const test = base.extend<Fixtures>({
  collectorConfig: [{}, { option: true }],
  collector: async ({ collectorConfig }, use) => {
    // On localhost while pages are on 127.0.0.1: cross-site, as a customer's page and their Tracely server are.
    // testControls: the specs inject faults through /_control/faults.
    const raw = await createCollector({ dbPath: ':memory:', port: 0, host: 'localhost', quiet: true, testControls: true, config: collectorConfig });
    const client = new CollectorClient(raw.url, raw);
    await use(client);
    await raw.close();
  },
  site: async ({}, use) => {
    const site = await startSite();
    await use(site);
    await site.close();
  },
  // Page errors that escaped into the page's console: the SDK must never add any.
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error' && msg.type() !== 'warning') return;
      // Chromium's line for a failed load names no URL; its location does: kept, so a failure says what failed.
      const text = msg.text();
      errors.push(text.startsWith('Failed to load resource') && msg.location().url ? `${text} ${msg.location().url}` : text);
    });
    await use(errors);
  },
});
