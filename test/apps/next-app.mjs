// Builds and serves the Next.js fixture (test/apps/next-app) as a user's app would be: the
// packed package (`npm pack`, as npm publishes it) unpacked into the app's node_modules, then
// `next build` and `next start`. The app's other dependencies (next, react, web-vitals) are
// installed by scripts/ensure-deps.mjs. Run after the SDK's build (npm test builds first).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const APP_DIR = fileURLToPath(new URL('./next-app/', import.meta.url));
const NEXT_BIN = join(APP_DIR, 'node_modules/next/dist/bin/next');
/** How long `next start` may take to say it is ready. */
const START_TIMEOUT_MS = 60_000;
/** No usage data sent home (`next telemetry`), nowhere to send it here anyway. */
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

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
 * takes what package.json's `files` name: dist/, whatever TRACELY_OUT says.
 */
export function installPackedSdk() {
  const work = join(root, '.tmp/next-app');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  const installed = join(APP_DIR, 'node_modules/@tracely/browser');
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, String(tarball)), '-C', installed, '--strip-components=1']);
}

/**
 * `next build` with the collector's URL as the app's public setting. Returns the build's
 * output and how long the build took.
 * @param {string} collectorHost
 * @returns {{ log: string, ms: number }}
 */
export function buildNextApp(collectorHost) {
  installPackedSdk();
  // From scratch every time, as on a clean clone: no cache of an older package or setting.
  rmSync(join(APP_DIR, '.next'), { recursive: true, force: true });
  const started = Date.now();
  // At a low priority where `nice` exists: the build (both cores for tens of seconds) yields to
  // the e2e tests running beside it, some of which time page exits.
  const [cmd, ...args] = [...(process.platform == 'win32' ? [] : ['nice', '-n', '10']), process.execPath, NEXT_BIN, 'build'];
  const run = spawnSync(cmd, args, { cwd: APP_DIR, env: { ...ENV, NEXT_PUBLIC_TRACELY_HOST: collectorHost }, encoding: 'utf8' });
  const log = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`next build failed (${run.status ?? run.signal}):\n${log}`);
  return { log, ms: Date.now() - started };
}

/**
 * `next start` on a free port of 127.0.0.1; `log()` is everything the server printed so far.
 * @returns {Promise<{ origin: string, log: () => string, close: () => Promise<void> }>}
 */
export async function startNextApp() {
  const port = await freePort();
  const server = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: APP_DIR, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (d) => (out += d));
  server.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const end = Date.now() + START_TIMEOUT_MS;
  while (!/Ready in/.test(out)) {
    if (server.exitCode !== null || Date.now() > end) throw new Error(`next start did not start:\n${out}`);
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
  const { log, ms } = buildNextApp(process.argv[2] || 'http://localhost:9');
  console.log(`${log}\nnext build: ${ms} ms`);
}
