// The OTLP dialect in Chromium against a receiver that decodes every body with the official
// opentelemetry-proto schema: errors and events as log records, page exit, an outage with
// Retry-After, a partial success counted as drops, static auth headers. The pages give no
// appSecret: the OTLP dialect signs nothing, so it needs none.
import type { Page } from '@playwright/test';
import { test, expect, APP, leave, PACKAGE_VERSION } from './support/fixtures';
import { startOtlpReceiver, type OtlpReceiver } from './support/otlp-receiver';

let receiver: OtlpReceiver;
test.beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
test.afterEach(() => receiver.close());

/** Records the page's console warnings in `window.warnings` (the SDK's own say what is wrong with its options). */
const RECORD_WARNINGS = `window.warnings = [];
const warn = console.warn;
console.warn = (...args) => { window.warnings.push(args.join(' ')); warn.apply(console, args); };`;

function otlpPage(host: string): string {
  const options = JSON.stringify({ appId: APP.appId, host, release: '3.1.0', environment: 'staging', maxAttempts: 20 });
  return `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script type="importmap">{"imports":{"web-vitals":"/node_modules/web-vitals/dist/web-vitals.js"}}</script>
<script type="module">
${RECORD_WARNINGS}
import { Client, otlpDialect } from '/dist/index.mjs';
window.t = new Client({ ...${options}, dialect: otlpDialect({ headers: { Authorization: 'Bearer test-key' }, batchDelayMs: 200 }) }).init();
window.ready = true;
</script></head><body></body></html>`;
}

const until = async (check: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
};

test('errors and events arrive as OTLP log records with exception and event attributes', async ({ page, site }) => {
  await page.goto(site.page('/otlp.html', otlpPage(receiver.url)));
  await page.waitForFunction(() => (window as any).ready);
  await page.evaluate(() => {
    setTimeout(() => {
      throw new RangeError('out of range');
    });
    (window as any).t.reportEvent('purchase', { amount: 42 });
  });
  await until(() => receiver.records.length >= 2);
  expect(receiver.posts.every((p) => p.status == 200)).toBe(true);
  expect(receiver.posts[0].headers.authorization).toBe('Bearer test-key');
  const error = receiver.records.find((r) => r.record.severityText == 'ERROR')!;
  expect(error.resource).toMatchObject({ 'service.name': APP.appId, 'service.version': '3.1.0', 'deployment.environment.name': 'staging' });
  expect(String(error.resource['user_agent.original'])).toContain('Chrome');
  expect(error.resource['browser.platform']).toBe('Linux');
  expect(error.resource['browser.mobile']).toBe(false);
  expect(error.resource).toMatchObject({ 'telemetry.sdk.name': '@tracely/browser', 'telemetry.sdk.language': 'webjs', 'telemetry.sdk.version': PACKAGE_VERSION });
  expect(error.attributes).toMatchObject({ 'exception.type': 'RangeError', 'exception.message': expect.stringContaining('out of range'), 'tracely.type': 'jsError' });
  expect(String(error.attributes['exception.stacktrace'])).toContain('RangeError');
  expect(JSON.parse(String(error.attributes['tracely.frames'])).length).toBeGreaterThan(0);
  const event = receiver.records.find((r) => r.attributes['event.name'] == 'purchase')!;
  expect(event.record).toMatchObject({ severityNumber: 9, body: { stringValue: 'purchase' } });
  // No appSecret given, and nothing to say about it.
  expect(await page.evaluate(() => (window as any).warnings)).toEqual([]);
});

test('an outage is retried after Retry-After, a page exit sends with keepalive, and a partial success counts drops', async ({ page, site }) => {
  await page.goto(site.page('/otlp.html', otlpPage(receiver.url)));
  await page.waitForFunction(() => (window as any).ready);
  receiver.outage = true;
  await page.evaluate(() => (window as any).t.reportEvent('during_outage'));
  await until(() => receiver.posts.length >= 1);
  expect(receiver.posts[0].status).toBe(503);
  receiver.outage = false;
  await until(() => receiver.records.some((r) => r.attributes['event.name'] == 'during_outage'));
  expect(receiver.records.filter((r) => r.attributes['event.name'] == 'during_outage')).toHaveLength(1);

  receiver.reject = 1;
  await page.evaluate(() => (window as any).t.reportEvent('refused_one'));
  await until(() => receiver.records.some((r) => r.attributes['event.name'] == 'refused_one'));
  await expect.poll(() => page.evaluate(() => (window as any).t.dropped.rejected)).toBe(1);
  receiver.reject = 0;

  // Page exit: queued and not yet sent (the batch waits 200 ms) when the page goes away.
  await page.evaluate(() => (window as any).t.reportEvent('at_exit'));
  await leave(page);
  await until(() => receiver.records.some((r) => r.attributes['event.name'] == 'at_exit'));
  expect(receiver.records.some((r) => r.attributes['event.name'] == 'at_exit')).toBe(true);
  expect(receiver.posts.filter((p) => p.invalid)).toEqual([]);
});

test('what a page exit during an outage leaves is spooled and sent by the next page', async ({ page, site }) => {
  const url = site.page('/otlp.html', otlpPage(receiver.url));
  await page.goto(url);
  await page.waitForFunction(() => (window as any).ready);
  receiver.outage = true;
  await page.evaluate(() => (window as any).t.reportEvent('spooled'));
  await until(() => receiver.posts.length >= 1);
  // Left while the server fails: kept in storage, not sent into the outage.
  await page.goto('about:blank');
  receiver.outage = false;
  await page.goto(url);
  await until(() => receiver.records.some((r) => r.attributes['event.name'] == 'spooled'));
  expect(receiver.records.filter((r) => r.attributes['event.name'] == 'spooled')).toHaveLength(1);
});

/** A script-tag page: `bundle` is tracely.min.js or tracely.otel.min.js; a same-origin request right after init(). No appSecret unless `extra` has one. */
function scriptTagPage(bundle: string, host: string, extra: object = {}): string {
  const options = JSON.stringify({ appId: APP.appId, host, dialect: 'otlp', otlpHeaders: { Authorization: 'Bearer tag-key' }, batchDelayMs: 200, ...extra });
  return `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script src="/dist/${bundle}"></script>
<script>
${RECORD_WARNINGS}
window.t = new Tracely(${options}).init();
fetch('/dist/loader.min.js?first');
setTimeout(() => { throw new TypeError('from the tag'); });
</script></head><body></body></html>`;
}

test("the OpenTelemetry script tag takes dialect: 'otlp' and traces the page's first request; the default tag has neither", async ({ page, site }) => {
  const first = page.waitForRequest((r) => r.url().includes('/dist/loader.min.js?first'));
  await page.goto(site.page('/otel-tag.html', scriptTagPage('tracely.otel.min.js', receiver.url)));
  // Trace context installs at init, not in the idle period: the request made right after it is traced.
  expect((await first).headers().traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  await until(() => receiver.records.some((r) => r.attributes['exception.type'] == 'TypeError'));
  const error = receiver.records.find((r) => r.attributes['exception.type'] == 'TypeError')!;
  expect(error.resource['service.name']).toBe(APP.appId);
  expect(receiver.posts[0].headers.authorization).toBe('Bearer tag-key');
  expect(await page.evaluate(() => (window as any).warnings)).toEqual([]);

  // The default script tag: no OTLP dialect in it (a warning, the stock dialect), no trace context.
  const plain = await page.context().newPage();
  const firstPlain = plain.waitForRequest((r) => r.url().includes('/dist/loader.min.js?first'));
  const sent = requestsTo(plain, receiver.url);
  await plain.goto(site.page('/plain-tag.html', scriptTagPage('tracely.min.js', receiver.url, { appSecret: APP.appSecret })));
  expect((await firstPlain).headers().traceparent).toBeUndefined();
  await expect.poll(() => sent.length).toBeGreaterThan(0);
  expect(await plain.evaluate(() => (window as any).warnings)).toEqual(['[Tracely] no dialect "otlp" in this bundle; using stock']);
  expect(receiver.records.filter((r) => r.attributes['exception.type'] == 'TypeError')).toHaveLength(1);
});

test("without an appSecret the default script tag, whose stock dialect signs, stays off and says why", async ({ page, site }) => {
  const sent = requestsTo(page, receiver.url);
  await page.goto(site.page('/plain-tag.html', scriptTagPage('tracely.min.js', receiver.url)));
  // The same page with a secret sends its TypeError at once (the test above); this one sends nothing.
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => (window as any).warnings)).toEqual(['[Tracely] no dialect "otlp" in this bundle; using stock', '[Tracely] disabled: appSecret is missing']);
  expect(sent).toEqual([]);
});

/** The URLs of the requests `page` makes to `origin`, as they start. */
function requestsTo(page: Page, origin: string): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(origin)) urls.push(r.url());
  });
  return urls;
}
