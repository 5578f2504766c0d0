// The SDK on a page twice: a tag manager's tag beside the page's own, the same snippet pasted in
// two templates. Two copies are two modules with nothing in common, and each client's hooks
// would send every error, and every page view's `_active`, once per copy. The first client
// initialised for an app and server reports; another one for the same pair installs nothing,
// says so once in the console, and still sends what it is given by hand.
import { test, expect, APP } from './support/fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A page with two copies of the script tag, each making a client for the same app and server. */
function twice(host: string): string {
  const options = JSON.stringify({ ...APP, host, webVitals: false });
  return `<!doctype html><html><head><meta charset="utf-8"><title>twice</title>
<script src="/dist/tracely.min.js"></script>
<script>window.first = new Tracely(${options}).init(); window.FirstCopy = Tracely;</script>
<script src="/dist/tracely.min.js"></script>
<script>window.second = new Tracely(${options}).init(); window.twoCopies = Tracely !== FirstCopy;
window.another = () => new Tracely(${options}).init();</script>
</head><body><button id="boom" onclick="explode()">boom</button>
<script>function explode() { throw new Error('thrown once'); }</script></body></html>`;
}

test('the script tag twice: one report per error and one _active per page view; the second client warns once and still sends by hand', async ({ page, site, collector }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && m.text().includes('[Tracely]') && warnings.push(m.text()));
  await page.goto(site.page('/twice.html', twice(collector.url)));
  expect(await page.evaluate(() => (window as any).twoCopies)).toBe(true);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('has a client on this page already');

  await page.click('#boom');
  await page.evaluate(() => (window as any).second.reportError(new Error('by hand, second copy')));
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  // Left for another page (after a second of dwell at least): each client whose dwell part
  // installed sends this page view's `_active`.
  await sleep(1_500);
  await page.goto(site.page('/next.html', '<!doctype html><title>next</title>'));
  await collector.waitFor(() => collector.events('?eventName=_active'), (e) => e.length >= 1);
  await sleep(1_500);
  expect((await collector.errors()).map((e) => e.message).sort()).toEqual(['Error: thrown once', 'by hand, second copy']);
  expect(await collector.events('?eventName=_active')).toHaveLength(1);
});

test('the script tag twice: once the first client is closed, a client of the other copy initialises and reports the page\'s errors', async ({ page, site, collector }) => {
  await page.goto(site.page('/twice.html', twice(collector.url)));
  await page.evaluate(async () => {
    const w = window as any;
    await w.first.close();
    w.third = w.another();
    // A second close() of the first client gives back nothing the third one took.
    await w.first.close();
    w.fourth = w.another();
  });
  await page.click('#boom');
  await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  await sleep(1_500);
  expect((await collector.errors()).map((e) => e.message)).toEqual(['Error: thrown once']);
});
