// Front end to back end: the page's requests to a target carry W3C trace context, and a
// request that fails leads to a stored report whose trace id is the back end's trace (the
// server is traced with the OpenTelemetry SDK, spans in memory). The page takes the npm build
// (dist/index.mjs) as an app does: Client with breadcrumbs() and traceContext().
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test, expect, APP } from './support/fixtures';

const API_SCRIPT = fileURLToPath(new URL('./support/traced-api.cjs', import.meta.url));

interface Api {
  origin: string;
  get(path: string): Promise<any>;
  stop(): void;
}

/** Starts the traced back end on `host` (a hostname other than the page's: another origin). */
async function startApi(host: string): Promise<Api> {
  const child: ChildProcess = spawn(process.execPath, [API_SCRIPT, host], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`traced api exited ${code}`)));
  });
  const origin = `http://${host}:${JSON.parse(line).port}`;
  return { origin, get: async (path) => (await fetch(origin + path)).json(), stop: () => child.kill() };
}

function tracedPage(collectorUrl: string, api: string, other: string, extra: object = {}): string {
  const options = JSON.stringify({ ...APP, host: collectorUrl, debug: true, ...extra });
  return `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script type="importmap">{"imports":{"web-vitals":"/node_modules/web-vitals/dist/web-vitals.js"}}</script>
<script type="module">
import { Client, breadcrumbs, traceContext } from '/dist/index.mjs';
window.t = new Client(${options}, [breadcrumbs(), traceContext({ tracePropagationTargets: [${JSON.stringify(api)}] })]).init();
const api = ${JSON.stringify(api)};
const other = ${JSON.stringify(other)};
// The page's own handling: an XHR whose failure its onload turns into an error.
window.xhrFail = () => new Promise((done) => {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', api + '/api/fail');
  xhr.onload = () => { setTimeout(done, 0); if (xhr.status >= 500) throw new Error('orders failed: ' + xhr.status); };
  xhr.send();
});
// A fetch the page leaves unhandled, to a server that hangs up.
window.fetchHangup = () => { fetch(api + '/api/hangup'); };
window.fetchOther = () => fetch(other + '/api/ok').then((r) => r.status);
window.fetchOwnHeader = () => fetch(api + '/api/ok', { headers: { traceparent: '00-11111111111111111111111111111111-2222222222222222-01' } }).then((r) => r.status);
window.fetchRequest = () => { const r = new Request(api + '/api/ok', { headers: { 'Content-Type': 'text/plain' } }); return fetch(r).then((res) => [res.status, r.headers.has('traceparent')]); };
// Not tied (README: the rule): an error thrown in a .then on a fetch response, and one with no request at all.
window.fetchThenThrow = () => { fetch(api + '/api/fail').then((r) => { throw new Error('then failed: ' + r.status); }); };
window.plainError = () => setTimeout(() => { throw new Error('no request'); });
window.ready = true;
</script></head><body></body></html>`;
}

let api: Api;
let other: Api;
test.beforeAll(async () => {
  // The page is on 127.0.0.1 and the collector on localhost: the API is a third origin.
  api = await startApi('127.0.0.2');
  other = await startApi('127.0.0.3');
});
test.afterAll(() => {
  api?.stop();
  other?.stop();
});

test('a failed request leads to a report whose trace id is the back end trace, and its span id the server span parent', async ({ page, site, collector, consoleErrors }) => {
  await page.goto(site.page('/traced.html', tracedPage(collector.url, api.origin, other.origin)));
  await page.waitForFunction(() => (window as any).ready);
  await page.evaluate(() => (window as any).xhrFail());
  await page.evaluate(() => (window as any).fetchHangup());
  const errors = await collector.waitFor(() => collector.errors(), (list) => list.length >= 2);
  // The GET spans: each preflight (OPTIONS) is a span of its own, with no traceparent to continue.
  const spans: any[] = (await api.get('/_spans')).filter((s: any) => s.name == 'GET');

  const xhrError = errors.find((e) => e.type == 'jsError');
  const failSpan = spans.find((s) => s.target == '/api/fail');
  expect(xhrError?.message).toContain('orders failed: 500');
  expect(failSpan).toBeTruthy();
  expect(xhrError!.traceId).toBe(failSpan.traceId);
  expect(xhrError!.spanId).toBe(failSpan.parentSpanId);
  // The sampled flag follows the session's sampling (sampleRate 1: sampled), and the server kept it.
  expect(failSpan.sampled).toBe(true);

  const fetchError = errors.find((e) => e.type == 'promiseError');
  const hangupSpan = spans.find((s) => s.target == '/api/hangup');
  expect(fetchError?.message).toMatch(/Failed to fetch/);
  expect(fetchError!.traceId).toBe(hangupSpan.traceId);
  expect(fetchError!.spanId).toBe(hangupSpan.parentSpanId);

  // The http breadcrumbs carry the same ids.
  const crumbs = fetchError!.breadcrumbs.filter((c: any) => c.type == 'http');
  const failCrumb = crumbs.find((c: any) => c.data.url.endsWith('/api/fail'));
  expect(failCrumb.data).toMatchObject({ status: 500, traceId: failSpan.traceId, spanId: failSpan.parentSpanId });
  expect(crumbs.find((c: any) => c.data.url.endsWith('/api/hangup')).data).toMatchObject({ traceId: hangupSpan.traceId, failed: true });
  // No part failed to install and nothing of the SDK's was swallowed (debug on: it would say so).
  expect(consoleErrors.filter((m) => /swallowed|not installed/.test(m))).toEqual([]);
});

test('a non-target origin gets no header and no preflight; a traceparent the page set is kept; a Request is not changed', async ({ page, site, collector }) => {
  await page.goto(site.page('/traced.html', tracedPage(collector.url, api.origin, other.origin)));
  await page.waitForFunction(() => (window as any).ready);
  expect(await page.evaluate(() => (window as any).fetchOther())).toBe(200);
  const seenOther: any[] = await other.get('/_seen');
  expect(seenOther).toEqual([{ method: 'GET', path: '/api/ok', traceparent: null }]);

  expect(await page.evaluate(() => (window as any).fetchOwnHeader())).toBe(200);
  expect(await page.evaluate(() => (window as any).fetchRequest())).toEqual([200, false]);
  const seen: any[] = await api.get('/_seen');
  const gets = seen.filter((r) => r.method == 'GET' && r.path == '/api/ok');
  expect(gets.map((r) => r.traceparent)).toEqual(['00-11111111111111111111111111111111-2222222222222222-01', expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)]);
  // A target on another origin is preflighted (the README says what to allow).
  expect(seen.some((r) => r.method == 'OPTIONS')).toBe(true);
});

/** The page's own code, run with and without the SDK: what it records with obs() must be the same. */
const OBSERVING_PAGE = `
const seen = [];
// A library's wrapper of setRequestHeader, installed before the SDK: it must see the page's calls only.
const own = XMLHttpRequest.prototype.setRequestHeader;
XMLHttpRequest.prototype.setRequestHeader = function (name, value) { seen.push(name); return own.call(this, name, value); };
window.observe = async () => {
  const obs = [];
  obs.push(fetch.name, fetch.length, String(fetch).includes('[native code]'));
  const init = { method: 'POST', body: 'x', headers: { 'X-Page': '1' } };
  const frozenHeaders = Object.freeze([['X-Page', '2']]);
  obs.push((await fetch('/missing', init)).status, JSON.stringify(init), Object.keys(init).join());
  obs.push((await fetch('/missing', { headers: frozenHeaders })).status, JSON.stringify(frozenHeaders));
  const headers = new Headers({ 'X-Page': '3' });
  await fetch('/missing', { headers });
  obs.push([...headers].join(';'));
  const request = new Request('/missing', { method: 'PUT', body: 'b', headers: { 'X-Page': '4' } });
  const res = await fetch(request);
  obs.push(res.status, [...request.headers].join(';'), request.bodyUsed, request.referrer);
  const inherited = Object.create({ method: 'DELETE' });
  obs.push((await fetch('/missing', inherited)).status, Object.keys(inherited).length);
  const xhr = new XMLHttpRequest();
  const states = [];
  xhr.onreadystatechange = () => states.push(xhr.readyState);
  await new Promise((done) => { xhr.onloadend = done; xhr.open('GET', '/missing'); xhr.setRequestHeader('X-Page', '5'); xhr.send(); });
  obs.push(xhr.status, states.join(), seen.join());
  // A rejection the page leaves unhandled still reaches its own listener.
  const unhandled = new Promise((resolve) => addEventListener('unhandledrejection', (e) => resolve(e.reason && e.reason.name), { once: true }));
  fetch('http://127.0.0.1:1/refused');
  obs.push(await unhandled);
  return obs;
};
window.ready = true;
`;

test('the page observes the same with the trace-context part as without the SDK', async ({ page, site, collector }) => {
  const run = async (withSdk: boolean) => {
    const sdk = withSdk
      ? `import { Client, breadcrumbs, traceContext } from '/dist/index.mjs';
         window.t = new Client(${JSON.stringify({ ...APP, host: collector.url })}, [breadcrumbs(), traceContext()]).init();
         await new Promise((r) => setTimeout(r, 300));`
      : '';
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script type="importmap">{"imports":{"web-vitals":"/node_modules/web-vitals/dist/web-vitals.js"}}</script>
<script type="module">${sdk}${OBSERVING_PAGE}</script></head><body></body></html>`;
    await page.goto(site.page(`/observe-${withSdk}.html`, html));
    await page.waitForFunction(() => (window as any).ready);
    return page.evaluate(() => (window as any).observe());
  };
  const without = await run(false);
  const withSdk = await run(true);
  expect(withSdk).toEqual(without);
  // And the part was really at work: the page's own-origin requests carried a traceparent.
  await page.evaluate(() => (window as any).t.reportError(new Error('after')));
  const [report] = await collector.waitFor(() => collector.errors(), (list) => list.length > 0);
  const crumbs = report.breadcrumbs.filter((c: any) => c.type == 'http' && c.data.url.endsWith('/missing'));
  expect(crumbs.length).toBeGreaterThanOrEqual(5);
  for (const c of crumbs) expect(c.data.traceId).toMatch(/^[0-9a-f]{32}$/);
});

test('a session whose errors are sampled out sends the flag 00, and the back end records no span of it', async ({ page, site, collector }) => {
  await page.goto(site.page('/unsampled.html', tracedPage(collector.url, api.origin, other.origin, { sampleRate: 0 })));
  await page.waitForFunction(() => (window as any).ready);
  expect(await page.evaluate(() => (window as any).fetchRequest())).toEqual([200, false]);
  const seen: any[] = await api.get('/_seen');
  const header = seen.filter((r) => r.method == 'GET').pop().traceparent as string;
  expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  // The back end's parent-based sampler follows the flag: no span of that trace is kept.
  const spans: any[] = await api.get('/_spans');
  expect(spans.filter((s) => s.traceId == header.split('-')[1])).toEqual([]);
});

test('errors outside the rule carry no trace id: a throw in a fetch .then, and an error with no request', async ({ page, site, collector }) => {
  await page.goto(site.page('/untied.html', tracedPage(collector.url, api.origin, other.origin)));
  await page.waitForFunction(() => (window as any).ready);
  await page.evaluate(() => (window as any).fetchThenThrow());
  await page.evaluate(() => (window as any).plainError());
  const errors = await collector.waitFor(() => collector.errors(), (list) => list.length >= 2);
  const thenError = errors.find((e) => /then failed/.test(e.message))!;
  const plain = errors.find((e) => /no request/.test(e.message))!;
  expect(thenError.traceId).toBeUndefined();
  expect(plain.traceId).toBeUndefined();
  // The request's breadcrumb still leads to its trace.
  const crumb = thenError.breadcrumbs.find((c: any) => c.type == 'http' && c.data.url.endsWith('/api/fail'));
  expect(crumb.data.traceId).toMatch(/^[0-9a-f]{32}$/);
});
