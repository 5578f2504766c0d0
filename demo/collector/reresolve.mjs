// Re-resolution: a source map uploaded after the errors that need it (the usual order is
// "ship the build, then upload its maps", or a failed CI upload re-run) resolves the reports
// of its app and release already stored whose frames point at its file and were not resolved
// with this very map: not resolved yet, or resolved with the map it replaces (a fixed upload,
// a rebuilt artifact). Each report stores the digests of the maps that made its original
// frames (`map_digests`, see mapDigest in sourcemaps.mjs): a report whose digests hold the
// file's current one was made by this content and is not resolved again. The others get their
// original frames computed again with every map the release has now, as the ingest would; the
// raw frames are never changed, and a row is written only when its frames or digests differ,
// so uploading the same map again changes nothing.
//
// The work runs after the upload has been answered, in batches of rows with the event loop
// free between them (setImmediate), one (app, release) at a time, over at most the newest
// MAX_RERESOLVED_REPORTS reports of that release.
import { framesOf } from './stack-frames.mjs';
import { MAX_RESOLVED_FRAMES, mapLookupKeys } from './sourcemaps.mjs';
import { isObject } from './items.mjs';

/** Reports read, checked and written per batch (one transaction, then the event loop is free). */
export const RERESOLVE_ROWS_PER_BATCH = 100;
/** A batch ends early once it has run this long, in milliseconds (reports carry up to 128 KiB of body). */
export const RERESOLVE_BATCH_MS = 15;
/** Reports of the release checked per upload, newest first; older ones stay as they are. */
export const MAX_RERESOLVED_REPORTS = 20_000;
/** (app, release) re-resolutions waiting to run; an upload past it stores its map but re-resolves nothing. */
export const MAX_PENDING_RERESOLUTIONS = 64;

// Reads the release's reports newest first through (release, app_id, seq): no sort, no body parsed to find them.
// Made by the store (buildIndexes in indexes.mjs; in the background on the first start over many stored reports).
export const RERESOLVE_INDEXES = 'CREATE INDEX IF NOT EXISTS occurrences_release_app ON occurrences (release, app_id);';

/**
 * @typedef {{ seq: number, body: string, original_frames: string | null, map_digests: string | null }} Row
 * @typedef {{ appId: string, release: string, files: Set<string> }} Job
 * @typedef {{ jobs: number, checked: number, updated: number, batches: number, longestBatchMs: number }} Totals
 *   since the collector started: jobs finished, reports checked and updated, batches run, the longest batch
 * @typedef {{ reresolving: number } | { reresolving: 0, notReresolved: string }} Scheduled
 */

/**
 * Whether a frame of this report points at one of the files whose map did not make its
 * resolution: a map stored since (the first, or one replacing the map that did).
 * @param {Record<string, unknown>} body @param {unknown} digests the stored digests, or null (not resolved, or resolved before digests were kept)
 * @param {Map<string, string>} current file → the digest of its map now
 */
function needsMap(body, digests, current) {
  const frames = framesOf(body);
  if (!frames) return false;
  const made = Array.isArray(digests) ? digests : [];
  return frames.slice(0, MAX_RESOLVED_FRAMES).some((f) => isObject(f) && typeof f.file === 'string'
    && mapLookupKeys(f.file).some((key) => { const digest = current.get(key); return digest !== undefined && !made.includes(digest); }));
}

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {{ log?: (...args: unknown[]) => void, maxReports?: number, rowsPerBatch?: number, maxPending?: number }} [options]
 *   maxReports, rowsPerBatch, maxPending: MAX_RERESOLVED_REPORTS, RERESOLVE_ROWS_PER_BATCH and
 *   MAX_PENDING_RERESOLUTIONS unless a test wants less
 */
export function createReresolver(store, { log = () => {}, maxReports = MAX_RERESOLVED_REPORTS, rowsPerBatch = RERESOLVE_ROWS_PER_BATCH,
  maxPending = MAX_PENDING_RERESOLUTIONS } = {}) {
  const { db, sourceMaps, indexing } = store;
  // Prepared on first use: INDEXED BY needs the index, which may still be being built at start.
  const prepare = () => ({
    /** @type {import('better-sqlite3').Statement<Row>} */
    rows: db.prepare(`SELECT seq, body, original_frames, map_digests FROM occurrences INDEXED BY occurrences_release_app
      WHERE release = ? AND app_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`),
    /** @type {import('better-sqlite3').Statement<{ n: number }>} */
    inScope: db.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM occurrences INDEXED BY occurrences_release_app WHERE release = ? AND app_id = ? LIMIT ?)'),
    /** @type {import('better-sqlite3').Statement<{ seq: number | null }>} */
    newest: db.prepare('SELECT MAX(seq) AS seq FROM occurrences'),
    update: db.prepare('UPDATE occurrences SET original_frames = ?, map_digests = ? WHERE seq = ?'),
  });
  /** @type {ReturnType<typeof prepare> | null} */
  let prepared = null;
  const statements = () => (prepared ??= prepare());

  /** @type {Map<string, Job>} app + release → job not started yet; a later upload for the same release joins it */
  const pending = new Map();
  /** @type {(() => void)[]} */
  let waiting = [];
  /** @type {ReturnType<typeof setImmediate> | null} */
  let timer = null;
  let stopped = false;
  /** @type {Totals} */
  const totals = { jobs: 0, checked: 0, updated: 0, batches: 0, longestBatchMs: 0 };

  const settle = () => {
    if (timer !== null || pending.size > 0) return;
    for (const done of waiting) done();
    waiting = [];
  };

  /**
   * A report's original frames with every map of its release and those maps' digests, as JSON
   * texts, or null: no frame in `current`'s files waits for its map, or nothing resolves (a
   * stored resolution is never taken away), or its stored text cannot be read (that report is
   * skipped, not the job).
   * @param {Row} row @param {Map<string, string>} current file → the digest of its map now
   * @returns {{ frames: string, maps: string } | null}
   */
  function resolvedText(row, current) {
    try {
      const body = JSON.parse(row.body);
      if (!needsMap(body, row.map_digests ? JSON.parse(row.map_digests) : null, current)) return null;
      const resolved = sourceMaps.resolution(body);
      return resolved ? { frames: JSON.stringify(resolved.frames), maps: JSON.stringify(resolved.maps) } : null;
    } catch {
      return null;
    }
  }

  /**
   * One batch of a job: reads the next rows below `cursor`, rewrites those that gain frames.
   * @param {Job} job @param {number} cursor @param {number} budget rows the job may still read
   * @returns {{ read: number, updated: number, last: number }} last: the lowest seq read
   */
  function batch(job, cursor, budget) {
    const started = performance.now();
    let read = 0;
    let last = cursor;
    /** @type {[frames: string, maps: string, seq: number][]} written once the read is over: SQLite cannot write while a statement iterates */
    const writes = [];
    // The maps as they are now (one may have been replaced since the upload that queued this).
    /** @type {Map<string, string>} */
    const current = new Map();
    for (const file of job.files) {
      const digest = sourceMaps.digestOf(job.appId, job.release, file);
      if (digest !== null) current.set(file, digest);
    }
    // The file URLs as the stored JSON text spells them.
    const needles = [...current.keys()].map((file) => JSON.stringify(file).slice(1, -1));
    const q = statements();
    for (const row of q.rows.iterate(job.release, job.appId, cursor, Math.min(rowsPerBatch, budget))) {
      read++;
      last = row.seq;
      // A substring test first: most reports of a release do not name this file at all.
      if (needles.some((needle) => row.body.includes(needle))) {
        const text = resolvedText(row, current);
        if (text !== null && (text.frames !== row.original_frames || text.maps !== row.map_digests)) writes.push([text.frames, text.maps, row.seq]);
      }
      if (performance.now() - started > RERESOLVE_BATCH_MS) break;
    }
    for (const [frames, maps, seq] of writes) q.update.run(frames, maps, seq);
    return { read, updated: writes.length, last };
  }

  /** Runs the oldest pending job to its end, a batch per turn of the event loop. */
  function next() {
    timer = null;
    if (stopped || !db.open) pending.clear();
    const [key, job] = pending.entries().next().value ?? [];
    if (!key || !job) return settle();
    pending.delete(key);
    const started = performance.now();
    // Reports stored from now on are resolved on arrival with every map stored so far.
    let cursor = (statements().newest.get()?.seq ?? 0) + 1;
    let checked = 0;
    let updated = 0;
    const step = () => {
      timer = null;
      if (stopped || !db.open) return next();
      let done;
      try {
        const t0 = performance.now();
        const r = db.transaction(() => batch(job, cursor, maxReports - checked))();
        totals.batches++;
        totals.longestBatchMs = Math.max(totals.longestBatchMs, performance.now() - t0);
        checked += r.read;
        updated += r.updated;
        cursor = r.last;
        done = r.read === 0 || checked >= maxReports;
      } catch (err) {
        // Never into the server: the job is dropped, a later upload of the map runs it again.
        log(`re-resolution of ${job.appId} ${job.release} stopped: ${/** @type {Error} */ (err)?.message}`);
        done = true;
      }
      if (!done) { timer = setImmediate(step); return; }
      totals.jobs++;
      totals.checked += checked;
      totals.updated += updated;
      log(`re-resolved ${updated} of ${checked} reports of ${job.appId} ${job.release} in ${Math.round(performance.now() - started)} ms`);
      timer = setImmediate(next);
    };
    timer = setImmediate(step);
  }

  return {
    /**
     * Queues the re-resolution of a release's stored reports for a map just stored.
     * @param {string} appId @param {string} release @param {string} file the map's file URL
     * @returns {Scheduled} reresolving: the stored reports of the release that will be checked
     */
    schedule(appId, release, file) {
      if (stopped) return { reresolving: 0, notReresolved: 'the collector is closing' };
      // The server's writes (uploads too) wait for the build: this answers a direct caller.
      if (indexing.building) return { reresolving: 0, notReresolved: 'the stored reports are being indexed; upload this map again shortly' };
      let reports;
      try {
        reports = Math.min(maxReports, statements().inScope.get(release, appId, maxReports)?.n ?? 0);
      } catch {
        return { reresolving: 0, notReresolved: 'the stored reports could not be read' };
      }
      if (reports === 0) return { reresolving: 0 };
      const key = `${appId}\n${release}`;
      const job = pending.get(key);
      if (job) job.files.add(file);
      else if (pending.size >= maxPending) {
        return { reresolving: 0, notReresolved: `${maxPending} release(s) are waiting to be re-resolved; upload this map again later` };
      } else pending.set(key, { appId, release, files: new Set([file]) });
      if (timer === null) timer = setImmediate(next);
      return { reresolving: reports };
    },

    /** Resolves once nothing is queued or running. @returns {Promise<void>} */
    idle() {
      return new Promise((done) => { waiting.push(done); settle(); });
    },

    /** @returns {Totals & { pending: number, running: boolean }} */
    get stats() { return { ...totals, pending: pending.size, running: timer !== null }; },

    /** Drops the queue and the running job (before the database closes). */
    stop() {
      stopped = true;
      pending.clear();
      if (timer !== null) clearImmediate(timer);
      timer = null;
      settle();
    },
  };
}
