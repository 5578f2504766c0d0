// Usage: node demo/collector/bench/start.mjs [reports=200000] [database=.tmp/bench-start.sqlite]
// How long the collector takes to start on a large existing database: the first start after
// an upgrade (the newest index missing) and later starts (every index present). The database
// is built once through the store's own insert path (addError) and reused by later runs.
import { existsSync, statSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../store.mjs';
import { VIEW_INDEXES } from '../view-schema.mjs';
import { indexesIn } from '../indexes.mjs';
import { createCollector } from '../server.mjs';
import { sign } from '../auth.mjs';
import { randomBytes } from 'node:crypto';

const REPORTS = Number(process.argv[2] ?? 200_000);
const DB = resolve(process.argv[3] ?? '.tmp/bench-start.sqlite');
/** The index the last round added (re-resolution reads a release's reports through it). */
const NEWEST_INDEX = 'occurrences_release_app';
const RUNS = 3;
const VIEW_INDEX_NAMES = indexesIn(VIEW_INDEXES).map((index) => index.name);

/** An SDK error report of about 1.8 KB: 12 frames, 8 breadcrumbs, the fields the view reads. @param {number} i */
const report = (i) => ({
  kind: 'error', id: (i + 1).toString(16).padStart(32, '0'), appId: 'bench-app', type: 'jsError',
  message: `Cannot read properties of undefined (reading 'f${i % 500}')`, release: `shop-${i % 20}.0.0`,
  environment: i % 3 ? 'production' : 'staging', userId: `u${i % 5000}`, sessionId: `s${i % 20000}`,
  url: 'https://shop.test/checkout', stack: `TypeError: Cannot read properties of undefined\n    at r (https://shop.test/assets/shop.min.js:1:${i % 9000})`,
  frames: Array.from({ length: 12 }, (_, k) => ({ file: 'https://shop.test/assets/shop.min.js', line: 1, column: (i * 7 + k * 131) % 9000, function: `f${k}`, inApp: true })),
  breadcrumbs: Array.from({ length: 8 }, (_, k) => ({ type: 'click', time: 1_700_000_000_000 + i * 10 + k, message: `button#buy-${k}` })),
});

function build() {
  rmSync(DB, { force: true }); rmSync(`${DB}-wal`, { force: true }); rmSync(`${DB}-shm`, { force: true });
  const store = openStore(DB);
  const started = performance.now();
  const meta = { receivedAt: 1_700_000_000_000, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0', dialect: /** @type {const} */ ('batch'), ip: '127.0.0.1' };
  for (let i = 0; i < REPORTS; i += 1000) {
    store.transaction(() => { for (let k = i; k < Math.min(REPORTS, i + 1000); k++) store.addError(report(k), { ...meta, receivedAt: meta.receivedAt + k }); });
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  console.log(`built ${REPORTS} reports in ${Math.round(performance.now() - started)} ms`);
}

/** A stock error report, signed for the default config's test app. */
const post = async (/** @type {string} */ url) => {
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const headers = { 'Content-Type': 'application/json', 'X-App-Id': 'test-app', 'X-Timestamp': ts, 'X-Nonce': nonce, 'X-Signature': sign('test-secret', 'test-app', ts, nonce) };
  const body = JSON.stringify({ appId: 'test-app', type: 'jsError', message: 'during start', release: 'shop-0.0.0' });
  return (await fetch(`${url}/report/error`, { method: 'POST', headers, body })).status;
};

/**
 * Milliseconds from createCollector until it listens and until any index build is over, and
 * what a read and a write sent at once met: their status and time, whether the build was over.
 */
async function startOnce() {
  const started = performance.now();
  const c = await createCollector({ port: 0, dbPath: DB, quiet: true });
  const listening = performance.now() - started;
  const timed = async (/** @type {() => Promise<number>} */ request) => {
    const t0 = performance.now();
    const status = await request();
    return { status, ms: Math.round(performance.now() - t0), building: c.store.indexing.building };
  };
  const [read, write] = await Promise.all([timed(async () => (await fetch(`${c.url}/api/stats`)).status), timed(() => post(c.url))]);
  await c.store.indexing.ready;
  const ready = performance.now() - started;
  await c.close();
  return { listening: Math.round(listening), ready: Math.round(ready), read, write };
}

if (!existsSync(DB)) build();
const mb = (statSync(DB).size / 1024 / 1024).toFixed(0);
console.log(`database: ${REPORTS} reports, ${mb} MB (${DB})`);
/** @param {string[]} indexes */
const drop = (indexes) => {
  const db = new Database(DB);
  for (const name of indexes) db.exec(`DROP INDEX IF EXISTS ${name}`);
  db.close();
};
for (let run = 0; run < RUNS; run++) {
  drop([NEWEST_INDEX]);
  console.log(`first start after an upgrade (${NEWEST_INDEX} missing):`, await startOnce());
  console.log('later start (every index present):', await startOnce());
}
drop([NEWEST_INDEX, ...VIEW_INDEX_NAMES]);
console.log(`first start after an upgrade from before the view (${VIEW_INDEX_NAMES.length + 1} indexes missing):`, await startOnce());
console.log('later start (every index present):', await startOnce());
