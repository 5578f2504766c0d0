// `npm run demo`'s server, started as the command starts it: a thrown error on the demo
// page travels to the collector and shows up in its view.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let demo: ChildProcess;
let pageUrl = '';
let viewUrl = '';

test.beforeAll(async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'tracely-demo-')), 'demo.sqlite');
  demo = spawn(process.execPath, ['demo/start.mjs'], { env: { ...process.env, COLLECTOR_PORT: '0', DEMO_PORT: '0', TRACELY_DB: db } });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo did not start: ' + out)), 15_000);
    demo.stdout!.on('data', (chunk) => {
      out += chunk;
      const page = /demo page:\s+(\S+)/.exec(out);
      const view = /collector view:\s+(\S+)/.exec(out);
      if (page && view) {
        pageUrl = page[1];
        viewUrl = view[1];
        clearTimeout(timer);
        resolve();
      }
    });
  });
});

test.afterAll(() => {
  demo?.kill('SIGTERM');
});

test('the demo page reports a thrown error and the collector view shows it', async ({ page }) => {
  await page.goto(pageUrl);
  await page.click('#throw');
  await page.click('#manual');
  // The demo's minified bundle, its source map uploaded at start: shown at the original line.
  await page.click('#minified');
  const view = await page.context().newPage();
  await expect(async () => {
    await view.goto(viewUrl);
    await expect(view.locator('body')).toContainText("Cannot read properties of undefined (reading 'items')");
    await expect(view.locator('body')).toContainText('payment declined: checkout step 3');
    await expect(view.locator('body')).toContainText('totalOf at demo/site/src/checkout.js:5:');
  }).toPass({ timeout: 15_000 });
  await view.screenshot({ path: 'test-results/demo-collector-view.png', fullPage: true });
});
