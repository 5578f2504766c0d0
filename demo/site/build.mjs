// Builds demo/site/src/checkout.js into a minified bundle with a source map (sourcesContent
// included), as a customer's build would: `npm run demo` and the e2e test serve the bundle
// and upload its map with bin/tracely-sourcemaps.mjs.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** @param {string} outdir @returns {Promise<string>} the bundle's path (its map is beside it, `.map`) */
export async function buildDemoBundle(outdir) {
  const outfile = resolve(outdir, 'shop.min.js');
  await build({
    entryPoints: [fileURLToPath(new URL('src/checkout.js', import.meta.url))],
    outfile, bundle: true, minify: true, format: 'iife', sourcemap: true, sourcesContent: true, logLevel: 'silent',
  });
  // Sources named from the repository root (demo/site/src/checkout.js), not from the output folder.
  const mapFile = `${outfile}.map`;
  const map = JSON.parse(await readFile(mapFile, 'utf8'));
  map.sources = map.sources.map((/** @type {string} */ s) => relative(ROOT, resolve(outdir, s)));
  await writeFile(mapFile, JSON.stringify(map));
  return outfile;
}
