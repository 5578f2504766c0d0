// Runs before `npm run demo` and `npm test` (the predemo and pretest scripts): on a fresh
// clone, or after package.json or the lockfile changed, it installs the dependencies first,
// so the README's two commands work with nothing installed by hand.
import { existsSync, statSync, utimesSync } from 'node:fs';
import { execSync } from 'node:child_process';

const root = new URL('..', import.meta.url);
// The package, then the e2e app fixtures that need dependencies of their own (React 18 cannot sit
// beside the package's React 19 in one node_modules; the Next.js, Nuxt and Angular apps are projects of their own).
const FOLDERS = ['', 'test/apps/react18-dev/', 'test/apps/next-app/', 'test/apps/nuxt-app/', 'test/apps/angular-app/'];

for (const folder of FOLDERS) {
  const dir = new URL(folder, root);
  const installed = new URL('node_modules/.package-lock.json', dir);
  const newer = (file) => existsSync(new URL(file, dir)) && statSync(new URL(file, dir)).mtimeMs > statSync(installed).mtimeMs;
  if (!existsSync(installed) || newer('package.json') || newer('package-lock.json')) {
    console.log(`setup: installing dependencies (npm install${folder ? ` in ${folder}` : ''})...`);
    execSync('npm install --no-audit --no-fund', { cwd: dir, stdio: 'inherit' });
    // npm leaves the marker alone when nothing changed: mark this install as the newest.
    if (existsSync(installed)) utimesSync(installed, new Date(), new Date());
  }
}
