// Privacy controls in a real page against the real collector: beforeSend, ignoreErrors
// (with the browser's own "Script error." and ResizeObserver noise), denyUrls / allowUrls on
// the top frame, extension frames, and configurable sensitive query keys.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './support/fixtures';
import { consentPage, sleep, thrower } from './cmp/page';

test('beforeSend edits, replaces and drops items; a hook that throws leaves the item as built; one it makes larger than the queue is dropped and counted', async ({ page, site, collector }) => {
  const options = `{ beforeSend(item, kind) {
    if (kind === 'event' && item.eventName === 'purchase') { item.metadata.card = '[redacted]'; return; }
    if (kind === 'event' && item.eventName === 'page_view') return null;
    if (kind === 'error' && item.message.includes('drop me')) return false;
    if (kind === 'error' && item.message.includes('replace me')) return { ...item, message: 'replaced', tags: { hook: 'yes' } };
    if (kind === 'error' && item.message.includes('throw')) { item.message = 'half-edited'; throw new Error('bug in the hook'); }
    if (kind === 'error' && item.message.includes('whole store')) return { ...item, store: window.rows };
  } }`;
  const url = site.page('/hook.html', consentPage(collector.url, { options }));
  await page.goto(url);
  await page.evaluate(() => {
    const t = (window as any).tracely;
    // Two million rows whose reads are counted: how far the SDK serialises what the hook returned.
    (window as any).reads = 0;
    (window as any).rows = new Proxy(new Array(2e6).fill('row'), { get: (target, key) => ((window as any).reads++, Reflect.get(target, key)) });
    t.reportEvent('purchase', { card: '4111 1111 1111 1111', amount: 3 });
    t.reportEvent('page_view', {});
    t.reportError(new Error('drop me'));
    t.reportError(new Error('replace me'));
    t.reportError(new Error('throw in the hook'));
    t.reportError(new Error('attach the whole store'));
  });
  await collector.waitFor(() => collector.errors(), (items) => items.length >= 2);
  await collector.waitFor(() => collector.events(), (items) => items.length >= 1);
  await sleep(1500);
  const events = await collector.events();
  expect(events.map((e) => [e.eventName, e.metadata])).toEqual([['purchase', { card: '[redacted]', amount: 3 }]]);
  const messages = (await collector.errors()).map((e) => e.message).sort();
  expect(messages).toEqual(['replaced', 'throw in the hook']);
  expect((await collector.errors()).find((e) => e.message === 'replaced')!.tags).toEqual({ hook: 'yes' });
  // 14 MB of JSON could never be queued (256 KiB): serialised no further than that (about 4
  // characters a row), dropped and counted.
  expect(await page.evaluate(() => (window as any).tracely.dropped)).toEqual({ queue_full: 1 });
  expect(await page.evaluate(() => (window as any).reads)).toBeLessThan(128 * 1024);
});

/** A second origin serving scripts without CORS headers, as a third-party CDN often does. */
async function scriptOrigin(scripts: Record<string, string>): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const body = scripts[(req.url || '/').split('?')[0]];
    res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'text/javascript' });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('default ignoreErrors: a cross-origin "Script error." and the ResizeObserver loop are dropped; real errors are not', async ({ page, site, collector }) => {
  const cdn = await scriptOrigin({ '/widget.js': `document.getElementById('cdn').onclick = function () { throw new Error('secret detail hidden by the browser'); };` });
  try {
    const body = `<button id="cdn">cdn</button><script src="${cdn.origin}/widget.js"></script>
      <div id="box" style="width:100px">box</div><button id="ro">resize</button>
      <script>
        // Growing the observed element inside its own callback: the browser reports the loop.
        document.getElementById('ro').onclick = () => {
          const box = document.getElementById('box');
          new ResizeObserver(() => { box.style.width = (box.offsetWidth + 1) + 'px'; }).observe(box);
        };
      </script>` + thrower('a real error');
    // A page-level listener sees what the browser raised, to show the noise really happened.
    const before = `<script>window.seen = []; addEventListener('error', (e) => seen.push(e.message));</script>`;
    const url = site.page('/noise.html', consentPage(collector.url, { before, body, options: `{ ignoreErrors: ['custom noise', /^regex noise$/] }` }));
    await page.goto(url);
    await page.click('#cdn');
    await page.click('#ro');
    await sleep(500);
    await page.evaluate(() => {
      const t = (window as any).tracely;
      t.reportError(new Error('some custom noise here'));
      t.reportError(new Error('regex noise'));
    });
    await page.click('#boom');
    const seen: string[] = await page.evaluate(() => (window as any).seen);
    expect(seen).toContain('Script error.');
    expect(seen.some((m) => m.startsWith('ResizeObserver loop'))).toBe(true);
    await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
    await sleep(1500);
    expect((await collector.errors()).map((e) => e.message)).toEqual(['Error: a real error']);
  } finally {
    cdn.server.close();
  }
});

test('denyUrls and allowUrls match the top frame; browser-extension frames are denied by default', async ({ page, site, collector }) => {
  // Code whose frames carry another URL, as the browser reports it: `sourceURL` names eval'd code.
  const body = `<script>window.raise = (url, message) => setTimeout(() => eval('(function run() { throw new Error(' + JSON.stringify(message) + '); })()\\n//# sourceURL=' + url));</script>`;
  const deny = site.page('/deny.html', consentPage(collector.url, { body, options: `{ denyUrls: ['ads.example'] }` }));
  await page.goto(deny);
  await page.evaluate(() => {
    const raise = (window as any).raise;
    raise('https://ads.example/banner.js', 'from the ad');
    raise('chrome-extension://abcdefghijklmnop/content.js', 'from an extension');
    raise('moz-extension://1234/content.js', 'from another extension');
    raise(location.origin + '/app.js', 'from the app');
  });
  await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  await sleep(1500);
  const denied = await collector.errors();
  expect(denied.map((e) => e.message)).toEqual(['Error: from the app']);
  expect(denied[0].frames[0].file).toBe(`${site.origin}/app.js`);

  const allow = site.page('/allow.html', consentPage(collector.url, { body, options: `{ allowUrls: [location.origin + '/app'] }` }));
  await page.goto(allow);
  await page.evaluate(() => {
    const raise = (window as any).raise;
    raise('https://cdn.other.example/lib.js', 'from a library');
    raise(location.origin + '/app/main.js', 'from the app again');
  });
  await collector.waitFor(() => collector.errors(), (items) => items.length >= 2);
  await sleep(1500);
  expect((await collector.errors()).map((e) => e.message)).toEqual(['Error: from the app', 'Error: from the app again']);
});

test('sensitiveKeys: the page\'s own keys leave filtered, besides the built-in ones', async ({ page, site, collector }) => {
  const url = site.page('/keys.html', consentPage(collector.url, { options: `{ sensitiveKeys: ['ref', /^utm_/] }`, body: thrower('keys') }));
  await page.goto(url + '?ref=alice&utm_source=mail&token=t0k&q=shoes');
  await page.click('#boom');
  const [error] = await collector.waitFor(() => collector.errors(), (items) => items.length >= 1);
  expect(error.url).toBe(`${site.origin}/keys.html?ref=[Filtered]&utm_source=[Filtered]&token=[Filtered]&q=shoes`);
  expect(JSON.stringify(error)).not.toMatch(/alice|mail|t0k/);
});
