// Re-resolution: a source map uploaded after the errors that need it (the usual order is
// "ship the build, then upload its maps", or a failed CI upload re-run) resolves the reports
// of its app and release already stored whose frames point at its file and are not resolved
// yet. Their original frames are computed again with every map the release has now, as the
// ingest would; the raw frames are never changed, and a row is written only when its result
// differs, so uploading the same map again changes nothing.
//
// The work runs after the upload has been answered, in batches of rows with the event loop
// free between them (setImmediate), one (app, release) at a time, over at most the newest
// MAX_RERESOLVED_REPORTS reports of that release.
import { framesOf } from './stack-frames.mjs';
import { MAX_RESOLVED_FRAMES, mapLookupKeys } from './sourcemaps.mjs';

/** Reports read, checked and written per batch (one transaction, then the event loop is free). */
export const RERESOLVE_ROWS_PER_BATCH = 100;
/** A batch ends early once it has run this long, in milliseconds (reports carry up to 128 KiB of body). */
export const RERESOLVE_BATCH_MS = 15;
/** Reports of the release checked per upload, newest first; older ones stay as they are. */
export const MAX_RERESOLVED_REPORTS = 20_000;
/** (app, release) re-resolutions waiting to run; an upload past it stores its map but re-resolves nothing. */
export const MAX_PENDING_RERESOLUTIONS = 64;

// Reads the release's reports newest first through (release, app_id, seq): no sort, no body parsed to find them.
const SCHEMA = 'CREATE INDEX IF NOT EXISTS occurrences_release_app ON occurrences (release, app_id);';

/** @type {(v: unknown) => v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @typedef {{ appId: string, release: string, files: Set<string> }} Job
 * @typedef {{ jobs: number, checked: number, updated: number, batches: number, longestBatchMs: number }} Totals
 *   since the collector started: jobs finished, reports checked and updated, batches run, the longest batch
 * @typedef {{ reresolving: number } | { reresolving: 0, notReresolved: string }} Scheduled
 */

/**
 * Whether a frame of this report that points at one of `files` has no original frame yet.
 * @param {Record<string, unknown>} body @param {unknown} originals the stored resolution, or null @param {Set<string>} files
 */
function needsMap(body, originals, files) {
  const frames = framesOf(body);
  if (!frames) return false;
  const resolved = Array.isArray(originals) ? originals : [];
  return frames.slice(0, MAX_RESOLVED_FRAMES).some((f, i) => isObject(f) && typeof f.file === 'string'
    && mapLookupKeys(f.file).some((key) => files.has(key))
    && !(isObject(resolved[i]) && typeof resolved[i].file === 'string'));
}

/**
 * @param {ReturnType<import('./store.mjs').openStore>} store
 * @param {{ log?: (...args: unknown[]) => void, maxReports?: number, rowsPerBatch?: number, maxPending?: number }} [options]
 *   maxReports, rowsPerBatch, maxPending: MAX_RERESOLVED_REPORTS, RERESOLVE_ROWS_PER_BATCH and
 *   MAX_PENDING_RERESOLUTIONS unless a test wants less
 */
export function createReresolver(store, { log = () => {}, maxReports = MAX_RERESOLVED_REPORTS, rowsPerBatch = RERESOLVE_ROWS_PER_BATCH,
  maxPending = MAX_PENDING_RERESOLUTIONS } = {}) {
  const { db, sourceMaps } = store;
  db.exec(SCHEMA);
  const q = {
    /** @type {import('better-sqlite3').Statement<{ seq: number, body: string, original_frames: string | null }>} */
    rows: db.prepare(`SELECT seq, body, original_frames FROM occurrences INDEXED BY occurrences_release_app
      WHERE release = ? AND app_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`),
    /** @type {import('better-sqlite3').Statement<{ n: number }>} */
    inScope: db.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM occurrences INDEXED BY occurrences_release_app WHERE release = ? AND app_id = ? LIMIT ?)'),
    /** @type {import('better-sqlite3').Statement<{ seq: number | null }>} */
    newest: db.prepare('SELECT MAX(seq) AS seq FROM occurrences'),
    update: db.prepare('UPDATE occurrences SET original_frames = ? WHERE seq = ?'),
  };

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
   * A report's original frames with every map of its release, as JSON text, or null: it has
   * no frame in `files` left to resolve, or nothing resolves (a stored resolution is never
   * taken away), or its stored text cannot be read (that report is skipped, not the job).
   * @param {{ body: string, original_frames: string | null }} row @param {Set<string>} files
   */
  function resolvedText(row, files) {
    try {
      const body = JSON.parse(row.body);
      if (!needsMap(body, row.original_frames ? JSON.parse(row.original_frames) : null, files)) return null;
      const originals = sourceMaps.symbolicate(body);
      return originals ? JSON.stringify(originals) : null;
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
    /** @type {[text: string, seq: number][]} written once the read is over: SQLite cannot write while a statement iterates */
    const writes = [];
    // The file URLs as the stored JSON text spells them.
    const needles = [...job.files].map((file) => JSON.stringify(file).slice(1, -1));
    for (const row of q.rows.iterate(job.release, job.appId, cursor, Math.min(rowsPerBatch, budget))) {
      read++;
      last = row.seq;
      // A substring test first: most reports of a release do not name this file at all.
      if (needles.some((needle) => row.body.includes(needle))) {
        const text = resolvedText(row, job.files);
        if (text !== null && text !== row.original_frames) writes.push([text, row.seq]);
      }
      if (performance.now() - started > RERESOLVE_BATCH_MS) break;
    }
    for (const [text, seq] of writes) q.update.run(text, seq);
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
    let cursor = (q.newest.get()?.seq ?? 0) + 1;
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
      let reports;
      try {
        reports = Math.min(maxReports, q.inScope.get(release, appId, maxReports)?.n ?? 0);
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
