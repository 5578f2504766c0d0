// The README's snippets as a new user pastes them (Install: script tag, async loader, npm
// composed), taken from README.md itself and run in Chromium against the collector: only the CDN
// URL and the server's host are put in. The snippets' own app (`my-app`, `my-app-secret`) is
// registered on the collector, so a snippet that stops working, or a claim the README makes about
// it that stops holding, fails here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';

const dist = new URL(`../../${process.env.TRACELY_OUT || 'dist'}/`, import.meta.url);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const CDN = 'https://your-cdn.example.com/tracely.min.js';
const SERVER = 'https://tracely.example.com';

test.use({ collectorConfig: { apps: [{ appId: 'my-app', appSecret: 'my-app-secret' }] } });

/** The first code block of `lang` after `heading` in README.md. */
function snippet(heading: string, lang: string): string {
  const section = readme.split(heading)[1];
  if (!section) throw new Error(`README.md has no "${heading}"`);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(section);
  if (!m) throw new Error(`README.md has no ${lang} block after "${heading}"`);
  return m[1];
}

/** The snippet, reporting to this test's collector and loading the SDK from the test site. */
const localised = (code: string, collectorUrl: string) => {
  expect(code).toContain(SERVER);
  return code.split(CDN).join('/dist/tracely.min.js').split(SERVER).join(collectorUrl);
};

test("the README's script tag: window.Tracely with the module functions on it, and a report carrying the release", async ({ page, site, collector }) => {
  const tag = localised(snippet('### Script tag (any web page)', 'html'), collector.url);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(site.page('/readme-tag.html', `<!doctype html><html><head><meta charset="utf-8"><title>tag</title>${tag}</head>
<body><button id="b" onclick="throw new TypeError('after the tag')">x</button></body></html>`));
  const statics = await page.evaluate(() => ['captureError', 'reportEvent', 'onRouteChange'].map((name) => typeof (window as any).Tracely[name]));
  expect(statics).toEqual(['function', 'function', 'function']);
  await page.click('#b');
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item).toMatchObject({ appId: 'my-app', type: 'jsError', message: 'TypeError: after the tag', release: '2024.06.1' });
  expect(pageErrors).toEqual(['after the tag']);
});

test("the README's async loader snippet: the calls made before the bundle arrives are replayed, and onReady gets the real class", async ({ page, site, collector }) => {
  const loader = readFileSync(new URL('loader.min.js', dist), 'utf8').trim();
  const sri = 'sha384-' + createHash('sha384').update(readFileSync(new URL('tracely.min.js', dist))).digest('base64');
  const code = localised(snippet('**The async loader**', 'html'), collector.url)
    .replace('sha384-…the hash npm run build printed…', sri)
    .replace('/* the content of dist/loader.min.js */', loader)
    .replace('/* the bundle arrived and the held calls were replayed */', 'window.readyWith = RealTracely;');
  // The bundle arrives late: every call of the snippet is made before it.
  await page.route('**/dist/tracely.min.js', async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(site.page('/readme-loader.html', `<!doctype html><html><head><meta charset="utf-8"><title>loader</title>${code}</head><body></body></html>`));
  const [event] = await collector.waitFor(() => collector.events('?eventName=page_view'), (i) => i.length >= 1);
  expect(event).toMatchObject({ appId: 'my-app', eventName: 'page_view', userId: 'u-42' });
  expect(await page.evaluate(() => (window as any).readyWith === (window as any).Tracely && typeof (window as any).readyWith.prototype.reportError)).toBe('function');
  expect(pageErrors).toEqual([]);
});

test("the README's composed client: batch dialect, console.log crumbs, navigation crumbs and dwell from routes(), addBreadcrumb", async ({ page, site, collector }) => {
  // As a bundler would resolve it: the package's ES module, and its one dependency.
  const code = localised(snippet('### npm, composed: pay only for the parts you import', 'js'), collector.url).replace("from '@tracely/browser'", "from '/dist/index.mjs'");
  await page.goto(site.page('/readme-composed.html', `<!doctype html><html><head><meta charset="utf-8"><title>composed</title>
<script type="importmap">{ "imports": { "web-vitals": "/node_modules/web-vitals/dist/web-vitals.js" } }</script>
<script type="module">${code}
window.tracely = tracely;</script></head><body><button id="buy">Buy</button></body></html>`));
  await page.waitForFunction(() => !!(window as any).tracely);
  // The parts install in the idle period after init().
  await page.waitForTimeout(1500);
  await page.click('#buy');
  await page.evaluate(() => {
    console.log('a log line');
    history.pushState({}, '', '/next');
    (window as any).tracely.addBreadcrumb({ message: 'by hand' });
    setTimeout(() => {
      throw new Error('composed');
    });
  });
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item).toMatchObject({ appId: 'my-app', message: 'Error: composed', page: '/next', dialect: 'batch' });
  expect(item.breadcrumbs.map((b: any) => [b.type, b.message ?? b.data?.to])).toEqual([
    ['click', 'button#buy'],
    ['console', 'a log line'],
    ['navigation', '/next'],
    ['custom', 'by hand'],
  ]);
  // dwell() hears of the route change from routes(): the first page's time is sent.
  const [active] = await collector.waitFor(() => collector.events('?eventName=_active'), (i) => i.length >= 1);
  expect(active.metadata.page).toBe('/readme-composed.html');
});

test('a bad optional value is named in the one warning and replaced by its default; the SDK still reports', async ({ page, site, collector }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
  const options = JSON.stringify({ appId: 'my-app', appSecret: 'my-app-secret', host: collector.url, sampleRate: 5, throttleMs: 'x', dwell: false, webVitals: false });
  await page.goto(site.page('/readme-options.html', `<!doctype html><html><head><meta charset="utf-8"><title>options</title>
<script src="/dist/tracely.min.js"></script><script>window.t = new Tracely(${options}).init(); t.reportError(new Error('still on'));</script></head><body></body></html>`));
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item.message).toBe('still on');
  expect(warnings).toEqual(['[Tracely] sampleRate must be a number from 0 to 1; using 1; throttleMs must be a positive number; using 60000']);
});
