// The async loader (src/loader, dist/loader.min.js) and the three ways to load the SDK, in real
// Chromium against the real collector: what a page sees before the bundle arrives.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, expect, APP } from './support/fixtures';

const dist = new URL(`../../${process.env.TRACELY_OUT || 'dist'}/`, import.meta.url);
const loaderCode = () => readFileSync(new URL('loader.min.js', dist), 'utf8').trim();
const integrity = () => 'sha384-' + createHash('sha384').update(readFileSync(new URL('tracely.min.js', dist))).digest('base64');
/** How long the bundle is held back: every early failure happens before it arrives. */
const BUNDLE_DELAY_MS = 1500;

const loaderTag = (src = '/dist/tracely.min.js', sri = integrity()) => `<script data-src="${src}" data-integrity="${sri}">${loaderCode()}</script>`;

test('the loader: five early failures stored once, in their order and at their own times; calls made before the bundle replayed', async ({ page, site, collector }) => {
  const options = JSON.stringify({ ...APP, host: collector.url, webVitals: false, dwell: false });
  const url = site.page('/loader.html', `<!doctype html><html><head><meta charset="utf-8"><title>loader</title>
${loaderTag()}
<script>
  window.marks = [];
  window.t = new Tracely(${options}).init();
  t.setUser('user-1');
  t.setTag('plan', 'gold');
  t.addBreadcrumb({ message: 'before the bundle' });
  t.reportEvent('click_button', { early: true });
  t.flush(5000).then(function (ok) { window.flushed = ok; });
  Tracely.onReady(function (T) { window.readyWithReal = T === window.Tracely && typeof T.prototype.reportError == 'function'; });
  window.stubBefore = Tracely.toString().indexOf('[native') < 0;
</script>
<script>marks.push(['inline', Date.now()]); throw new Error('inline error');</script>
<script>marks.push(['rejection', Date.now()]); Promise.reject(new Error('early rejection'));</script>
<script>
  document.addEventListener('DOMContentLoaded', function () {
    setTimeout(function () {
      var img = new Image(); img.src = '/missing.png'; img.onerror = function () { marks.push(['img', Date.now()]); }; document.body.appendChild(img);
    }, 400);
    marks.push(['dcl', Date.now()]);
    throw new Error('DOMContentLoaded error');
  });
  setTimeout(function () { marks.push(['timer', Date.now()]); throw new Error('timer error'); }, 200);
</script>
</head><body><p>page</p></body></html>`);
  let bundleAsked = 0;
  await page.route('**/dist/tracely.min.js', async (route) => {
    bundleAsked++;
    await new Promise((r) => setTimeout(r, BUNDLE_DELAY_MS));
    await route.continue();
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 5, 20_000);
  const events = await collector.waitFor(() => collector.events('?eventName=click_button'), (i) => i.length >= 1);
  await page.waitForTimeout(1000);
  const all = await collector.errors();
  expect(bundleAsked).toBe(1);
  // Each failure once, in the order it happened.
  expect(all.map((e) => e.message)).toEqual([
    'Error: inline error',
    'Error: early rejection',
    'Error: DOMContentLoaded error',
    'Error: timer error',
    `${site.origin}/missing.png`,
  ]);
  expect(all.map((e) => e.type)).toEqual(['jsError', 'promiseError', 'jsError', 'jsError', 'resourceError']);
  // Their own times, not the time the bundle arrived.
  const marks: [string, number][] = await page.evaluate(() => (window as any).marks);
  const at = Object.fromEntries(marks);
  for (const [item, mark] of [[all[0], 'inline'], [all[1], 'rejection'], [all[2], 'dcl'], [all[3], 'timer'], [all[4], 'img']] as const) {
    expect(Math.abs(item.time - at[mark])).toBeLessThan(100);
  }
  const loadedAt = at.inline + BUNDLE_DELAY_MS;
  expect(all[3].time).toBeLessThan(loadedAt);
  // The calls made before the bundle arrived, replayed in order.
  expect(all.every((e) => e.userId === 'user-1' && e.tags?.plan === 'gold')).toBe(true);
  expect(all[0].breadcrumbs.some((b: any) => b.message === 'before the bundle')).toBe(true);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ eventName: 'click_button', metadata: { early: true }, userId: 'user-1' });
  const state = await page.evaluate(() => ({ flushed: (window as any).flushed, ready: (window as any).readyWithReal, stub: (window as any).stubBefore, early: 'tracelyEarly' in window }));
  expect(state).toEqual({ flushed: true, ready: true, stub: true, early: false });
  // The page's own errors still reach the page as before (the loader only listens).
  expect(pageErrors.sort()).toEqual(['DOMContentLoaded error', 'early rejection', 'inline error', 'timer error']);
});

test('the loader: a bundle that never arrives (404) costs the page no exception, and every call stays harmless', async ({ page, site, collector }) => {
  const url = site.page('/loader404.html', `<!doctype html><html><head><meta charset="utf-8"><title>404</title>
${loaderTag('/dist/no-such-bundle.js')}
<script>
  window.t = new Tracely(${JSON.stringify({ ...APP, host: collector.url })}).init();
  t.reportError(new Error('manual'), 'before');
  t.flush(1000).then(function (ok) { window.flushed = ok; });
</script></head><body><button id="b">later</button><script>
  document.getElementById('b').onclick = function () {
    t.setUser('x'); t.reportEvent('click_button'); Tracely.captureError({}, new Error('e')); Tracely.onReady(function () { window.ready = true; });
    window.later = [t.init() === t, t.serves('a', 'b'), typeof t.dropped];
  };
</script></body></html>`);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => (window as any).flushed !== undefined);
  await page.click('#b');
  const state = await page.evaluate(() => ({ flushed: (window as any).flushed, later: (window as any).later, ready: (window as any).ready, early: 'tracelyEarly' in window }));
  expect(state).toEqual({ flushed: false, later: [true, false, 'object'], ready: undefined, early: false });
  expect(pageErrors).toEqual([]);
  expect(await collector.requests()).toEqual([]);
});

test('the loader: a wrong integrity hash is a bundle that never arrives (nothing runs, nothing thrown)', async ({ page, site, collector }) => {
  const url = site.page('/loader-sri.html', `<!doctype html><html><head><meta charset="utf-8"><title>sri</title>
${loaderTag('/dist/tracely.min.js', 'sha384-' + 'A'.repeat(64))}
<script>window.t = new Tracely(${JSON.stringify({ ...APP, host: collector.url })}).init(); t.reportEvent('click_button');</script></head><body></body></html>`);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await page.waitForTimeout(1500);
  expect(pageErrors).toEqual([]);
  expect(await page.evaluate(() => typeof (window as any).Tracely.prototype.flush)).toBe('function');
  expect(await collector.requests()).toEqual([]);
});

for (const attribute of ['async', 'defer']) {
  test(`the README's ${attribute} script tag throws nothing, and its onload client reports`, async ({ page, site, collector }) => {
    const options = JSON.stringify({ ...APP, host: collector.url });
    // The README's snippet: the client is made in onload; the page's calls wait for it (window.tracely && ...).
    const url = site.page(`/${attribute}.html`, `<!doctype html><html><head><meta charset="utf-8"><title>${attribute}</title>
<script ${attribute} src="/dist/tracely.min.js" crossorigin="anonymous" onload="window.tracely = new Tracely(${options.replace(/"/g, '&quot;')}).init()"></script>
<script>window.tracely && tracely.reportEvent('click_button');</script>
</head><body><button id="b" onclick="throw new Error('after load')">x</button></body></html>`);
    await page.route('**/dist/tracely.min.js', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => !!(window as any).tracely);
    await page.click('#b');
    const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
    expect(item.message).toBe('Error: after load');
    expect(pageErrors).toEqual(['after load']);
  });
}
