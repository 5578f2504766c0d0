// Prints the gzip size of every bundle and fails when the script-tag bundle is over budget.
// The consent-manager helpers (consent/) are separate entries: each IIFE (.min.js) is what a
// script-tag page adds for that helper, and its size is reported on its own.
// Then the tree-shakable way in: an app fixture (size-fixtures/modular-errors.js: Client, error
// capture, stock delivery) bundled from the built dist/index.mjs with esbuild, minified, gzip -9,
// against its own budget; and the added cost of each optional part, one fixture per part.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// Budgets in force: CI fails above them. They hold the sizes reached on 2026-11-30 (script tag
// 17 380 B, modular app 13 715 B), so nothing grows unnoticed. The host-safety work of issue 8
// (own JSON shield, descriptions without page code, bounded copies, per-part guards, spool
// validation) took the script tag past its earlier 16 KiB budget. Issue 9's targets are lower
// and not reached yet: both are printed beside the budgets.
// Issue 11 (delivery edges: repeat items, unconfirmed beacons kept, fast recovery) measured
// +352 B on the script tag (17 380 -> 17 732) and +372 B on the modular app (13 715 -> 14 087);
// the budgets grow by exactly that.
export const SCRIPT_TAG_BUDGET = 17 * 1024 + 352;
export const SCRIPT_TAG_TARGET = 14 * 1024;
// An app with error capture and stock delivery only, error-stack-parser included.
export const MODULAR_ERRORS_BUDGET = 13.5 * 1024 + 372;
export const MODULAR_ERRORS_TARGET = 6 * 1024;
const target = (gz, goal) => (gz > goal ? `, issue-9 target ${goal} not met` : `, target ${goal} met`);
const dir = new URL(`../${process.env.TRACELY_OUT || 'dist'}/`, import.meta.url);
const list = (sub, pattern) => (existsSync(new URL(sub, dir)) ? readdirSync(new URL(sub, dir)).filter((f) => pattern.test(f)).sort().map((f) => sub + f) : []);
const files = [...list('', /\.(m?js|cjs)$/), ...list('consent/', /\.min\.js$/)];
let over = false;
console.log(`${"bundle".padEnd(36)} raw bytes   gzip bytes`);
for (const file of files) {
  const code = readFileSync(new URL(file, dir));
  const gz = gzipSync(code, { level: 9 }).length;
  const budget = file === 'tracely.min.js' ? SCRIPT_TAG_BUDGET : undefined;
  const flag = budget ? (gz > budget ? `  OVER budget ${budget}` : `  (budget ${budget}${target(gz, SCRIPT_TAG_TARGET)})`) : '';
  if (budget && gz > budget) over = true;
  console.log(`${file.padEnd(36)} ${String(code.length).padStart(9)}   ${String(gz).padStart(10)}${flag}`);
}

// The modular fixture and its variants: each optional part added on its own.
const fixture = readFileSync(new URL('./size-fixtures/modular-errors.js', import.meta.url), 'utf8');
const variants = {
  'errors only (Client, stock)': {},
  '+ breadcrumbs()': { part: 'breadcrumbs' },
  '+ routes()': { part: 'routes' },
  '+ dwell()': { part: 'dwell' },
  '+ webVitals()': { part: 'webVitals' },
  '+ batchDialect()': { dialect: true },
};
async function appSize({ part, dialect }) {
  let code = fixture;
  if (part) code = code.replace('/* PART_IMPORT */', `import { ${part} } from '@tracely/browser';`).replace('/* PARTS */', `, [${part}()]`);
  if (dialect) code = code.replace('/* PART_IMPORT */', `import { batchDialect } from '@tracely/browser';`).replace('/* DIALECT */', ', dialect: batchDialect()');
  const result = await build({
    stdin: { contents: code, resolveDir: fileURLToPath(new URL('./size-fixtures/', import.meta.url)), loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    alias: { '@tracely/browser': fileURLToPath(new URL('index.mjs', dir)) },
    logLevel: 'silent',
  });
  const out = result.outputFiles[0].contents;
  return [out.length, gzipSync(out, { level: 9 }).length];
}
let modularOver = false;
if (existsSync(new URL('index.mjs', dir))) {
  console.log(`\n${'app fixture (esbuild, minified)'.padEnd(36)} raw bytes   gzip bytes   added gzip`);
  let base = 0;
  for (const [name, variant] of Object.entries(variants)) {
    const [raw, gz] = await appSize(variant);
    const budget = name.startsWith('errors only') ? MODULAR_ERRORS_BUDGET : undefined;
    if (budget) base = gz;
    if (budget && gz > budget) modularOver = true;
    const flag = budget ? (gz > budget ? `  OVER budget ${budget}` : `  (budget ${budget}${target(gz, MODULAR_ERRORS_TARGET)})`) : `   ${String(`+${gz - base}`).padStart(10)}`;
    console.log(`${name.padEnd(36)} ${String(raw).padStart(9)}   ${String(gz).padStart(10)}${flag}`);
  }
}
if (over) console.error('size: the script-tag bundle is over its gzip budget');
if (modularOver) console.error('size: the modular errors-only app is over its gzip budget');
if (over || modularOver) process.exit(1);
