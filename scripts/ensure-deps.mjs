// Runs before `npm run demo` and `npm test` (the predemo and pretest scripts): on a fresh
// clone, or after package.json or the lockfile changed, it installs the dependencies first,
// so the README's two commands work with nothing installed by hand.
import { existsSync, statSync, utimesSync } from 'node:fs';
import { execSync, spawn } from 'node:child_process';

const root = new URL('..', import.meta.url);
// The e2e app fixtures that need dependencies of their own (React 18 cannot sit beside the
// package's React 19 in one node_modules; the Next.js, Nuxt and Angular apps are projects of their own).
const APP_FOLDERS = ['test/apps/react18-dev/', 'test/apps/next-app/', 'test/apps/nuxt-app/', 'test/apps/angular-app/'];
const INSTALL = 'npm install --no-audit --no-fund';

const dirOf = (folder) => new URL(folder, root);
const marker = (folder) => new URL('node_modules/.package-lock.json', dirOf(folder));

function needsInstall(folder) {
  const installed = marker(folder);
  const newer = (file) => existsSync(new URL(file, dirOf(folder))) && statSync(new URL(file, dirOf(folder))).mtimeMs > statSync(installed).mtimeMs;
  return !existsSync(installed) || newer('package.json') || newer('package-lock.json');
}

/** npm leaves the marker alone when nothing changed: mark this install as the newest. */
function markInstalled(folder) {
  if (existsSync(marker(folder))) utimesSync(marker(folder), new Date(), new Date());
}

/** One app's install, its output printed whole when it ends (four at once would interleave line by line). */
function installApp(folder) {
  return new Promise((resolve, reject) => {
    const child = spawn(INSTALL, { cwd: dirOf(folder), shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      process.stdout.write(`setup: ${folder}: npm install ${code === 0 ? 'done' : `failed (exit ${code})`}\n${output}`);
      if (code !== 0) return reject(new Error(`npm install in ${folder} failed`));
      markInstalled(folder);
      resolve();
    });
  });
}

// The package first, alone: its install builds better-sqlite3 from source (CPU-bound, about 2 min).
if (needsInstall('')) {
  console.log('setup: installing dependencies (npm install)...');
  execSync(INSTALL, { cwd: root, stdio: 'inherit' });
  markInstalled('');
}
// The apps are independent projects: installed side by side (they wait on the registry and
// the disk more than on the CPU; 4 in a row took 45-60 s of a CI run).
const apps = APP_FOLDERS.filter(needsInstall);
if (apps.length) {
  console.log(`setup: installing the e2e apps' dependencies (npm install in ${apps.join(', ')}), side by side...`);
  await Promise.all(apps.map(installApp));
}
