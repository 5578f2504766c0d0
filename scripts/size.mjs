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

/** The async loader snippet (dist/loader.min.js), pasted inline in every page: at most 1 KiB gzip. */
export const LOADER_BUDGET = 1024;
// Budgets in force: CI fails above them. They hold the sizes reached on 2026-11-30 (script tag
// 17 380 B, modular app 13 715 B), so nothing grows unnoticed. The host-safety work of issue 8
// (own JSON shield, descriptions without page code, bounded copies, per-part guards, spool
// validation) took the script tag past its earlier 16 KiB budget. Issue 9's targets are lower
// and not reached yet: both are printed beside the budgets.
// Issue 12 (trace context): the network breadcrumbs' fetch/XHR wrapper became the one shared
// request wrapper (src/sources/requests.ts) with hooks for the trace-context part, and the error
// sources ask that part which request an error is tied to: +173 B in the script tag, which has
// no way to take the part. Raised by that much, pending the lead's decision (see the hand-back).
const ISSUE_12_SCRIPT_TAG_COST = 176 + 30; // +30: the two branches together (measured after the merge)
// Issue 10 raised both by exactly what its ways in measured (gzip, against 17 380 B and 13 715 B):
// the loader's hand-over, reportError's object form, one report per error across ways in (a
// later way in adds its fields; React 18's re-rendered twin), Vue's component fields and
// vue-router's base. The lead's shrinking work is meant to take them back.
const ISSUE_10_SCRIPT_TAG_COST = 447;
const ISSUE_10_MODULAR_COST = 353;
// The OpenTelemetry script tag (tracely.otel.min.js) names its dialect and part through a small
// registry in tracely.ts (+43 B), and parts may install at init (+15 B, trace context).
const OTEL_TAG_COST = 58;
export const SCRIPT_TAG_BUDGET = 17 * 1024 + ISSUE_12_SCRIPT_TAG_COST + ISSUE_10_SCRIPT_TAG_COST + OTEL_TAG_COST;
export const SCRIPT_TAG_TARGET = 14 * 1024;
// An app with error capture and stock delivery only, error-stack-parser included.
export const MODULAR_ERRORS_BUDGET = 13.5 * 1024 + ISSUE_10_MODULAR_COST + 50; // +50: issue 12 (the shared request hook in the error sources)
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
  const budget = file === 'tracely.min.js' ? SCRIPT_TAG_BUDGET : file === 'loader.min.js' ? LOADER_BUDGET : undefined;
  const goal = file === 'tracely.min.js' ? target(gz, SCRIPT_TAG_TARGET) : '';
  const flag = budget ? (gz > budget ? `  OVER budget ${budget}` : `  (budget ${budget}${goal})`) : '';
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
  '+ batchDialect()': { dialect: 'batchDialect' },
  '+ traceContext()': { part: 'traceContext' },
  // With breadcrumbs() the two share one fetch/XHR wrapper: what traceContext() adds to an app that has it.
  '+ breadcrumbs() + traceContext()': { part: ['breadcrumbs', 'traceContext'] },
  '+ otlpDialect()': { dialect: 'otlpDialect' },
};
async function appSize({ part, dialect }) {
  let code = fixture;
  const list = [].concat(part || []);
  if (part) code = code.replace('/* PART_IMPORT */', `import { ${list.join(', ')} } from '@tracely/browser';`).replace('/* PARTS */', `, [${list.map((p) => `${p}()`).join(', ')}]`);
  if (dialect) code = code.replace('/* PART_IMPORT */', `import { ${dialect} } from '@tracely/browser';`).replace('/* DIALECT */', `, dialect: ${dialect}()`);
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
// Entries of their own, as an app's bundler adds them (esbuild, minified, gzip -9; react external).
const ENTRY_FIXTURES = {
  '@tracely/browser/react (all)': ['react.mjs', `export { ErrorBoundary, reactErrorHandlers } from '@tracely/browser/react';`],
};
if (existsSync(new URL('react.mjs', dir))) {
  console.log(`\n${'entry (esbuild, minified)'.padEnd(36)} raw bytes   gzip bytes`);
  for (const [name, [file, contents]] of Object.entries(ENTRY_FIXTURES)) {
    const result = await build({
      stdin: { contents, resolveDir: fileURLToPath(dir), loader: 'js' },
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      external: ['react', 'react/*'],
      alias: { [name.split(' ')[0]]: fileURLToPath(new URL(file, dir)) },
      logLevel: 'silent',
    });
    const out = result.outputFiles[0].contents;
    console.log(`${name.padEnd(36)} ${String(out.length).padStart(9)}   ${String(gzipSync(out, { level: 9 }).length).padStart(10)}`);
  }
}
console.log('');
if (over) console.error('size: the script-tag bundle or the loader is over its gzip budget');
if (modularOver) console.error('size: the modular errors-only app is over its gzip budget');
if (over || modularOver) process.exit(1);
