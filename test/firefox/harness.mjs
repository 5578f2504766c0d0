// The Firefox harness shared by the suites (delivery.test.mjs, loader.test.mjs) and the tab-close bench
// (scripts/firefox-close.mjs): a site origin serving the built bundle, a restartable collector
// on another site, and a page that loads the SDK the way a customer's page does.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { createCollector } from '../../demo/collector/server.mjs';
import { builtAppFile } from '../apps/shared.mjs';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const BUNDLE = join(process.env.TRACELY_OUT || 'dist', 'tracely.min.js');
export const APP = { appId: 'test-app', appSecret: 'test-secret' };
/** The content types of what a built app holds. @type {Record<string, string>} */
const APP_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

/**
 * A file of a built app fixture (test/apps/shared.mjs: /apps/<name>/<file>, an app's route its
 * index.html), with its type; undefined when there is no such file.
 * @param {string} path
 */
function appFile(path) {
  const file = builtAppFile(path);
  if (!file || !existsSync(file)) return undefined;
  return { body: readFileSync(file), type: APP_TYPES[extname(file)] || 'application/octet-stream' };
}

export { sleep, waitFor } from '../support/wait.mjs';

/** @typedef {import('../collector/helpers.mjs').Collector} Collector */
/**
 * A test page's window: the functions its inline script defines (see sdkPage's `script`).
 * @typedef {Window & typeof globalThis & { go(): void, throwFive(): void, throwSome(fromOrCount: number, count?: number): void }} TestWindow
 */

/**
 * A site origin (127.0.0.1) serving the built bundle, the pages a test registers and the built
 * app fixtures (.tmp/apps, under /apps/: see appFile).
 * @param {{ bundleDelayMs?: number, cacheable?: boolean }} [options] bundleDelayMs: how long each bundle request is held
 * before it is answered; cacheable: pages may be kept in the back/forward cache (else they are no-store, which keeps them out)
 */
/**
 * Closes `page` as a visitor leaving does (beforeunload, pagehide: the SDK's exit sends and spools)
 * and waits until it is gone: `close({ runBeforeUnload: true })` alone may return before the page's
 * exit handlers have run, and a page opened next could read the spool before it was written.
 * @param {import('puppeteer-core').Page} page
 */
export async function leave(page) {
  const closed = new Promise((resolve) => page.once('close', resolve));
  await page.close({ runBeforeUnload: true });
  await closed;
}

export async function startSite({ bundleDelayMs = 0, cacheable = false } = {}) {
  /** @type {Map<string, { body: string, type: string }>} path → what is served there (pages, a page's own script files) */
  const pages = new Map();
  const bundle = readFileSync(BUNDLE);
  let bundleRequests = 0;
  const server = createServer((req, res) => {
    const path = (req.url || '/').split('?')[0];
    if (path === '/dist/tracely.min.js') {
      bundleRequests++;
      const answer = () => void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
      return void (bundleDelayMs ? setTimeout(answer, bundleDelayMs) : answer());
    }
    const served = pages.get(path) ?? (path.startsWith('/apps/') ? appFile(path) : undefined);
    // Scripts are never cached; pages only when the test wants the back/forward cache.
    const store = cacheable && served?.type.startsWith('text/html') ? {} : { 'Cache-Control': 'no-store' };
    if (served) return void res.writeHead(200, { 'Content-Type': served.type, ...store }).end(served.body);
    res.writeHead(404).end();
  });
  await /** @type {Promise<void>} */ (new Promise((ok) => server.listen(0, '127.0.0.1', ok)));
  const origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    origin,
    /**
     * Serves `body` at `path` (a page unless `type` says otherwise: a script file); returns its URL.
     * @param {string} path @param {string} body
     */
    page: (path, body, type = 'text/html; charset=utf-8') => (pages.set(path, { body, type }), origin + path),
    /** Serves the JavaScript `js` at `path`; returns its URL. @param {string} path @param {string} js */
    script: (path, js) => (pages.set(path, { body: js, type: 'text/javascript; charset=utf-8' }), origin + path),
    /** How many times the bundle was asked for. */
    bundleRequests: () => bundleRequests,
    close: () => /** @type {Promise<void>} */ (new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); })),
  };
}

/** @param {string} host @param {Record<string, unknown>} [options] the Tracely options besides the app and host */
export const sdkPage = (host, options = {}, script = '') => `<!doctype html><meta charset="utf-8"><title>t</title>
<script src="/dist/tracely.min.js"></script>
<script>window.t = new Tracely(${JSON.stringify({ ...APP, host, ...options })}); t.init();</script>
<body><script>${script}</script></body>`;

/**
 * A collector on localhost (another site than 127.0.0.1), restartable on its port and file.
 * @param {{ port?: number }} [options] port: where it listens (an app built with the collector's URL), else a free one
 */
export async function startCollector({ port: wanted = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tracely-ff-'));
  const open = (/** @type {number} */ port) => createCollector({ dbPath: join(dir, 'c.sqlite'), port, host: 'localhost', quiet: true, testControls: true });
  /** @type {Collector | undefined} undefined while stopped */
  let raw = await open(wanted);
  const port = raw.port;
  const url = raw.url;
  /**
   * Lists are paged ({ items | groups, next }): read every page.
   * @template {string} P
   * @param {P} path @param {'items' | 'groups'} [key]
   * @returns {Promise<import('../collector/helpers.mjs').ItemOf<P>[]>}
   */
  const all = async (path, key = 'items') => {
    /** @type {import('../collector/helpers.mjs').ItemOf<P>[]} */
    const list = [];
    /** @type {string | null} */
    let next = null;
    do {
      /** @type {Record<'items' | 'groups', import('../collector/helpers.mjs').ItemOf<P>[]> & { next: string | null }} */
      const page = await fetch(url + path + (next === null ? '' : `?after=${next}`)).then((r) => r.json());
      list.push(...page[key]);
      next = page.next;
    } while (next !== null);
    return list;
  };
  return {
    url,
    errors: () => all('/api/occurrences'),
    events: () => all('/api/events'),
    groups: () => all('/api/errors', 'groups'),
    requests: () => all('/api/requests'),
    posts: async () => (await all('/api/requests')).filter((r) => r.method === 'POST'),
    /** @param {import('../../demo/collector/faults.mjs').FaultSpec} spec */
    faults: (spec) => fetch(url + '/_control/faults', { method: 'POST', body: JSON.stringify(spec) }),
    stop: async () => { await raw?.close(); raw = undefined; },
    restart: async () => { raw ??= await open(port); },
    close: async () => { await raw?.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}



/**
 * A fresh collector, site and browser context (own storage) with a tab in it, for one test;
 * `done` closes all three.
 * @param {import('puppeteer-core').Browser} browser @param {Parameters<typeof startSite>[0]} [siteOptions]
 */
export async function freshTab(browser, siteOptions) {
  const collector = await startCollector();
  const site = await startSite(siteOptions);
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  return { collector, site, context, page, done: async () => { await context.close(); await site.close(); await collector.close(); } };
}

/**
 * sdkPage with the page's markup `body` and its own script file `src` after it (which wires
 * the markup, so every frame of what it raises is the page's own); web vitals and dwell off
 * unless `options` turns them on.
 * @param {string} host @param {string} body @param {string} src @param {Record<string, unknown>} [options]
 */
export const pageWithScript = (host, body, src, options = {}) =>
  sdkPage(host, { webVitals: false, dwell: false, ...options }).replace('<body>', `<body>${body}<script src="${src}"></script>`);

/**
 * One Firefox for a test file: launched before its tests, closed after them, with the file's run
 * time in the closing line.
 * @param {string} name what the file tests
 * @returns {() => import('puppeteer-core').Browser} the browser (once launched)
 */
export function useFirefox(name) {
  const started = Date.now();
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  before(async () => {
    assert.ok(existsSync(FIREFOX), `no Firefox at ${FIREFOX}`);
    assert.ok(existsSync(BUNDLE), `no bundle at ${BUNDLE}: build first`);
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    console.log(`# ${await browser.version()}`);
  });
  after(async () => {
    await browser?.close();
    console.log(`# Firefox ${name} run: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  });
  return () => {
    if (!browser) throw new Error('Firefox is not launched (useFirefox registers a before hook)');
    return browser;
  };
}
