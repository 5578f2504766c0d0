// Builds and serves the Nuxt fixture (test/apps/nuxt-app) as a user's app would be: the packed
// package, then `nuxt build` and `node .output/server/index.mjs` (framework-app.mjs). Its other
// dependencies (nuxt, vue, vue-router, web-vitals) are installed by scripts/ensure-deps.mjs.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, freePort, startApp } from './framework-app.mjs';

export const APP_DIR = fileURLToPath(new URL('./nuxt-app/', import.meta.url));
const NUXT_BIN = join(APP_DIR, 'node_modules/nuxt/bin/nuxt.mjs');
/** No usage data sent home, nowhere to send it here anyway. */
const ENV = { ...process.env, NUXT_TELEMETRY_DISABLED: '1' };

/**
 * `nuxt build` from scratch. Returns the build's output and how long the build took.
 * @returns {{ log: string, ms: number }}
 */
export function buildNuxtApp() {
  return buildApp({ name: 'nuxt-app', appDir: APP_DIR, command: [NUXT_BIN, 'build'], env: ENV, clean: ['.nuxt', '.output', 'node_modules/.cache'] });
}

/**
 * The built server on a free port of 127.0.0.1, the collector's URL as its public runtime
 * setting; `log()` is everything the server printed so far.
 * @param {string} collectorHost
 */
export async function startNuxtApp(collectorHost) {
  const port = await freePort();
  const env = { ...ENV, PORT: String(port), HOST: '127.0.0.1', NUXT_PUBLIC_TRACELY_HOST: collectorHost };
  return startApp({ name: 'nuxt-app', appDir: APP_DIR, command: [join(APP_DIR, '.output/server/index.mjs')], env, ready: /Listening on/, port });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { log, ms } = buildNuxtApp();
  console.log(`${log}\nnuxt build: ${ms} ms`);
}
