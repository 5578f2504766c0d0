// The framework app fixtures (test/apps: Next.js, Nuxt, Angular with zone.js and zoneless) built
// and served for the Firefox ESR and WebKit suites (test/firefox/frameworks.test.mjs,
// test/webkit/frameworks.test.mjs), with the builds and servers of test/apps/*-app.mjs.
//
// A build is reused when it is newer than dist/ and than every file of the fixture: in CI
// `npm test` runs test:e2e first, whose specs have just built each app from this dist/. The Vite
// apps are built every run (test/firefox/apps.test.mjs: about a second for the three); these take
// tens of seconds each, so a fresh one is not built twice. Next and Angular hold the collector's
// URL from their build (NEXT_PUBLIC_TRACELY_HOST, the builder's `define`): the collector is
// started on the port the build names (Nuxt reads it when its server starts: any port).
import { after } from 'node:test';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../apps/framework-app.mjs';
import { APP_DIR as NEXT_DIR, buildNextApp, startNextApp } from '../apps/next-app.mjs';
import { APP_DIR as NUXT_DIR, buildNuxtApp, startNuxtApp } from '../apps/nuxt-app.mjs';
import { APP_DIR as ANGULAR_DIR, buildAngularApp, buildAngularZonelessApp, startAngularApp } from '../apps/angular-app.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(root, process.env.TRACELY_OUT || 'dist');
/**
 * What a fixture's folder holds besides its sources: dependencies, builds and caches (.next,
 * .nuxt, .output, .angular; dist, dist-zoneless and any other build of the Angular app), the
 * types file `next build` writes.
 * @param {string} name
 */
const notSource = (name) => name == 'node_modules' || name.startsWith('.') || name.startsWith('dist') || name == 'next-env.d.ts';
/** How the collector's URL is written into a built bundle (the tests' collectors are on localhost). */
const COLLECTOR_IN_BUNDLE = /"(http:\/\/localhost:\d+)"/g;

/**
 * @typedef {{ origin: string, log: () => string, close: () => Promise<void> }} Server
 * @typedef {{
 *   dir: string,
 *   built: string,
 *   bundles: string | undefined,
 *   build: (collectorHost: string) => { log: string, ms: number },
 *   start: (collectorHost: string) => Promise<Server>,
 * }} Fixture
 * built: the file the build writes last-ish (its age is the build's); bundles: the folder of the
 * browser's scripts holding the collector's URL (undefined: it is read when the server starts)
 */

/** @type {Record<'next' | 'nuxt' | 'angular' | 'angular-zoneless', Fixture>} */
export const FRAMEWORKS = {
  next: { dir: NEXT_DIR, built: '.next/BUILD_ID', bundles: '.next/static/chunks', build: buildNextApp, start: () => startNextApp() },
  nuxt: { dir: NUXT_DIR, built: '.output/nitro.json', bundles: undefined, build: () => buildNuxtApp(), start: startNuxtApp },
  angular: { dir: ANGULAR_DIR, built: 'dist/browser/index.html', bundles: 'dist/browser', build: buildAngularApp, start: () => startAngularApp() },
  'angular-zoneless': {
    dir: ANGULAR_DIR,
    built: 'dist-zoneless/browser/index.html',
    bundles: 'dist-zoneless/browser',
    build: buildAngularZonelessApp,
    start: () => startAngularApp('dist-zoneless'),
  },
};

/**
 * The newest modification time of the files under `dir`, in ms; entries `skip` names are left out.
 * @param {string} dir @param {(name: string) => boolean} [skip]
 */
function newest(dir, skip = () => false) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path, skip) : statSync(path).mtimeMs);
  }
  return latest;
}

/** The collector URL a build holds, or undefined if it holds none or more than one. @param {string} dir */
function collectorInBundles(dir) {
  const hosts = new Set();
  for (const file of /** @type {string[]} */ (readdirSync(dir, { recursive: true }))) {
    if (!file.endsWith('.js')) continue;
    for (const [, host] of readFileSync(join(dir, file), 'utf8').matchAll(COLLECTOR_IN_BUNDLE)) hosts.add(host);
  }
  return hosts.size == 1 ? /** @type {string} */ ([...hosts][0]) : undefined;
}

/** Whether nobody listens on localhost:`port` now (the collector a reused build names can listen there). @param {number} port */
const portFree = (port) =>
  new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, 'localhost', () => server.close(() => resolve(true)));
  });

/**
 * The collector URL of a reusable build of `fixture` (newer than dist/ and the fixture's files;
 * for Nuxt, any free port), or undefined when it must be built.
 * @param {Fixture} fixture
 */
async function reusable(fixture) {
  const built = join(fixture.dir, fixture.built);
  if (!existsSync(built)) return undefined;
  const age = statSync(built).mtimeMs;
  if (age < newest(DIST) || age < newest(fixture.dir, notSource)) return undefined;
  if (!fixture.bundles) return `http://localhost:${await freePort()}`;
  const host = collectorInBundles(join(fixture.dir, fixture.bundles));
  return host && (await portFree(Number(new URL(host).port))) ? host : undefined;
}

/**
 * The app `name` built (or a fresh build reused) and served by its framework's server; the
 * collector's port is `collectorPort` (every test's collector listens there).
 * @param {keyof typeof FRAMEWORKS} name
 * @returns {Promise<Server & { collectorPort: number, reused: boolean, buildMs: number }>}
 */
export async function serveFramework(name) {
  const fixture = FRAMEWORKS[name];
  let collectorHost = await reusable(fixture);
  const reused = collectorHost !== undefined;
  let buildMs = 0;
  if (collectorHost === undefined) {
    collectorHost = `http://localhost:${await freePort()}`;
    buildMs = fixture.build(collectorHost).ms;
  }
  const server = await fixture.start(collectorHost);
  return { ...server, collectorPort: Number(new URL(collectorHost).port), reused, buildMs };
}

/** @typedef {Awaited<ReturnType<typeof serveFramework>>} Served */

/**
 * The four apps served (serveFramework), each build and reuse told on the console; closed after
 * the file's tests. Called at a test file's top level, before its tests and hooks are registered:
 * node:test starts a file's `before` hooks together, and a build (synchronous, up to a minute)
 * in one would stall the browser's start in the other (WebKit's Xvfb timed out so).
 * @returns {Promise<Record<keyof typeof FRAMEWORKS, Served>>}
 */
export async function serveFrameworks() {
  /** @type {Partial<Record<keyof typeof FRAMEWORKS, Served>>} */
  const apps = {};
  try {
    for (const name of /** @type {(keyof typeof FRAMEWORKS)[]} */ (Object.keys(FRAMEWORKS))) {
      apps[name] = await serveFramework(name);
      console.log(`# ${name}: ${apps[name].reused ? 'a fresh build reused' : `built in ${apps[name].buildMs} ms`}`);
    }
  } catch (error) {
    await Promise.all(Object.values(apps).map((app) => app.close()));
    throw error;
  }
  after(() => Promise.all(Object.values(apps).map((app) => app.close())));
  return /** @type {Record<keyof typeof FRAMEWORKS, Served>} */ (apps);
}
