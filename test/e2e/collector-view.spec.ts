// The collector view in a real browser: a page loads a bundle minified from the repository's
// demo/site/src/checkout.js, its source map uploaded by bin/tracely-sourcemaps.mjs; an error
// thrown in the bundle shows in the view at the original file, line and code. The view's
// numbers are checked against what the page sent; each page is screenshotted for a person.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect, sdkPage, APP } from './support/fixtures';
import { buildDemoBundle } from '../../demo/site/build.mjs';

const RELEASE = 'e2e-1.0.0';
const MESSAGE = "Cannot read properties of undefined (reading 'items')";
const SHOTS = 'test-results/collector-view';

test('an error thrown in minified code shows in the view at its original line, with numbers that match what was sent', async ({ page, site, collector }) => {
  const out = mkdtempSync(join(tmpdir(), 'collector-view-'));
  try {
    const bundle: string = await buildDemoBundle(out);
    const code = readFileSync(bundle, 'utf8');
    // The bundle is served from the site's origin, as a customer's build output is.
    await page.route(`${site.origin}/build/shop.min.js`, (route) => route.fulfill({ body: code, contentType: 'text/javascript' }));
    const cli = await promisify(execFile)(process.execPath, ['bin/tracely-sourcemaps.mjs', '--host', collector.url, '--app-id', APP.appId,
      '--release', RELEASE, '--url-prefix', `${site.origin}/build/`, out], { env: { ...process.env, TRACELY_APP_SECRET: APP.appSecret } });
    expect(cli.stdout).toContain('1 source map(s) uploaded, 0 refused');

    const shop = site.page('/shop.html', sdkPage(collector.url, {
      options: { dialect: 'batch', release: RELEASE, environment: 'e2e' },
      head: '<script src="/build/shop.min.js"></script>',
      body: '<h1>Shop</h1><button id="buy">buy</button>',
      script: "document.getElementById('buy').addEventListener('click', () => window.shop.checkout(undefined));",
    }));
    await page.goto(shop);
    await page.click('#buy');
    // Over a second on the page, so its foreground time is at least one whole second.
    await page.waitForTimeout(1500);
    // Leaving the page sends its foreground time (_active) and its web vitals.
    await page.goto(site.page('/bye.html', '<!doctype html><title>bye</title>'));
    const [error] = await collector.waitFor(() => collector.errors(), (e) => e.length >= 1);
    const events = await collector.waitFor(() => collector.events(), (e) => e.some((x) => x.eventName === 'web_vitals') && e.some((x) => x.eventName === '_active'));

    // Stored: the minified frame as sent, the original beside it.
    expect(error.frames[0].file).toBe(`${site.origin}/build/shop.min.js`);
    expect(error.originalFrames[0]).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });

    // The list: one group, counted once, with the original place.
    const view = await page.context().newPage();
    await view.setViewportSize({ width: 1280, height: 900 });
    await view.goto(`${collector.url}/`);
    const row = view.locator('#groups tr', { hasText: MESSAGE });
    await expect(row).toHaveCount(1);
    const cells = row.locator('td');
    await expect(cells.nth(0)).toContainText('totalOf at demo/site/src/checkout.js:5:');
    await expect(cells.nth(1)).toHaveText('1'); // count: one click, one error
    const users = new Set([error.userId].filter(Boolean)).size;
    const sessions = new Set([error.sessionId].filter(Boolean)).size;
    await expect(cells.nth(2)).toHaveText(String(users));
    await expect(cells.nth(3)).toHaveText(String(sessions));
    await expect(cells.nth(6)).toContainText(RELEASE);
    await view.screenshot({ path: `${SHOTS}-errors.png`, fullPage: true });

    // The filter form works under the view's Content-Security-Policy: a search that matches
    // nothing empties the list, the release brings the group back.
    await view.fill('input[name="q"]', 'no such message');
    await view.click('form.filters button');
    await expect(view.locator('#groups')).toContainText('No error group matches these filters.');
    await view.fill('input[name="q"]', '');
    await view.selectOption('select[name="release"]', RELEASE);
    await view.click('form.filters button');
    await expect(view).toHaveURL(new RegExp(`release=${RELEASE.replaceAll('.', '\\.')}`));
    await expect(row).toHaveCount(1);

    // The group: original file, line and code, the minified frame beside it, browser and OS.
    await row.locator('a').first().click();
    await expect(view.locator('h1')).toContainText(MESSAGE);
    const top = view.locator('li.frame').first();
    await expect(top).toContainText('totalOf');
    await expect(top).toContainText('demo/site/src/checkout.js:5:');
    await expect(top.locator('.hit')).toContainText('5  return cart.items.reduce(');
    await expect(top.locator('.min')).toContainText(`minified: `);
    await expect(top.locator('.min')).toContainText('/build/shop.min.js:1:');
    await expect(view.locator('.facts')).toContainText(/Browser\s*Chrom/);
    await expect(view.locator('.facts')).toContainText(/OS\s*Linux/);
    await expect(view.locator('.facts')).toContainText(/Page\s*\/shop\.html/);
    await expect(view.locator('#numbers td').first()).toHaveText('1');
    await view.screenshot({ path: `${SHOTS}-group.png`, fullPage: true });

    // Pages: the numbers of the reports the page sent.
    await view.goto(`${collector.url}/pages`);
    const active = events.filter((e) => e.eventName === '_active' && e.metadata.page === '/shop.html');
    const vitals = events.filter((e) => e.eventName === 'web_vitals' && e.metadata.page === '/shop.html');
    const pageRow = view.locator('#pages tr', { hasText: '/shop.html' }).locator('td');
    await expect(pageRow.nth(1)).toHaveText(String(active.length));
    await expect(pageRow.nth(2)).toHaveText(String(new Set(active.map((e) => e.userId)).size));
    const seconds = active.reduce((sum, e) => sum + e.metadata.duration, 0);
    await expect(pageRow.nth(3)).toContainText(`${seconds} s`);
    const fcp = vitals.map((e) => e.metadata.FCP?.value).filter((v) => typeof v === 'number');
    expect(fcp.length).toBeGreaterThan(0);
    await expect(pageRow.nth(7)).toContainText(`${Math.round(Math.max(...fcp))} ms`); // p75 of one or two values: the largest
    await expect(pageRow.nth(7)).toContainText(`n=${fcp.length}`);
    await view.screenshot({ path: `${SHOTS}-pages.png`, fullPage: true });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('an error that arrived before its source map shows at its original line once the CLI uploads the map', async ({ page, site, collector }) => {
  const out = mkdtempSync(join(tmpdir(), 'collector-view-late-'));
  try {
    const code = readFileSync(await buildDemoBundle(out), 'utf8');
    await page.route(`${site.origin}/build/shop.min.js`, (route) => route.fulfill({ body: code, contentType: 'text/javascript' }));
    // Deployed first: the page throws in the minified bundle before any map is stored.
    await page.goto(site.page('/shop.html', sdkPage(collector.url, {
      options: { dialect: 'batch', release: RELEASE, environment: 'e2e' },
      head: '<script src="/build/shop.min.js"></script>',
      body: '<button id="buy">buy</button>',
      script: "document.getElementById('buy').addEventListener('click', () => window.shop.checkout(undefined));",
    })));
    await page.click('#buy');
    const [minified] = await collector.waitFor(() => collector.errors(), (e) => e.length >= 1);
    expect(minified.frames[0].file).toBe(`${site.origin}/build/shop.min.js`);
    expect(minified.originalFrames).toBeUndefined();
    const view = await page.context().newPage();
    await view.goto(`${collector.url}/`);
    await expect(view.locator('#groups tr', { hasText: MESSAGE }).locator('td').first()).toContainText(`at ${site.origin}/build/shop.min.js:1:`);

    // Then the build's maps are uploaded: the stored error is resolved after the answer.
    const cli = await promisify(execFile)(process.execPath, ['bin/tracely-sourcemaps.mjs', '--host', collector.url, '--app-id', APP.appId,
      '--release', RELEASE, '--url-prefix', `${site.origin}/build/`, out], { env: { ...process.env, TRACELY_APP_SECRET: APP.appSecret } });
    expect(cli.stdout).toContain('(re-resolving 1 stored report(s) of the release)');
    const [resolved] = await collector.waitFor(() => collector.errors(), (e) => e[0]?.originalFrames !== undefined);
    expect(resolved.id).toBe(minified.id);
    expect(resolved.frames).toEqual(minified.frames);
    expect(resolved.originalFrames[0]).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });

    // The list's culprit and the group page show the original place and code.
    await view.reload();
    const row = view.locator('#groups tr', { hasText: MESSAGE });
    await expect(row.locator('td').first()).toContainText('totalOf at demo/site/src/checkout.js:5:');
    await row.locator('a').first().click();
    const top = view.locator('li.frame').first();
    await expect(top.locator('.hit')).toContainText('5  return cart.items.reduce(');
    await expect(top.locator('.min')).toContainText('/build/shop.min.js:1:');
    await view.screenshot({ path: `${SHOTS}-late-map.png`, fullPage: true });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
