// The Firefox ESR and WebKit suites (`npm run test:engines`, part of `npm test`): their test files
// two at a time, one browser each (they wait on pages far more than they compute), then the two
// framework files one after the other. Those serve the same built apps, which hold the collector's
// URL from their build: each starts its collector on that port, so side by side the second would
// find the port taken and rebuild the app the first is serving.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const SUITES = ['test/firefox', 'test/webkit'];
/** Files that share the framework apps' builds and ports: never two at once. */
const ONE_AT_A_TIME = /\/frameworks\.test\.mjs$/;

const files = SUITES.flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.test.mjs')).map((name) => `${dir}/${name}`));
const runs = /** @type {[number, string[]][]} */ ([
  [2, files.filter((file) => !ONE_AT_A_TIME.test(file))],
  [1, files.filter((file) => ONE_AT_A_TIME.test(file))],
]);
for (const [concurrency, list] of runs) {
  const run = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...list], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
