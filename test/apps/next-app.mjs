// Builds and serves the Next.js fixture (test/apps/next-app) as a user's app would be: the packed
// package, then `next build` and `next start` (framework-app.mjs). Its other dependencies (next,
// react, web-vitals) are installed by scripts/ensure-deps.mjs.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, freePort, startApp } from './framework-app.mjs';

export const APP_DIR = fileURLToPath(new URL('./next-app/', import.meta.url));
const NEXT_BIN = join(APP_DIR, 'node_modules/next/dist/bin/next');
/** No usage data sent home (`next telemetry`), nowhere to send it here anyway. */
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/**
 * `next build` from scratch with the collector's URL as the app's public setting. Returns the
 * build's output and how long the build took.
 * @param {string} collectorHost
 * @returns {{ log: string, ms: number }}
 */
export function buildNextApp(collectorHost) {
  const env = { ...ENV, NEXT_PUBLIC_TRACELY_HOST: collectorHost };
  return buildApp({ name: 'next-app', appDir: APP_DIR, command: [NEXT_BIN, 'build'], env, clean: ['.next'] });
}

/** `next start` on a free port of 127.0.0.1; `log()` is everything the server printed so far. */
export async function startNextApp() {
  const port = await freePort();
  const command = [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'];
  return startApp({ name: 'next-app', appDir: APP_DIR, command, env: ENV, ready: /Ready in/, port });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { log, ms } = buildNextApp(process.argv[2] || 'http://localhost:9');
  console.log(`${log}\nnext build: ${ms} ms`);
}
