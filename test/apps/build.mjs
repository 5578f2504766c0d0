// Builds the app fixtures with Vite (once per e2e run: apps.spec.ts calls it in beforeAll).
// react18-dev has its own dependencies (React 18 cannot sit beside the React 19 of the root
// package): scripts/ensure-deps.mjs installs them.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export const APPS = ['vue3-router', 'react19-router', 'react18-dev'];

export async function buildApps(names = APPS) {
  for (const name of names) {
    await build({ configFile: fileURLToPath(new URL(`./${name}/vite.config.mjs`, import.meta.url)) });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildApps(process.argv.slice(2).length ? process.argv.slice(2) : APPS);
