// Runs before `npm run demo` and `npm test` (the predemo and pretest scripts): on a fresh
// clone, or after package.json or the lockfile changed, it installs the dependencies first,
// so the README's two commands work with nothing installed by hand.
import { existsSync, statSync, utimesSync } from 'node:fs';
import { spawn } from 'node:child_process';

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

/** One project's install ('' the package), its output printed whole when it ends (five at once would interleave line by line). */
function install(folder) {
  return new Promise((resolve, reject) => {
    const child = spawn(INSTALL, { cwd: dirOf(folder), shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const name = folder || 'the package';
      process.stdout.write(`setup: ${name}: npm install ${code === 0 ? 'done' : `failed (exit ${code})`}\n${output}`);
      if (code !== 0) return reject(new Error(`npm install in ${name} failed`));
      markInstalled(folder);
      resolve();
    });
  });
}

// The package and the apps are independent projects, installed side by side: the package's
// install builds better-sqlite3 from source (CPU-bound, about 2 min), the apps' wait on the
// registry and the disk. Two clean-clone CI runs: 191 and 198 s side by side, against 157 + 42 s
// one after the other (the package's build slows while the apps unpack: hardly a gain in time,
// but CI now installs exactly as `npm test` does on a fresh clone, with no install of its own).
const projects = ['', ...APP_FOLDERS].filter(needsInstall);
if (projects.length) {
  console.log(`setup: npm install in ${projects.map((folder) => folder || 'the package').join(', ')}, side by side (about 3 min on a fresh clone)...`);
  await Promise.all(projects.map(install));
}
