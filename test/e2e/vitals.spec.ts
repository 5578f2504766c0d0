// Web vitals: one `web_vitals` event per page view, sent when the page is hidden or left,
// with LCP, INP, CLS, FCP and TTFB (value and rating), the navigation type and the page.
import { test, expect, sdkPage } from './support/fixtures';
import { hide, launchTabs, serveCacheable, show, sleep } from './support/tabs';

const RATINGS = ['good', 'needs-improvement', 'poor'];
// A large text block (LCP), a slow click handler (INP: real input, a long task), and a
// block inserted above the content after load, without input (CLS).
const BODY = `<h1 style="font-size:64px;margin:0">Largest contentful text, big enough to be the LCP element</h1>
  <button id="slow" style="font-size:24px">slow</button><div id="content" style="height:300px">content</div>
  <script>
    document.getElementById('slow').addEventListener('click', () => { const end = performance.now() + 150; while (performance.now() < end); });
    addEventListener('load', () => setTimeout(() => {
      const shift = document.createElement('div'); shift.style.height = '200px'; shift.textContent = 'late banner';
      document.body.insertBefore(shift, document.body.firstChild);
    }, 300));
  </script>`;

function expectMetrics(metadata: any) {
  for (const name of ['LCP', 'INP', 'CLS', 'FCP', 'TTFB']) {
    expect(metadata[name], name).toEqual({ value: expect.any(Number), rating: expect.any(String) });
    expect(RATINGS).toContain(metadata[name].rating);
    expect(metadata[name].value).toBeGreaterThanOrEqual(0);
  }
  // The slow handler's 150 ms are in INP; the late banner moved the content.
  expect(metadata.INP.value).toBeGreaterThanOrEqual(100);
  expect(metadata.CLS.value).toBeGreaterThan(0);
  expect(metadata.LCP.value).toBeGreaterThan(0);
}

test('leaving the page sends one web_vitals event with all five metrics', async ({ page, site, collector }) => {
  const url = site.page('/vitals.html', sdkPage(collector.url, { options: { dwell: false }, body: BODY }));
  const off = site.page('/off.html', sdkPage(collector.url, { options: { dwell: false, webVitals: false }, body: BODY }));
  await page.goto(url);
  await page.waitForTimeout(800);
  await page.click('#slow');
  await page.mouse.click(5, 5);
  await page.waitForTimeout(1500);
  // Leaving: pagehide comes before visibilitychange here, so the values must already be current.
  await page.goto(off);
  await page.waitForTimeout(800);
  await page.click('#slow');
  await page.goto(site.page('/blank.html', '<!doctype html><title>blank</title>'));
  const [event] = await collector.waitFor(() => collector.events('?eventName=web_vitals'), (e) => e.length >= 1);
  await page.waitForTimeout(1000);
  // One event: the page with webVitals off sent none.
  expect(await collector.events('?eventName=web_vitals')).toHaveLength(1);
  expect(event.page).toBe('/vitals.html');
  expect(event.metadata.page).toBe('/vitals.html');
  expect(event.metadata.navigationType).toBe('navigate');
  expectMetrics(event.metadata);
});

test('hidden twice, one event; a page restored from the back/forward cache is a new page view', async ({ collector }) => {
  const html = sdkPage(collector.url, {
    options: { dwell: false },
    body: BODY + `<script>addEventListener('pageshow', (e) => { window.restored = e.persisted; });</script>`,
  });
  const cacheable = await serveCacheable({ '/v.html': html, '/elsewhere.html': '<!doctype html><title>elsewhere</title>' });
  const browser = await launchTabs();
  const events = () => collector.events('?eventName=web_vitals');
  try {
    const page = await browser.newPage();
    await page.goto(cacheable.origin + '/v.html');
    await sleep(800);
    await page.click('#slow');
    await sleep(1500);
    let other = await hide(page);
    const [first] = await collector.waitFor(events, (e) => e.length >= 1);
    expect(first.metadata.navigationType).toBe('navigate');
    expectMetrics(first.metadata);
    // Visible again, more input, hidden again: still the same page view, nothing more is sent.
    await show(page);
    await page.click('#slow');
    await sleep(1000);
    await other.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'hidden');
    await sleep(1500);
    expect(await events()).toHaveLength(1);
    await other.close();
    await show(page);
    // Away and back through the back/forward cache: a new page view, its own event.
    await page.goto(cacheable.origin + '/elsewhere.html');
    await page.goBack({ waitUntil: 'load' }).catch(() => undefined);
    await page.waitForFunction(() => (window as any).restored !== undefined);
    expect(await page.evaluate(() => (window as any).restored)).toBe(true);
    await sleep(1000);
    await page.click('#slow');
    await sleep(1000);
    other = await hide(page);
    const all = await collector.waitFor(events, (e) => e.length >= 2);
    expect(all).toHaveLength(2);
    expect(all[1].metadata.navigationType).toBe('back-forward-cache');
    expect(all[1].metadata.page).toBe('/v.html');
  } finally {
    await browser.close();
    await cacheable.close();
  }
});
