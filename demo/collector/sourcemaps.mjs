// Source maps: stored per app under release + minified file URL (uploaded by a build, see
// bin/tracely-sourcemaps.mjs), and used to resolve an error's minified frames to original
// file, line, column, function and the code around it. The minified frames are never
// replaced: the resolved ones are kept beside them, and a frame that cannot be resolved
// says why.
import { createHash } from 'node:crypto';
import { TraceMap, originalPositionFor, sourceContentFor, decodedMappings } from '@jridgewell/trace-mapping';
import { framesOf } from './stack-frames.mjs';
import { isObject } from './items.mjs';

/** Largest source map accepted, in bytes (a big app's vendor chunk with sourcesContent is a few MiB). */
export const MAX_SOURCE_MAP_BYTES = 16 * 1024 * 1024;
/** Uploads whose bodies are read at once; more answer 503 Retry-After (each holds up to MAX_SOURCE_MAP_BYTES). */
export const MAX_UPLOADS_IN_FLIGHT = 4;
/** Longest release name and file URL accepted, in characters. */
export const MAX_RELEASE_CHARS = 200;
export const MAX_FILE_URL_CHARS = 2048;
/** Bytes of maps stored per app; past it the oldest uploads leave (a build's maps replace old releases'). */
export const MAX_SOURCE_MAP_BYTES_PER_APP = 512 * 1024 * 1024;
/** Parsed maps kept in memory (least recently used leave first). */
export const MAX_CACHED_MAPS = 32;
/** Frames of one error resolved; the rest stay minified only. */
export const MAX_RESOLVED_FRAMES = 50;
/** Original code lines shown above and below a frame's line. */
export const CONTEXT_LINES = 3;
/** Characters kept of one original code line (a minified vendor source can have huge lines). */
export const MAX_CONTEXT_LINE_CHARS = 300;
/** Hex characters of a map's digest (128 bits of SHA-256: two different maps never share one in practice). */
export const MAP_DIGEST_HEX_CHARS = 32;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS source_maps (
  app_id TEXT NOT NULL, release TEXT NOT NULL, file_url TEXT NOT NULL, map TEXT NOT NULL,
  bytes INTEGER NOT NULL, uploaded_at INTEGER NOT NULL, digest TEXT, PRIMARY KEY (app_id, release, file_url));
`;

/**
 * What identifies a stored map: the digest of its file URL and its stored text (the upload
 * parsed and encoded again, so the same map sent with other whitespace is the same map; the
 * same text stored for two files is two maps). A report records the digests of the maps that
 * resolved it, so a replaced map finds the reports its old content resolved, and the same map
 * uploaded again finds none.
 * @param {string} file the map's key @param {string} text
 */
export const mapDigest = (file, text) => createHash('sha256').update(`${file}\n`, 'utf8').update(text, 'utf8').digest('hex').slice(0, MAP_DIGEST_HEX_CHARS);

/**
 * A report's resolution: its original frames, and the digests of the maps that made them
 * (sorted, each once).
 * @typedef {{ frames: OriginalFrame[], maps: string[] }} Resolution
 */

/**
 * One resolved frame: where the minified position came from. `context` only when the map has
 * the source's text (`sourcesContent`).
 * @typedef {{ file: string, line: number, column: number, function: string | null,
 *   context?: { first: number, lines: string[] } }} OriginalPosition
 * @typedef {OriginalPosition | { unresolved: string }} OriginalFrame
 */

/**
 * The keys a frame's file URL finds its map under, in order: the URL as the stack names it,
 * then without its query and hash (a build uploads `app.js` for `app.js?v=3`).
 * @param {string} file
 */
export const mapLookupKeys = (file) => {
  const bare = file.split(/[?#]/)[0];
  return bare === file ? [file] : [file, bare];
};

/** The last path segment of a URL or path, without query or hash. @param {string} text */
const baseName = (text) => text.split(/[?#]/)[0].split('/').pop() ?? '';

/**
 * Why a release name or file URL cannot key a map, or null.
 * @param {string | null} release @param {string | null} file
 */
export function keyProblem(release, file) {
  if (!release || release.length > MAX_RELEASE_CHARS) return `release is required (1..${MAX_RELEASE_CHARS} characters)`;
  if (!file || file.length > MAX_FILE_URL_CHARS) return `file is required: the minified file's URL (1..${MAX_FILE_URL_CHARS} characters)`;
  let url;
  try { url = new URL(file); } catch { return 'file must be an absolute URL (the one in the stack traces)'; }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'file must be an http or https URL';
  return null;
}

/**
 * A parsed source map, decoded, or why it cannot serve `file`. Decoding it with trace-mapping
 * is the last check, so a map that passes can be resolved against.
 * @param {Record<string, unknown>} map @param {string} file
 * @returns {{ problem: string } | { decoded: TraceMap }}
 */
function checkMap(map, file) {
  if (map.version !== 3) return { problem: 'not a source map: "version" must be 3' };
  if (map.sections !== undefined) return { problem: 'indexed source maps ("sections") are not supported: upload one map per file' };
  if (typeof map.mappings !== 'string') return { problem: 'not a source map: "mappings" must be a string' };
  if (!Array.isArray(map.sources) || !map.sources.every((s) => s === null || typeof s === 'string')) return { problem: 'not a source map: "sources" must be an array of strings' };
  // The map names the file it was made for: it must be the one it is uploaded for.
  if (typeof map.file === 'string' && map.file !== '' && baseName(map.file) !== baseName(file)) {
    return { problem: `the map is for "${baseName(map.file).slice(0, 200)}", not for "${baseName(file).slice(0, 200)}"` };
  }
  try {
    const decoded = new TraceMap(/** @type {any} */ (map));
    decodedMappings(decoded);
    return { decoded };
  } catch (err) {
    return { problem: `the map cannot be read: ${String(/** @type {Error} */ (err)?.message).slice(0, 200)}` };
  }
}

/**
 * Why a parsed source map cannot serve `file`, or null.
 * @param {Record<string, unknown>} map @param {string} file
 */
export function mapProblem(map, file) {
  const checked = checkMap(map, file);
  return 'problem' in checked ? checked.problem : null;
}

/** Where each line of a source's text starts (character offsets), per parsed map: found once, not per frame. */
/** @type {WeakMap<TraceMap, Map<string, Uint32Array>>} */
const lineStarts = new WeakMap();

/**
 * The lines `from`..`to` (1-based, clamped) of a map's source text, split as `/\r?\n/` would.
 * @param {TraceMap} map @param {string} source @param {string} text its `sourcesContent`
 * @param {number} from @param {number} to
 */
function linesOf(map, source, text, from, to) {
  let bySource = lineStarts.get(map);
  if (!bySource) lineStarts.set(map, (bySource = new Map()));
  let starts = bySource.get(source);
  if (!starts) {
    const found = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i + 1);
    bySource.set(source, (starts = Uint32Array.from(found)));
  }
  const first = Math.max(1, from);
  const last = Math.min(starts.length, to);
  /** @type {string[]} */
  const lines = [];
  for (let n = first; n <= last; n++) {
    const end = n < starts.length ? starts[n] - 1 : text.length;
    const line = text.slice(starts[n - 1], end);
    lines.push(n < starts.length && line.endsWith('\r') ? line.slice(0, -1) : line);
  }
  return { first, lines };
}

/**
 * @param {import('better-sqlite3').default} db
 * @param {number} [maxBytesPerApp] MAX_SOURCE_MAP_BYTES_PER_APP unless a test wants less
 */
export function createSourceMaps(db, maxBytesPerApp = MAX_SOURCE_MAP_BYTES_PER_APP) {
  db.exec(SCHEMA);
  // A database from before digests: its maps get theirs when first read (digestOf).
  const columns = /** @type {{ name: string }[]} */ (db.prepare("SELECT name FROM pragma_table_info('source_maps')").all());
  if (!columns.some((c) => c.name === 'digest')) db.exec('ALTER TABLE source_maps ADD COLUMN digest TEXT');
  const q = {
    put: db.prepare(`INSERT INTO source_maps (app_id, release, file_url, map, bytes, uploaded_at, digest) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (app_id, release, file_url) DO UPDATE SET map = excluded.map, bytes = excluded.bytes, uploaded_at = excluded.uploaded_at, digest = excluded.digest`),
    /** @type {import('better-sqlite3').Statement<{ map: string, digest: string | null }>} */
    get: db.prepare('SELECT map, digest FROM source_maps WHERE app_id = ? AND release = ? AND file_url = ?'),
    /** @type {import('better-sqlite3').Statement<{ digest: string | null }>} */
    digest: db.prepare('SELECT digest FROM source_maps WHERE app_id = ? AND release = ? AND file_url = ?'),
    setDigest: db.prepare('UPDATE source_maps SET digest = ? WHERE app_id = ? AND release = ? AND file_url = ?'),
    /** @type {import('better-sqlite3').Statement<{ release: string, file_url: string, bytes: number, uploaded_at: number }>} */
    list: db.prepare('SELECT release, file_url, bytes, uploaded_at FROM source_maps WHERE app_id = ? ORDER BY uploaded_at DESC LIMIT ?'),
    /** @type {import('better-sqlite3').Statement<{ n: number | null }>} */
    total: db.prepare('SELECT SUM(bytes) AS n FROM source_maps WHERE app_id = ?'),
    /** @type {import('better-sqlite3').Statement<{ release: string, file_url: string, bytes: number }>} */
    oldest: db.prepare('SELECT release, file_url, bytes FROM source_maps WHERE app_id = ? AND NOT (release = ? AND file_url = ?) ORDER BY uploaded_at, rowid LIMIT 64'),
    remove: db.prepare('DELETE FROM source_maps WHERE app_id = ? AND release = ? AND file_url = ?'),
  };
  /** @typedef {{ map: TraceMap, digest: string }} StoredMap a parsed map and its digest */
  /** @type {Map<string, StoredMap | null>} key → parsed map, or null: none stored */
  const cache = new Map();
  /** @param {string} appId @param {string} release @param {string} file */
  const keyOf = (appId, release, file) => `${appId}\n${release}\n${file}`;

  /**
   * Forgets what the cache says for every frame URL that looks this map up (`app.js?v=3` as
   * well as `app.js`), so a map stored or removed takes effect at once.
   * @param {string} appId @param {string} release @param {string} file the map's key
   */
  const forget = (appId, release, file) => {
    const prefix = keyOf(appId, release, '');
    for (const key of cache.keys()) {
      if (key.startsWith(prefix) && mapLookupKeys(key.slice(prefix.length)).includes(file)) cache.delete(key);
    }
  };

  /** Caches `map` as the most recently used; the least recently used leaves past MAX_CACHED_MAPS. @param {string} key @param {StoredMap | null} map */
  const remember = (key, map) => {
    cache.delete(key);
    if (cache.size >= MAX_CACHED_MAPS) cache.delete(/** @type {string} */ (cache.keys().next().value));
    cache.set(key, map);
  };

  /**
   * The digest of a stored map's text, written beside it if it had none (stored before digests).
   * @param {string} appId @param {string} release @param {string} file the map's key @param {string} text its stored text
   */
  const backfill = (appId, release, file, text) => {
    const digest = mapDigest(file, text);
    q.setDigest.run(digest, appId, release, file);
    return digest;
  };

  /** @param {string} appId @param {string} release @param {string} file @returns {StoredMap | null} */
  function mapFor(appId, release, file) {
    const key = keyOf(appId, release, file);
    let map = cache.get(key);
    if (map === undefined) {
      let row;
      let found = file;
      for (const k of mapLookupKeys(file)) if ((row = q.get.get(appId, release, (found = k)))) break;
      // Checked on upload, so parsing cannot fail here.
      map = row ? { map: new TraceMap(row.map), digest: row.digest ?? backfill(appId, release, found, row.map) } : null;
    }
    remember(key, map);
    return map;
  }

  /**
   * The original position of one minified frame, with the code around it.
   * @param {TraceMap} map @param {number} line 1-based @param {number} column 1-based, as in stacks
   * @param {string | null} name the function name found at the caller's position
   * @returns {OriginalFrame}
   */
  function resolve(map, line, column, name) {
    const lines = decodedMappings(map).length;
    if (line > lines) return { unresolved: `the map does not match the file: line ${line} is past its ${lines} lines` };
    const pos = originalPositionFor(map, { line, column: Math.max(0, column - 1) });
    if (pos.source === null) return { unresolved: `no mapping at line ${line}, column ${column}` };
    /** @type {OriginalPosition} */
    const frame = { file: pos.source, line: pos.line, column: pos.column + 1, function: name };
    const text = sourceContentFor(map, pos.source);
    if (text != null) {
      const { first, lines } = linesOf(map, pos.source, text, pos.line - CONTEXT_LINES, pos.line + CONTEXT_LINES);
      frame.context = { first, lines: lines.map((l) => (l.length > MAX_CONTEXT_LINE_CHARS ? `${l.slice(0, MAX_CONTEXT_LINE_CHARS)}…` : l)) };
    }
    return frame;
  }

  return {
    /**
     * Checks and stores a map; a later upload under the same key replaces it.
     * @param {string} appId @param {string} release @param {string} file @param {Record<string, unknown>} map @param {number} bytes
     * @returns {{ ok: true, sources: number, withContent: number } | { ok: false, reason: string }}
     */
    put(appId, release, file, map, bytes) {
      const checked = checkMap(map, file);
      if ('problem' in checked) return { ok: false, reason: checked.problem };
      const text = JSON.stringify(map);
      const digest = mapDigest(file, text);
      q.put.run(appId, release, file, text, bytes, Date.now(), digest);
      forget(appId, release, file);
      // Decoded already: the reports that need it next (re-resolution, the next arrivals) need not parse it again.
      remember(keyOf(appId, release, file), { map: checked.decoded, digest });
      // Bounded per app: the oldest uploads leave, never the one just stored.
      let total = q.total.get(appId)?.n ?? 0;
      while (total > maxBytesPerApp) {
        const old = q.oldest.all(appId, release, file);
        if (old.length === 0) break;
        for (const m of old) {
          if (total <= maxBytesPerApp) break;
          q.remove.run(appId, m.release, m.file_url);
          forget(appId, m.release, m.file_url);
          total -= m.bytes;
        }
      }
      const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
      return { ok: true, sources: /** @type {unknown[]} */ (map.sources).length, withContent: contents.filter((c) => typeof c === 'string').length };
    },

    /** @param {string} appId @param {number} limit */
    list: (appId, limit) => q.list.all(appId, limit),

    /**
     * The digest of the map stored under exactly this key, or null: none is.
     * @param {string} appId @param {string} release @param {string} file
     * @returns {string | null}
     */
    digestOf(appId, release, file) {
      const row = q.digest.get(appId, release, file);
      if (!row) return null;
      if (row.digest !== null) return row.digest;
      const text = q.get.get(appId, release, file)?.map;
      return text === undefined ? null : backfill(appId, release, file, text);
    },

    /**
     * Resolves an error's frames (`frames`, client JSON of any shape, or parsed from `stack`)
     * with the maps of its release.
     * Frames come innermost first, so a frame's function is named at its caller's position
     * (the next frame): that is where the original name of the called function sits.
     * @param {Record<string, unknown>} body
     * @returns {OriginalFrame[] | null} one entry per frame; null when nothing could be resolved against a map
     */
    symbolicate: (body) => resolution(body)?.frames ?? null,

    /**
     * symbolicate's frames, with the digests of the maps that made them: stored beside them, so a
     * map replaced later (new content under the same key) knows which reports its old content resolved.
     * @param {Record<string, unknown>} body
     * @returns {Resolution | null}
     */
    resolution: (body) => resolution(body),
  };

  /** @param {Record<string, unknown>} body @returns {Resolution | null} */
  function resolution(body) {
    // Resolution runs inside the ingest transaction: it must never fail the report.
    try { return resolveAll(body); } catch { return null; }
  }

  /** @param {Record<string, unknown>} body @returns {Resolution | null} */
  function resolveAll(body) {
    const { appId, release } = body;
    if (typeof appId !== 'string' || typeof release !== 'string' || release === '') return null;
    const frames = framesOf(body);
    if (!frames || frames.length === 0) return null;
    let mapped = false;
    /** @type {Set<string>} */
    const digests = new Set();
    /** @param {unknown} f @returns {{ map: TraceMap, line: number, column: number } | string} the position, or why there is none */
    const position = (f) => {
      if (!isObject(f) || typeof f.file !== 'string' || f.file.length > MAX_FILE_URL_CHARS) return 'no file to look a map up for';
      const line = f.line; const column = f.column;
      if (!Number.isSafeInteger(line) || !Number.isSafeInteger(column) || /** @type {number} */ (line) < 1 || /** @type {number} */ (column) < 1) return 'no line and column to resolve';
      const stored = mapFor(appId, release, f.file);
      if (!stored) return 'no source map for this file in this release';
      digests.add(stored.digest);
      return { map: stored.map, line: /** @type {number} */ (line), column: /** @type {number} */ (column) };
    };
    const positions = frames.slice(0, MAX_RESOLVED_FRAMES).map(position);
    const out = positions.map((p, i) => {
      if (typeof p === 'string') return { unresolved: p };
      mapped = true;
      const caller = positions[i + 1];
      const name = caller && typeof caller !== 'string' ? originalPositionFor(caller.map, { line: caller.line, column: caller.column - 1 }).name : null;
      return resolve(p.map, p.line, p.column, name);
    });
    return mapped ? { frames: out, maps: [...digests].sort() } : null;
  }
}
