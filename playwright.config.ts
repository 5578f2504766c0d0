import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/ensure-browser.mjs';

// Debian's Chromium, driven by Playwright: `npx playwright install` cannot download here.
// The background-networking flags keep Chromium from calling home on a closed network.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: /.*\.spec\.ts/,
  timeout: 120_000,
  workers: 2,
  fullyParallel: true,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['./test/e2e/support/summary-reporter.ts']] : [['list'], ['./test/e2e/support/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
