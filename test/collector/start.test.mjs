// Start on an existing large database (demo/collector/indexes.mjs): the first start after an
// upgrade that adds an index listens at once and builds the index in a worker; reads answer
// meanwhile, writes wait for it (or answer 503 past the wait); later starts build nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { APP, get, newId, post, start } from './helpers.mjs';
import { openStore } from '../../demo/collector/store.mjs';
import { SYNC_INDEX_MAX_ROWS } from '../../demo/collector/indexes.mjs';
import { INDEX_RETRY_AFTER_S } from '../../demo/collector/server.mjs';

/** The index the last upgrade added, and its reader, the re-resolution. */
const NEWEST_INDEX = 'occurrences_release_app';
const FILE = 'https://shop.test/assets/shop.min.js';
/** Stored reports: enough that building an index takes a while (about 0.5 s here) and goes to the worker. */
const REPORTS = 64_000;

const dir = mkdtempSync(join(tmpdir(), 'collector-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An error report as the SDK sends it (~1.3 KB), with frames in FILE. @param {number} i */
const report = (i) => ({ kind: 'error', id: newId(), appId: APP, type: 'jsError', message: `failure ${i % 100}`, release: `shop-${i % 10}`,
  environment: 'production', userId: `u${i}`, sessionId: `s${i}`, url: 'https://shop.test/',
  frames: Array.from({ length: 8 }, (_, k) => ({ file: FILE, line: 1, column: 1 + k * 10, function: `f${k}`, inApp: true })) });

/**
 * A database of `reports` reports: 1 000 through the store's own insert path, then copied with
 * SQL (the same columns, no item id, as a stock report without one), as an older collector left it.
 * @param {string} file @param {number} reports
 */
function buildDatabase(file, reports) {
  const store = openStore(file);
  const meta = { receivedAt: Date.now(), userAgent: 'Mozilla/5.0', dialect: /** @type {const} */ ('batch'), ip: '127.0.0.1' };
  store.transaction(() => { for (let i = 0; i < Math.min(1000, reports); i++) store.addError(report(i), meta); });
  const copy = store.db.prepare(`INSERT INTO occurrences (fingerprint, app_id, type, body, received_at, user_agent, dialect, ip)
    SELECT fingerprint, app_id, type, body, received_at, user_agent, dialect, ip FROM occurrences ORDER BY seq LIMIT ?`);
  for (let n = 1000; n < reports; n *= 2) copy.run(Math.min(n, reports - n));
  store.close();
}
/** The upgrade: the database as the collector before the newest index left it. @param {string} file */
const dropNewestIndex = (file) => {
  const db = new Database(file);
  db.exec(`DROP INDEX IF EXISTS ${NEWEST_INDEX}`);
  db.close();
};
/** @param {import('./helpers.mjs').Collector} c */
const hasIndex = (c) => c.store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(NEWEST_INDEX) !== undefined;

describe('start on a large database', () => {
  const file = join(dir, 'large.sqlite');
  beforeAll(() => buildDatabase(file, REPORTS), 120_000);

  it('the first start after an upgrade listens before the new index is built: a read answers meanwhile, a write waits for the build and is stored', async () => {
    dropNewestIndex(file);
    const c = await start({ dbPath: file });
    try {
      expect(c.store.indexing.building).toBe(true);
      expect(hasIndex(c)).toBe(false);
      let built = false;
      void c.store.indexing.ready.then(() => { built = true; });
      const stats = await get(c, '/api/stats');
      expect(stats.occurrences).toBe(REPORTS);
      expect(built).toBe(false); // answered while the index was being built

      const item = { ...report(0), release: 'after-upgrade', frames: [{ file: FILE, line: 1, column: 1, function: 'r', inApp: true }] };
      const r = await post(c, '/report/batch', { items: [item] }, { auth: 'query' });
      expect(built).toBe(true); // answered once the build was over…
      expect(r.json).toEqual({ accepted: 1, rejected: [] }); // …and stored
      expect(hasIndex(c)).toBe(true);

      // The re-resolution reads by the new index: a map uploaded now resolves the report.
      const map = { version: 3, sources: ['a.js'], names: [], mappings: 'AAIA' };
      const upload = await post(c, `/report/sourcemap?${new URLSearchParams({ release: 'after-upgrade', file: FILE })}`, map, { auth: 'query' });
      expect(upload.json.reresolving).toBe(1);
      await c.reresolution.idle();
      const [top] = /** @type {any[]} */ (c.store.occurrences({ limit: 1 })[0].originalFrames);
      expect(top).toMatchObject({ file: 'a.js', line: 5 });
    } finally { await c.close(); }
  }, 60_000);

  it('a later start builds nothing: every index is there when it listens', async () => {
    const c = await start({ dbPath: file });
    try {
      expect(c.store.indexing.building).toBe(false);
      expect(hasIndex(c)).toBe(true);
      expect((await post(c, '/report/batch', { items: [report(1)] }, { auth: 'query' })).json).toEqual({ accepted: 1, rejected: [] });
    } finally { await c.close(); }
  });

  it('a write that would wait longer than indexWaitMs answers 503 with Retry-After, its body unread; sent again after the build, it is stored', async () => {
    dropNewestIndex(file);
    const c = await start({ dbPath: file, indexWaitMs: 1 });
    try {
      const item = report(2);
      const refused = await post(c, '/report/batch', { items: [item] }, { auth: 'query' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe(String(INDEX_RETRY_AFTER_S));
      expect(refused.json).toEqual({ error: 'the collector is indexing its stored reports; retry shortly' });
      await c.store.indexing.ready;
      expect((await post(c, '/report/batch', { items: [item] }, { auth: 'query' })).json).toEqual({ accepted: 1, rejected: [] });
      expect(c.store.occurrences({ limit: 1 })[0].id).toBe(item.id);
    } finally { await c.close(); }
  }, 60_000);

  it('closing during the build ends the worker before close settles; the next start builds the index again if it was not done', async () => {
    dropNewestIndex(file);
    const c = await start({ dbPath: file });
    expect(c.store.indexing.building).toBe(true);
    await c.close();
    expect(c.store.indexing.building).toBe(false);
    const again = await start({ dbPath: file });
    try {
      await again.store.indexing.ready;
      expect(hasIndex(again)).toBe(true);
    } finally { await again.close(); }
  }, 60_000);
});

describe('start on a small database', () => {
  it(`builds a missing index at once over at most ${SYNC_INDEX_MAX_ROWS} rows, a new database's too`, async () => {
    const file = join(dir, 'small.sqlite');
    buildDatabase(file, 500);
    dropNewestIndex(file);
    const c = await start({ dbPath: file });
    try {
      expect(c.store.indexing.building).toBe(false);
      expect(hasIndex(c)).toBe(true);
    } finally { await c.close(); }
    const fresh = await start({ dbPath: join(dir, 'new.sqlite') });
    try {
      expect(fresh.store.indexing.building).toBe(false);
      expect(hasIndex(fresh)).toBe(true);
    } finally { await fresh.close(); }
  });
});
