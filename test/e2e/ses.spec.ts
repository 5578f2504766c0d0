// The SDK on a page that runs SES's lockdown() (hardened JavaScript: every intrinsic frozen,
// Error stacks tamed, the console replaced by a frozen one), in real Chromium: lockdown before
// the script tag, before an npm-style module page, and after init() once every part installed.
import { test, expect, APP, type CollectorClient } from './support/fixtures';
import { hide, launchTabs, sleep } from './support/tabs';

const SES = '/node_modules/ses/dist/ses.umd.js';
type Way = 'lockdown, then the script tag' | 'lockdown, then the npm module' | 'the script tag, init(), then lockdown';
const WAYS: Way[] = ['lockdown, then the script tag', 'lockdown, then the npm module', 'the script tag, init(), then lockdown'];

/** The page's own code, run by the test once lockdown() and the SDK are both in place. */
const PAGE_CODE = `
  window.run = () => {
    document.getElementById('b').click();
    console.error('page logs');
    fetch(location.href + '?via=fetch').then((r) => r.text()).then(() => {
      history.pushState({}, '', '?route=2');
      function broken() { return null.x; }
      setTimeout(() => broken(), 0);
      function rejecting() { return Promise.reject(new RangeError('ses reject')); }
      rejecting();
      const img = new Image(); img.src = '/missing.png'; document.body.appendChild(img);
    });
  };`;

function sesPage(way: Way, host: string, options: Record<string, unknown> = {}, withSdk = true): string {
  const opts = JSON.stringify({ ...APP, host, webVitals: false, debug: true, ...options });
  const lockdown = `<script src="${SES}"></script><script>lockdown();</script>`;
  const tag = withSdk ? `<script src="/dist/tracely.min.js"></script><script>window.t = new Tracely(${opts}); t.init();</script>` : '';
  const head =
    way == 'lockdown, then the script tag'
      ? lockdown + tag
      : way == 'lockdown, then the npm module'
        ? `${lockdown}<script type="importmap">{"imports":{"web-vitals":"/node_modules/web-vitals/dist/web-vitals.js"}}</script>
<script type="module">import { Tracely } from '/dist/index.mjs'; window.t = new Tracely(${opts}).init();</script>`
        : // lockdown() is called by the test, after the idle period in which every part installed.
          tag + `<script src="${SES}"></script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>ses</title>${head}</head>
<body><button id="b">Buy</button><script>${PAGE_CODE}</script></body></html>`;
}

interface Run {
  url: string;
  /** The SDK's debug lines saying a part failed or could not install. */
  failures: string[];
  /** What SES said it removed or repaired while locking down. */
  sesWarnings: string[];
}

async function loadAndRun(page: import('@playwright/test').Page, way: Way, url: string, withSdk = true): Promise<Run> {
  const failures: string[] = [];
  const sesWarnings: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (text.startsWith('[Tracely]') && /failed|not installed/.test(text)) failures.push(text.split('\n')[0]);
    if (text.startsWith('Removing ') || text.startsWith('Tolerating ')) sesWarnings.push(text);
  });
  await page.goto(url);
  if (withSdk) await page.waitForFunction(() => !!(window as any).t);
  // After the idle period: every part has installed.
  await page.waitForTimeout(500);
  if (way == 'the script tag, init(), then lockdown') await page.evaluate(() => (window as any).lockdown());
  expect(await page.evaluate(() => Object.isFrozen(Array.prototype) && Object.isFrozen(Error.prototype) && typeof (window as any).harden)).toBe('function');
  await page.evaluate(() => (window as any).run());
  return { url, failures, sesWarnings };
}

async function storedErrors(collector: CollectorClient, n: number) {
  await collector.waitFor(() => collector.errors(), (items) => items.length >= n, 20_000);
  await new Promise((r) => setTimeout(r, 1000));
  return collector.errors();
}

/** Errors, rejections and resource errors, with their names and the page's frames, and the breadcrumbs before them. */
async function expectReports(collector: CollectorClient, url: string, consoleCrumbs = false) {
  const items = await storedErrors(collector, 3);
  const byType = Object.fromEntries(items.map((i) => [i.type, i]));
  expect(items).toHaveLength(3);
  // SES makes TypeError.prototype.name an accessor: still named TypeError, not Error.
  expect(byType.jsError.message).toBe("TypeError: Cannot read properties of null (reading 'x')");
  // SES empties error.stack; its getStackString still has the frames.
  expect(byType.jsError.frames[0]).toMatchObject({ function: 'broken', file: url.split('?')[0], inApp: true });
  expect(byType.jsError.frames.length).toBeGreaterThanOrEqual(2);
  expect(byType.promiseError.message).toBe('RangeError: ses reject');
  expect(byType.promiseError.frames[0]).toMatchObject({ function: 'rejecting', inApp: true });
  expect(byType.resourceError.message).toBe(new URL('/missing.png', url).href);
  const crumbs = byType.jsError.breadcrumbs.map((b: any) => `${b.type} ${b.type == 'http' ? b.data.url.split('?')[1] : b.type == 'navigation' ? b.data?.to : b.message}`);
  expect(crumbs).toEqual(expect.arrayContaining(['click button#b', 'http via=']));
  expect(crumbs.some((c: string) => c.startsWith('navigation'))).toBe(true);
  // Installed before lockdown(), the console part still sees the calls: SES's console passes them to the console it replaced.
  expect(crumbs.includes('console page logs')).toBe(consoleCrumbs);
}

for (const way of WAYS) {
  test(`SES, ${way}: errors, rejections and resource errors reported with names and frames; breadcrumbs; nothing thrown into the page`, async ({ page, site, collector }) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const run = await loadAndRun(page, way, site.page('/ses.html', sesPage(way, collector.url)));
    const after = way == 'the script tag, init(), then lockdown';
    await expectReports(collector, run.url, after);
    // The one part that cannot work under SES's frozen console: console breadcrumbs (README,
    // Host safety). No other part failed, none wrote to a frozen intrinsic (it would throw).
    expect(run.failures).toEqual(after ? [] : [expect.stringContaining('console breadcrumbs: not installed')]);
    expect(pageErrors).toEqual([]);
  });
}

test('SES after init(): lockdown() finds nothing of the SDK on the intrinsics (what it removes is the same with and without the SDK)', async ({ browser, site, collector }) => {
  const way: Way = 'the script tag, init(), then lockdown';
  const warnings: string[][] = [];
  for (const withSdk of [false, true]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const run = await loadAndRun(page, way, site.page(`/ses-${withSdk}.html`, sesPage(way, collector.url, {}, withSdk)), withSdk);
    warnings.push(run.sesWarnings);
    await context.close();
  }
  expect(warnings[1]).toEqual(warnings[0]);
});

test('SES, lockdown then the script tag: the batch dialect delivers', async ({ page, site, collector }) => {
  const run = await loadAndRun(page, WAYS[0], site.page('/ses-batch.html', sesPage(WAYS[0], collector.url, { dialect: 'batch' })));
  await expectReports(collector, run.url);
  const requests = await collector.requests();
  expect(requests.some((r) => r.path.startsWith('/report/batch'))).toBe(true);
  expect(requests.some((r) => r.path.startsWith('/report/error'))).toBe(false);
});

test('SES, lockdown then the script tag: dwell time is sent when the page is hidden', async ({ site, collector }) => {
  const url = site.page('/ses-dwell.html', sesPage(WAYS[0], collector.url, { dwell: true }));
  const browser = await launchTabs();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => Object.isFrozen(Array.prototype) && !!(window as any).t);
    await sleep(2200);
    await hide(page);
    const events = await collector.waitFor(() => collector.events('?eventName=_active'), (e) => e.length >= 1);
    expect(events).toHaveLength(1);
    expect(events[0].metadata).toMatchObject({ page: '/ses-dwell.html' });
    expect(events[0].metadata.duration).toBeGreaterThanOrEqual(2);
  } finally {
    await browser.close();
  }
});
