// Builds and serves the Angular fixture (test/apps/angular-app: Angular 21 with zone.js) as a
// user's app would be: the packed package, then the production build by Angular's application
// builder (the app's build.mjs, `ng build` without the CLI), served by the app's static server
// (server.mjs, index.html for every route). Its other dependencies (Angular, rxjs, zone.js,
// web-vitals) are installed by scripts/ensure-deps.mjs.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, freePort, startApp } from './framework-app.mjs';

export const APP_DIR = fileURLToPath(new URL('./angular-app/', import.meta.url));
/** No usage data asked for or sent (the CLI is not used; its setting says the same). */
const ENV = { ...process.env, NG_CLI_ANALYTICS: 'false' };

/**
 * The production build from scratch with the collector's URL as the builder's `define`. Returns
 * the build's output and how long the build took.
 * @param {string} collectorHost
 * @returns {{ log: string, ms: number }}
 */
export function buildAngularApp(collectorHost) {
  const env = { ...ENV, TRACELY_HOST: collectorHost };
  return buildApp({ name: 'angular-app', appDir: APP_DIR, command: [join(APP_DIR, 'build.mjs')], env, clean: ['dist', '.angular'] });
}

/**
 * The same app built without zone.js (`provideZonelessChangeDetection()`, no polyfills), as
 * Angular 21's new apps run, into dist-zoneless.
 * @param {string} collectorHost
 * @returns {{ log: string, ms: number }}
 */
export function buildAngularZonelessApp(collectorHost) {
  const env = { ...ENV, TRACELY_HOST: collectorHost, ZONELESS: '1' };
  return buildApp({ name: 'angular-app', appDir: APP_DIR, command: [join(APP_DIR, 'build.mjs')], env, clean: ['dist-zoneless', '.angular'] });
}

/**
 * The same app with the SDK as a script tag in index.html's <head> (or, on `?load=loader`, the
 * async loader snippet: server.mjs picks), not imported, into dist-tag. The collector's URL goes
 * into the page when it is served (startAngularApp's `collectorHost`).
 * @returns {{ log: string, ms: number }}
 */
export function buildAngularTagApp() {
  const env = { ...ENV, TAG: '1' };
  return buildApp({ name: 'angular-app', appDir: APP_DIR, command: [join(APP_DIR, 'build.mjs')], env, clean: ['dist-tag', '.angular'] });
}

/**
 * The app's static server on a free port of 127.0.0.1, serving `dist` (or `dist-zoneless`, or
 * `dist-tag` with `collectorHost` in its pages); `log()` is everything it printed so far.
 */
export async function startAngularApp(dist = 'dist', collectorHost = '') {
  const port = await freePort();
  const env = { ...ENV, PORT: String(port), HOST: '127.0.0.1', DIST: dist, TRACELY_HOST: collectorHost };
  return startApp({ name: 'angular-app', appDir: APP_DIR, command: [join(APP_DIR, 'server.mjs')], env, ready: /Listening on/, port });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  /** @type {[string, (collectorHost: string) => { log: string, ms: number }][]} */
  const builds = [['angular build', buildAngularApp], ['angular build (zoneless)', buildAngularZonelessApp], ['angular build (script tag)', buildAngularTagApp]];
  for (const [name, build] of builds) {
    const { log, ms } = build(process.argv[2] || 'http://localhost:9');
    console.log(`${log}\n${name}: ${ms} ms`);
  }
}
