// Dwell time (`_active`) under real visibility changes: a second tab brought to the front
// hides the page (puppeteer-core on the same Chromium; see support/tabs.ts).
import { test, expect, sdkPage } from './support/fixtures';
import { hide, launchTabs, serveCacheable, show, sleep } from './support/tabs';

/**
 * Whole seconds (rounded up) since `start`: the most a page opened then can have been visible.
 * Switching tabs and navigating take part of it, more on a loaded machine, so the tests bound
 * the counts by what the clock says rather than by the sleeps alone.
 */
const secondsSince = (start: number) => Math.ceil((Date.now() - start) / 1000);

const actives = (collector: { events(q?: string): Promise<any[]> }) => collector.events('?eventName=_active');

test('only foreground time counts, and hidden-then-closed sends each second once', async ({ site, collector }) => {
  const url = site.page('/dwell.html', sdkPage(collector.url, { options: { webVitals: false } }));
  const browser = await launchTabs();
  try {
    const page = await browser.newPage();
    const opened = Date.now();
    await page.goto(url);
    await sleep(2500);
    const other = await hide(page);
    let visibleMs = Date.now() - opened;
    // Hidden for longer than it was ever visible: counted, it would dominate the total.
    await sleep(4000);
    const first = await collector.waitFor(() => actives(collector), (e) => e.length >= 1);
    expect(first).toHaveLength(1);
    const shown = Date.now();
    await show(page);
    await sleep(1500);
    await other.bringToFront();
    await page.waitForFunction(() => document.visibilityState === 'hidden');
    visibleMs += Date.now() - shown;
    // Hidden, then closed: pagehide follows visibilitychange and must not send the time again.
    const uid = await page.evaluate(() => localStorage.getItem('_tracely_uid'));
    await page.close();
    await sleep(1000);
    const events = await collector.waitFor(() => actives(collector), (e) => e.length >= 2);
    await sleep(1000);
    const all = await actives(collector);
    expect(all).toHaveLength(2);
    for (const e of all) {
      expect(e.metadata.page).toBe('/dwell.html');
      expect(e.page).toBe('/dwell.html');
      expect(Number.isInteger(e.metadata.duration)).toBe(true);
      expect(e.metadata.duration).toBeGreaterThanOrEqual(1);
      expect(e.userId).toBe(uid);
    }
    // About 4 s visible (2.5 + 1.5, plus the tab switching, bounded by the clock); the 4 s hidden are not in it.
    const total = events.reduce((sum, e) => sum + e.metadata.duration, 0);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(total).toBeLessThanOrEqual(Math.ceil(visibleMs / 1000));
    expect(all[0].metadata.duration).toBeGreaterThanOrEqual(2);
  } finally {
    await browser.close();
  }
});

test('sub-second remainders are carried, never sent alone as 0', async ({ site, collector }) => {
  const url = site.page('/short.html', sdkPage(collector.url, { options: { webVitals: false } }));
  const browser = await launchTabs();
  try {
    const page = await browser.newPage();
    const opened = Date.now();
    await page.goto(url);
    // Three short looks of about 0.4 s each: no single one reaches a second.
    let other = await hide(page);
    for (let i = 0; i < 3; i++) {
      await show(page);
      await sleep(400);
      await other.bringToFront();
      await page.waitForFunction(() => document.visibilityState === 'hidden');
    }
    await show(page);
    await sleep(300);
    other = await hide(page);
    // No more than it was open: switching tabs took 4 s in all with four workers, 2.5 s alone.
    const open = secondsSince(opened);
    await sleep(1000);
    const all = await actives(collector);
    // Whatever was sent is whole seconds, at least one each; the rest waits for more time.
    for (const e of all) expect(e.metadata.duration).toBeGreaterThanOrEqual(1);
    const sent = all.reduce((sum, e) => sum + e.metadata.duration, 0);
    // Visible for about 1.5-2.5 s in pieces under a second: carried, they add up to at least one.
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(open);
  } finally {
    await browser.close();
  }
});

test('a page restored from the back/forward cache starts a new count', async ({ collector }) => {
  const html = sdkPage(collector.url, {
    options: { webVitals: false },
    script: `addEventListener('pageshow', (e) => { window.restored = e.persisted; });`,
  });
  const cacheable = await serveCacheable({ '/kept.html': html, '/elsewhere.html': '<!doctype html><title>elsewhere</title>' });
  const browser = await launchTabs();
  try {
    const page = await browser.newPage();
    const opened = Date.now();
    await page.goto(cacheable.origin + '/kept.html');
    await sleep(1500);
    await page.goto(cacheable.origin + '/elsewhere.html');
    const firstVisit = secondsSince(opened);
    const left = await collector.waitFor(() => actives(collector), (e) => e.length >= 1);
    expect(left).toHaveLength(1);
    expect(left[0].metadata.page).toBe('/kept.html');
    expect(left[0].metadata.duration).toBeGreaterThanOrEqual(1);
    expect(left[0].metadata.duration).toBeLessThanOrEqual(firstVisit);
    // Four seconds on another page while this one waits in the cache.
    await sleep(4000);
    const back = Date.now();
    await page.goBack({ waitUntil: 'load' }).catch(() => undefined);
    await page.waitForFunction(() => (window as any).restored !== undefined);
    expect(await page.evaluate(() => (window as any).restored)).toBe(true);
    await sleep(2200);
    await hide(page);
    const secondVisit = secondsSince(back);
    const all = await collector.waitFor(() => actives(collector), (e) => e.length >= 2);
    expect(all).toHaveLength(2);
    // The restored visit's own time: neither the 4 s in the cache nor a second count of the first visit.
    expect(all[1].metadata.page).toBe('/kept.html');
    expect(all[1].metadata.duration).toBeGreaterThanOrEqual(2);
    expect(all[1].metadata.duration).toBeLessThanOrEqual(secondVisit);
  } finally {
    await browser.close();
    await cacheable.close();
  }
});

test('a prerendered page counts from its activation, not from its load', async ({ site, collector }) => {
  // The page says when it is activated, through the SDK itself (page_view: one of the collector's
  // whitelisted events): `prerenderingchange` fires only in a page that was prerendered, so the
  // event also proves the prerender happened.
  const activated = `document.addEventListener('prerenderingchange', () => { t.reportEvent('page_view', { activated: true }); t.flush(); });`;
  site.page('/pre.html', sdkPage(collector.url, { options: { webVitals: false }, script: activated }));
  const start = site.page('/start.html', `<!doctype html><script type="speculationrules">{"prerender":[{"source":"list","urls":["/pre.html"]}]}</script><a id="go" href="/pre.html">go</a>`);
  const browser = await launchTabs();
  try {
    const page = await browser.newPage();
    await page.goto(start);
    // The SDK is loaded and running in the prerendered page for these 4 s, unseen.
    await sleep(4000);
    const clicked = Date.now();
    await page.click('#go');
    // Nothing below goes through \`page\`: activation swaps the tab to the prerendered page, and
    // puppeteer-core waits only 100 ms for that swap (TIME_FOR_WAITING_FOR_SWAP in its
    // cdp/FrameManager.js); on a loaded CI machine it came later, the Page lost its main frame and
    // never answered again. The collector and a new tab need no handle on the activated page.
    const [flag] = await collector.waitFor(() => collector.events('?eventName=page_view'), (e) => e.length >= 1);
    expect(flag?.metadata).toEqual({ activated: true });
    expect(await actives(collector)).toHaveLength(0);
    await sleep(1500);
    const other = await browser.newPage();
    await other.bringToFront();
    // Brought to the front: the activated page is hidden by now (its _active is on the way).
    const activeAtMost = secondsSince(clicked);
    const [event] = await collector.waitFor(() => actives(collector), (e) => e.length >= 1);
    expect(event.metadata.page).toBe('/pre.html');
    expect(event.metadata.duration).toBeGreaterThanOrEqual(1);
    // Counted from the load, the 4 s of prerendering would be in it.
    expect(event.metadata.duration).toBeLessThanOrEqual(activeAtMost);
  } finally {
    await browser.close();
  }
});
