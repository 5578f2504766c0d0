// Builds and serves the Nuxt fixture (test/apps/nuxt-app) as a user's app would be: the packed
// package (`npm pack`, as npm publishes it) unpacked into the app's node_modules, then
// `nuxt build` and `node .output/server/index.mjs`. The app's other dependencies (nuxt, vue,
// vue-router, web-vitals) are installed by scripts/ensure-deps.mjs. Run after the SDK's build
// (npm test builds first).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const APP_DIR = fileURLToPath(new URL('./nuxt-app/', import.meta.url));
const NUXT_BIN = join(APP_DIR, 'node_modules/nuxt/bin/nuxt.mjs');
/** How long the built server may take to say it is listening. */
const START_TIMEOUT_MS = 60_000;
/** No usage data sent home, nowhere to send it here anyway. */
const ENV = { ...process.env, NUXT_TELEMETRY_DISABLED: '1' };

/** A port nobody listens on now (the OS's pick, released for the caller to take). */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (!address || typeof address == 'string') throw new Error('no port');
  return address.port;
}

/**
 * Packs the package and unpacks it into the app's node_modules/@tracely/browser. `npm pack`
 * takes what package.json's `files` name: dist/.
 */
export function installPackedSdk() {
  const work = join(root, '.tmp/nuxt-app');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  const installed = join(APP_DIR, 'node_modules/@tracely/browser');
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, String(tarball)), '-C', installed, '--strip-components=1']);
}

/**
 * `nuxt build` from scratch. Returns the build's output and how long the build took.
 * @returns {{ log: string, ms: number }}
 */
export function buildNuxtApp() {
  installPackedSdk();
  // From scratch every time, as on a clean clone: no cache of an older package.
  for (const dir of ['.nuxt', '.output', 'node_modules/.cache']) rmSync(join(APP_DIR, dir), { recursive: true, force: true });
  const started = Date.now();
  // At a low priority where `nice` exists: the build yields to the e2e tests running beside it.
  const [cmd, ...args] = [...(process.platform == 'win32' ? [] : ['nice', '-n', '10']), process.execPath, NUXT_BIN, 'build'];
  const run = spawnSync(cmd, args, { cwd: APP_DIR, env: ENV, encoding: 'utf8' });
  const log = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`nuxt build failed (${run.status ?? run.signal}):\n${log}`);
  return { log, ms: Date.now() - started };
}

/**
 * The built server (`node .output/server/index.mjs`) on a free port of 127.0.0.1, the
 * collector's URL as its public runtime setting; `log()` is everything the server printed so far.
 * @param {string} collectorHost
 * @returns {Promise<{ origin: string, log: () => string, close: () => Promise<void> }>}
 */
export async function startNuxtApp(collectorHost) {
  const port = await freePort();
  const env = { ...ENV, PORT: String(port), HOST: '127.0.0.1', NUXT_PUBLIC_TRACELY_HOST: collectorHost };
  const server = spawn(process.execPath, [join(APP_DIR, '.output/server/index.mjs')], { cwd: APP_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (d) => (out += d));
  server.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const end = Date.now() + START_TIMEOUT_MS;
  while (!/Listening on/.test(out)) {
    if (server.exitCode !== null || Date.now() > end) throw new Error(`the Nuxt server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    log: () => out,
    close: async () => {
      server.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { log, ms } = buildNuxtApp();
  console.log(`${log}\nnuxt build: ${ms} ms`);
}
