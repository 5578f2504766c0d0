// POST /report/sourcemap?release=<release>&file=<minified file URL>: a build uploads the
// source map of one minified file, signed like any report (HMAC headers or query). The
// router has authenticated the request and read the body (at most MAX_SOURCE_MAP_BYTES of
// JSON) by then; this checks the key and the map, stores it, and queues the re-resolution of
// the release's reports already stored (answered before it runs: `reresolving` says how many
// reports it will check).
import { sendJson } from './http.mjs';
import { keyProblem } from './sourcemaps.mjs';

export const SOURCE_MAP_PATH = '/report/sourcemap';

/**
 * @param {import('node:http').ServerResponse} res @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {ReturnType<import('./reresolve.mjs').createReresolver>} reresolver
 * @param {string} appId @param {URL} url @param {Record<string, unknown>} map @param {number} bytes
 */
export function uploadSourceMap(res, store, reresolver, appId, url, map, bytes) {
  const release = url.searchParams.get('release');
  const file = url.searchParams.get('file');
  const problem = keyProblem(release, file);
  if (problem) return sendJson(res, 400, { error: `source map refused: ${problem}` });
  const key = { release: /** @type {string} */ (release), file: /** @type {string} */ (file) };
  const stored = store.sourceMaps.put(appId, key.release, key.file, map, bytes);
  if (!stored.ok) return sendJson(res, 400, { error: `source map refused: ${stored.reason}` });
  sendJson(res, 201, { stored: { ...key, bytes, sources: stored.sources, withContent: stored.withContent },
    ...reresolver.schedule(appId, key.release, key.file) });
}
