import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/ensure-browser.mjs';

// Debian's Chromium, driven by Playwright: `npx playwright install` cannot download here.
// The background-networking flags keep Chromium from calling home on a closed network.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: /.*\.spec\.ts/,
  timeout: 120_000,
  // Four on this 2-core machine: the e2e tests wait on pages and timers more than they compute
  // (the run's processes used 35% of the two cores with three workers). The same 207 tests took
  // 6.6 min against 8.2 with three on 2026-12-01's slower machine (and 8.5 with two on the one before).
  workers: 4,
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
