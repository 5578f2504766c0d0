// Real visibility changes. Playwright keeps every page "visible" by design
// (https://github.com/microsoft/playwright/issues/2286), so tests that need a page to be
// really hidden drive the same Debian Chromium with puppeteer-core, where tabs share a
// window: bringing another tab to the front hides the page, as a visitor switching tabs does.
// Puppeteer also leaves the back/forward cache on, and this file serves pages that may enter
// it (the site fixture's pages are no-store, which keeps them out).
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { findChromium } from '../../../scripts/ensure-browser.mjs';

export async function launchTabs(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-component-update', '--no-first-run'],
  });
}

/** Hides `page` behind a fresh tab brought to the front; returns that tab. */
export async function hide(page: Page): Promise<Page> {
  const other = await page.browser().newPage();
  await other.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'hidden');
  return other;
}

/** Brings `page` back to the front (visible again). */
export async function show(page: Page): Promise<void> {
  await page.bringToFront();
  await page.waitForFunction(() => document.visibilityState === 'visible');
}

/** An origin whose pages may be kept in the back/forward cache; serves the built bundle at /dist/. */
export async function serveCacheable(pages: Record<string, string>): Promise<{ origin: string; close(): Promise<void> }> {
  const bundle = await readFile(join(process.env.TRACELY_OUT || 'dist', 'tracely.min.js'));
  const server = createServer((req, res) => {
    const path = (req.url || '/').split('?')[0];
    if (path === '/dist/tracely.min.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    if (pages[path] !== undefined) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pages[path]);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
