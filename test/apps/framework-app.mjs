// What the framework fixtures share (test/apps/next-app, test/apps/nuxt-app): each is built as a
// user's app would be, from the packed package (`npm pack`, as npm publishes it) unpacked into the
// app's node_modules, by the framework's own build, then served by the framework's own server.
// The apps' other dependencies are installed by scripts/ensure-deps.mjs. Run after the SDK's
// build (npm test builds first).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** How long an app's server may take to say it is ready. */
const START_TIMEOUT_MS = 60_000;
/** A build lock older than this was left by a build that died: taken over. */
const STALE_LOCK_MS = 5 * 60_000;
/** How often a build waiting for another build of the same app looks again. */
const LOCK_POLL_MS = 250;

/**
 * Runs `build` while no other build of the app in `appDir` runs: two test files (the Angular app's
 * specs, in two Playwright workers) may build the same fixture at once, and each build reinstalls
 * the packed package in the app's node_modules and clears its caches. A directory is the lock:
 * making one is atomic across processes.
 * @template T @param {string} appDir @param {() => T} build
 */
function oneBuildAtATime(appDir, build) {
  const lock = join(appDir, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_POLL_MS);
    }
  }
  try {
    return build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Where freePort() draws ports from: up to the range the OS hands out by itself. */
const FIXED_PORTS_FROM = 20_000;
/** Ports freePort() tries before it gives up. */
const PORT_TRIES = 50;

/**
 * The first port the OS hands out by itself, to `listen(0)` and to every outgoing connection
 * (Linux: /proc/sys/net/ipv4/ip_local_port_range; 32768 by default, higher elsewhere).
 */
function ephemeralPortsStart() {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

/** Whether `port` can be listened on now (it is let go at once). @param {number} port */
const canListen = (port) =>
  new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A port the OS picks (listen on 0), let go at once. */
async function osPick() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (!address || typeof address == 'string') throw new Error('no port');
  return address.port;
}

/**
 * A port nobody listens on now, for the caller to take later: an app is built with its collector's
 * URL a minute before any collector listens there, and an outage test lets its collector's port go
 * for 30 s. Drawn at random below the OS's own range: a port of that range, let go, can be taken
 * meanwhile by any connection of the run (seen with four workers: EADDRINUSE at a restart); one
 * below it only by a process that asks for it by number.
 */
export async function freePort() {
  const end = ephemeralPortsStart();
  // A machine whose OS hands out every port: the OS's pick, as good as any.
  if (end <= FIXED_PORTS_FROM) return osPick();
  for (let i = 0; i < PORT_TRIES; i++) {
    const port = FIXED_PORTS_FROM + Math.floor(Math.random() * (end - FIXED_PORTS_FROM));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${FIXED_PORTS_FROM}-${end - 1} after ${PORT_TRIES} tries`);
}

/**
 * Packs the package and unpacks it into `appDir`'s node_modules/@tracely/browser. `npm pack`
 * takes what package.json's `files` name: dist/, whatever TRACELY_OUT says.
 * @param {string} appDir @param {string} name the app's name: its scratch folder in .tmp/
 */
function installPackedSdk(appDir, name) {
  const work = join(root, '.tmp', name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
  const installed = join(appDir, 'node_modules/@tracely/browser');
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, String(tarball)), '-C', installed, '--strip-components=1']);
}

/**
 * The packed package installed, then the framework's build from scratch (`clean`: its output and
 * caches, removed first, as on a clean clone). Returns the build's output and how long it took.
 * @param {{ name: string, appDir: string, command: string[], env: NodeJS.ProcessEnv, clean: string[] }} app
 * @returns {{ log: string, ms: number }}
 */
export function buildApp(app) {
  return oneBuildAtATime(app.appDir, () => buildNow(app));
}

/** @param {{ name: string, appDir: string, command: string[], env: NodeJS.ProcessEnv, clean: string[] }} app */
function buildNow({ name, appDir, command, env, clean }) {
  installPackedSdk(appDir, name);
  for (const dir of clean) rmSync(join(appDir, dir), { recursive: true, force: true });
  const started = Date.now();
  // At a low priority where `nice` exists: the build (both cores for tens of seconds) yields to
  // the e2e tests running beside it, some of which time page exits.
  const [cmd, ...args] = [...(process.platform == 'win32' ? [] : ['nice', '-n', '10']), process.execPath, ...command];
  const run = spawnSync(cmd, args, { cwd: appDir, env, encoding: 'utf8' });
  const log = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`${name}: the build failed (${run.status ?? run.signal}):\n${log}`);
  return { log, ms: Date.now() - started };
}

/**
 * The app's server (`node ...command`) started in `appDir`, waited for until its output matches
 * `ready`; `log()` is everything it printed so far.
 * @param {{ name: string, appDir: string, command: string[], env: NodeJS.ProcessEnv, ready: RegExp, port: number }} app
 * @returns {Promise<{ origin: string, log: () => string, close: () => Promise<void> }>}
 */
export async function startApp({ name, appDir, command, env, ready, port }) {
  const server = spawn(process.execPath, command, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stdout.on('data', (d) => (out += d));
  server.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const end = Date.now() + START_TIMEOUT_MS;
  while (!ready.test(out)) {
    if (server.exitCode !== null || Date.now() > end) throw new Error(`${name}: the server did not start:\n${out}`);
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
