// Builds every SDK the same way: one minified IIFE per SDK, held in memory (nothing written).
// Peers: esbuild bundles the tiny entry in sdks/ (which imports only what it calls, so the
// peer is tree-shaken as an app's bundler would), minified, browser platform, esbuild's default
// target (modern syntax: no down-levelling helpers, the peers' smallest and fastest form).
// Tracely: the project's dist/tracely.min.js, as shipped, with its adapter appended.
// gzip bytes are `gzip -9` of exactly the script the page runs (SDK plus its ~0.1 KB adapter).
import { readFileSync, existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const root = here('../../');
export const TRACELY_DIST = here('../../dist/tracely.min.js');

export const PEERS = { sentry: '@sentry/browser', datadog: '@datadog/browser-logs', faro: '@grafana/faro-web-sdk' };

const gzip = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;
const stripMapComment = (code) => code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
const versionOf = (pkg) => JSON.parse(readFileSync(here(`../../node_modules/${pkg}/package.json`))).version;

async function esbuildEntry(name) {
  const result = await build({
    entryPoints: [here(`sdks/${name}.js`)],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Returns [{ name, label, code, gzipBytes, rawBytes, note }], Tracely first. */
export async function buildAll() {
  if (!existsSync(TRACELY_DIST)) {
    console.log('dist/tracely.min.js is missing: running npm run build');
    execSync('npm run build', { cwd: root, stdio: 'inherit' });
  }
  // Read once: others may rebuild dist/ while the benchmark runs.
  const dist = readFileSync(TRACELY_DIST, 'utf8');
  const distMap = existsSync(`${TRACELY_DIST}.map`) ? JSON.parse(readFileSync(`${TRACELY_DIST}.map`, 'utf8')) : undefined;
  const version = JSON.parse(readFileSync(here('../../package.json'))).version;
  // The same bundle twice: with its defaults (stock dialect), and with the batch dialect.
  const tracely = async (name, label) => ({
    name,
    label: `Tracely ${version} (dist${label})`,
    code: stripMapComment(dist) + ';\n' + (await transform(readFileSync(here(`sdks/${name}.js`), 'utf8'), { minify: true, legalComments: 'none' })).code,
    bundleGzip: gzip(dist),
    builtAt: statSync(TRACELY_DIST).mtime,
    sourceMap: distMap,
  });
  const sdks = [await tracely('tracely', ''), await tracely('tracely-batch', ', batch dialect')];
  for (const [name, pkg] of Object.entries(PEERS)) {
    sdks.push({ name, label: `${pkg} ${versionOf(pkg)}`, code: await esbuildEntry(name) });
  }
  for (const s of sdks) {
    if (/<\/script|<!--/i.test(s.code)) throw new Error(`${s.name}: the bundle contains </script or <!-- and cannot be inlined as is`);
    s.rawBytes = Buffer.byteLength(s.code);
    s.gzipBytes = gzip(s.code);
  }
  // The floor (sdks/floor.js): a reference row, never a peer.
  const floor = { name: 'floor', label: 'floor: least work any SDK does (not an SDK)', reference: true, code: await esbuildEntry('floor') };
  floor.rawBytes = Buffer.byteLength(floor.code);
  floor.gzipBytes = gzip(floor.code);
  sdks.push(floor);
  const none = { name: 'none', label: 'no SDK (control)', code: readFileSync(here('sdks/none.js'), 'utf8') };
  return { sdks, none, distSource: dist };
}
