// The indexes the collector reads by, made when it opens a database. A new database's are made
// at once (its tables are empty). On a database that already holds many reports, an index that
// an upgrade adds is one SQLite statement that cannot be split, and it takes seconds: 1.6–2.1 s
// for 200 000 reports (862 MB, demo/collector/bench/start.mjs), more with more reports. Built
// on the open, it kept the server from listening that long. So an index over a table of more
// than SYNC_INDEX_MAX_ROWS rows is built by a worker thread on its own connection while the
// server serves: reads go on (in WAL mode a reader never waits for the writer), writes wait for
// the build (server.mjs). Later starts find every index and do nothing.
import { Worker } from 'node:worker_threads';

/** Rows of a table up to which its missing index is built at once, on the open (measured ~8 ms per 1 000 reports). */
export const SYNC_INDEX_MAX_ROWS = 10_000;

/** @typedef {{ name: string, table: string, sql: string }} IndexDefinition */
/**
 * @typedef {{ readonly building: boolean, ready: Promise<void>, wait: (ms: number) => Promise<boolean>, stop: () => void }} Indexing
 *   building: a worker is building indexes; ready: settles when none is (never rejects);
 *   wait: whether the build ended within `ms`; stop: ends the worker (its build is rolled back or done, never half)
 */

const CREATE_INDEX = /CREATE INDEX IF NOT EXISTS (\w+) ON (\w+) \([^;]*\);/g;

/**
 * The CREATE INDEX IF NOT EXISTS statements of a schema text.
 * @param {string} schema
 * @returns {IndexDefinition[]}
 */
export const indexesIn = (schema) => [...schema.matchAll(CREATE_INDEX)].map(([sql, name, table]) => ({ name, table, sql }));

/**
 * Makes the indexes the database lacks: at once over small tables, in a worker over large ones.
 * @param {import('better-sqlite3').default} db the server's connection, its tables and columns made
 * @param {string} path the database file, or ':memory:' (which a worker cannot open: built at once)
 * @param {IndexDefinition[]} indexes
 * @param {(...args: unknown[]) => void} [log]
 * @returns {Indexing}
 */
export function buildIndexes(db, path, indexes, log = () => {}) {
  const known = new Set(/** @type {{ name: string }[]} */ (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all()).map((r) => r.name));
  const missing = indexes.filter((index) => !known.has(index.name));
  /** @type {Map<string, boolean>} table → more than SYNC_INDEX_MAX_ROWS rows (counted once, up to the bound) */
  const large = new Map();
  const isLarge = (/** @type {string} */ table) => {
    if (!large.has(table)) {
      const { n } = /** @type {{ n: number }} */ (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table} LIMIT ?)`).get(SYNC_INDEX_MAX_ROWS + 1));
      large.set(table, n > SYNC_INDEX_MAX_ROWS);
    }
    return large.get(table);
  };
  const later = path === ':memory:' ? [] : missing.filter((index) => isLarge(index.table));
  for (const index of missing) if (!later.includes(index)) db.exec(index.sql);
  if (later.length === 0) return { building: false, ready: Promise.resolve(), wait: async () => true, stop: () => {} };

  let building = true;
  const started = performance.now();
  const names = later.map((index) => index.name).join(', ');
  log(`building ${names} over the stored reports in the background; writes wait for it`);
  const worker = new Worker(new URL('./index-worker.mjs', import.meta.url), { workerData: { path, statements: later.map((index) => index.sql) } });
  /** @type {Error | null} */
  let failure = null;
  let stopped = false;
  /** @type {Promise<void>} */
  const ready = new Promise((done) => {
    worker.once('error', (err) => { failure = /** @type {Error} */ (err); });
    worker.once('exit', () => {
      building = false;
      // A failed build leaves the index missing: what reads by it refuses (re-resolution) or scans; the next start tries again.
      const ms = Math.round(performance.now() - started);
      log(failure ? `building ${names} failed: ${failure.message}` : stopped ? `building ${names} stopped after ${ms} ms (closing)` : `built ${names} in ${ms} ms`);
      done();
    });
  });
  return {
    get building() { return building; },
    ready,
    wait: (ms) => new Promise((answer) => {
      const timer = setTimeout(() => answer(false), ms);
      ready.then(() => { clearTimeout(timer); answer(true); });
    }),
    stop: () => {
      if (!building) return;
      stopped = true;
      void worker.terminate();
    },
  };
}
