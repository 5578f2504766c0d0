// Runs before `npm run demo` and `npm test` (the predemo and pretest scripts): on a fresh
// clone, or after package.json or the lockfile changed, it installs the dependencies first,
// so the README's two commands work with nothing installed by hand.
import { existsSync, statSync, utimesSync } from 'node:fs';
import { execSync } from 'node:child_process';

const root = new URL('..', import.meta.url);
const installed = new URL('node_modules/.package-lock.json', root);
const newer = (file) => existsSync(new URL(file, root)) && statSync(new URL(file, root)).mtimeMs > statSync(installed).mtimeMs;

if (!existsSync(installed) || newer('package.json') || newer('package-lock.json')) {
  console.log('setup: installing dependencies (npm install)...');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  // npm leaves the marker alone when nothing changed: mark this install as the newest.
  if (existsSync(installed)) utimesSync(installed, new Date(), new Date());
}
