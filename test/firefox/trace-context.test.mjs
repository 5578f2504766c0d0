// Trace context in Firefox ESR, driven by puppeteer-core over WebDriver BiDi: the same traced
// back end (OpenTelemetry SDK, spans in memory) and the same collector as the Chromium test
// (test/e2e/trace-context.spec.ts); the page takes the npm build (dist/index.mjs).
//
//   TRACELY_OUT=dist node --test test/firefox/        (FIREFOX_PATH overrides /usr/bin/firefox-esr)
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createCollector } from '../../demo/collector/server.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const OUT = process.env.TRACELY_OUT || 'dist';
const API_SCRIPT = fileURLToPath(new URL('../e2e/support/traced-api.cjs', import.meta.url));
const APP = { appId: 'test-app', appSecret: 'test-secret' };
/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The traced back end on `host`. @param {string} host */
async function startApi(host) {
  const child = spawn(process.execPath, [API_SCRIPT, host], { stdio: ['ignore', 'pipe', 'inherit'] });
  /** @type {string} */
  const line = await new Promise((resolve) => createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).once('line', resolve));
  const origin = `http://${host}:${JSON.parse(line).port}`;
  return {
    origin,
    /** @param {string} path @returns {Promise<any[]>} */
    get: async (path) => (await fetch(origin + path)).json(),
    stop: () => child.kill(),
  };
}

/** The page's origin (127.0.0.1): the npm build, web-vitals for its import map, and the page. @param {string} html */
async function startSite(html) {
  const files = {
    '/dist/index.mjs': readFileSync(join(OUT, 'index.mjs')),
    '/node_modules/web-vitals/dist/web-vitals.js': readFileSync('node_modules/web-vitals/dist/web-vitals.js'),
  };
  const server = createServer((req, res) => {
    const path = /** @type {keyof typeof files | '/page.html'} */ ((req.url || '/').split('?')[0]);
    if (path === '/page.html') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    if (files[path]) return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(files[path]);
    res.writeHead(404).end();
  });
  await /** @type {Promise<void>} */ (new Promise((ok) => server.listen(0, '127.0.0.1', ok)));
  return {
    url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/page.html`,
    close: () => /** @type {Promise<void>} */ (new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); })),
  };
}

/** @param {string} host @param {string} api @param {string} other */
const page = (host, api, other) => `<!doctype html><meta charset="utf-8"><title>t</title>
<script type="importmap">{"imports":{"web-vitals":"/node_modules/web-vitals/dist/web-vitals.js"}}</script>
<script type="module">
import { Client, breadcrumbs, traceContext } from '/dist/index.mjs';
window.t = new Client(${JSON.stringify({ ...APP, host })}, [breadcrumbs(), traceContext({ tracePropagationTargets: [${JSON.stringify(api)}] })]).init();
window.xhrFail = () => new Promise((done) => {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', ${JSON.stringify(api)} + '/api/fail');
  xhr.onload = () => { setTimeout(done, 0); throw new Error('orders failed: ' + xhr.status); };
  xhr.send();
});
window.fetchHangup = () => { fetch(${JSON.stringify(api)} + '/api/hangup'); };
window.fetchOther = () => fetch(${JSON.stringify(other)} + '/api/ok').then((r) => r.status);
window.ready = true;
</script>`;

/** @type {import('puppeteer-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startApi>>} */
let api;
/** @type {Awaited<ReturnType<typeof startApi>>} */
let other;
before(async () => {
  assert.ok(existsSync(FIREFOX), `no Firefox at ${FIREFOX}`);
  assert.ok(existsSync(join(OUT, 'index.mjs')), `no build at ${OUT}: build first`);
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  api = await startApi('127.0.0.2');
  other = await startApi('127.0.0.3');
});
after(async () => {
  await browser?.close();
  api?.stop();
  other?.stop();
});

it('Firefox ESR: a failed request leads to a report with the back end trace id and the server span parent; other origins get no header', async () => {
  const collector = await createCollector({ dbPath: ':memory:', port: 0, host: 'localhost', quiet: true });
  const site = await startSite(page(collector.url, api.origin, other.origin));
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.goto(site.url);
    await tab.waitForFunction(() => /** @type {any} */ (window).ready);
    await tab.evaluate(() => /** @type {any} */ (window).xhrFail());
    await tab.evaluate(() => /** @type {any} */ (window).fetchHangup());
    assert.equal(await tab.evaluate(() => /** @type {any} */ (window).fetchOther()), 200);
    /** @type {any[]} */
    let errors = [];
    for (let end = Date.now() + 15_000; errors.length < 2 && Date.now() < end; await sleep(100)) {
      errors = (await (await fetch(collector.url + '/api/occurrences')).json()).items;
    }
    const spans = (await api.get('/_spans')).filter((s) => s.name === 'GET');
    const failSpan = spans.find((s) => s.target === '/api/fail');
    const hangupSpan = spans.find((s) => s.target === '/api/hangup');
    const xhrError = errors.find((e) => e.type === 'jsError');
    const fetchError = errors.find((e) => e.type === 'promiseError');
    assert.ok(failSpan && hangupSpan && xhrError && fetchError, JSON.stringify({ spans, errors }));
    assert.equal(xhrError.traceId, failSpan.traceId);
    assert.equal(xhrError.spanId, failSpan.parentSpanId);
    assert.equal(fetchError.traceId, hangupSpan.traceId);
    assert.equal(fetchError.spanId, hangupSpan.parentSpanId);
    assert.deepEqual(await other.get('/_seen'), [{ method: 'GET', path: '/api/ok', traceparent: null }]);
  } finally {
    await context.close();
    await site.close();
    await collector.close();
  }
});
