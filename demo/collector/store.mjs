// SQLite storage: error groups (as the Tracely server keeps them), every occurrence and
// event in full (the collector's addition), and SDK-side drop counts per app.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSourceMaps } from './sourcemaps.mjs';
import { VIEW_INDEXES, addViewColumns } from './view-schema.mjs';
import { RERESOLVE_INDEXES } from './reresolve.mjs';
import { buildIndexes, indexesIn } from './indexes.mjs';

const TABLES = `
CREATE TABLE IF NOT EXISTS error_groups (
  fingerprint TEXT PRIMARY KEY, app_id TEXT NOT NULL, type TEXT NOT NULL, message TEXT NOT NULL,
  count INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  stack TEXT, url TEXT, user_agent TEXT);
CREATE TABLE IF NOT EXISTS occurrences (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT UNIQUE, fingerprint TEXT NOT NULL,
  app_id TEXT NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL, received_at INTEGER NOT NULL,
  user_agent TEXT, dialect TEXT NOT NULL, ip TEXT);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT UNIQUE, app_id TEXT NOT NULL,
  event_name TEXT NOT NULL, user_id TEXT NOT NULL, body TEXT NOT NULL, received_at INTEGER NOT NULL,
  user_agent TEXT, dialect TEXT NOT NULL, ip TEXT);
CREATE TABLE IF NOT EXISTS drops (
  app_id TEXT NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (app_id, reason));
CREATE TABLE IF NOT EXISTS repeats (
  item_id TEXT PRIMARY KEY, group_fingerprint TEXT NOT NULL, app_id TEXT NOT NULL, sdk_fingerprint TEXT NOT NULL,
  count INTEGER NOT NULL, time INTEGER NOT NULL, received_at INTEGER NOT NULL, user_agent TEXT, ip TEXT);
CREATE TABLE IF NOT EXISTS drop_reports (
  app_id TEXT NOT NULL, report_id TEXT NOT NULL, received_at INTEGER NOT NULL, PRIMARY KEY (app_id, report_id));
`;
// Made by buildIndexes (indexes.mjs): at once on a new database, in the background over many stored reports.
const INDEXES = `
CREATE INDEX IF NOT EXISTS occurrences_app_type ON occurrences (app_id, type);
CREATE INDEX IF NOT EXISTS occurrences_fingerprint ON occurrences (fingerprint);
CREATE INDEX IF NOT EXISTS events_app_name ON events (app_id, event_name);
CREATE INDEX IF NOT EXISTS occurrences_app ON occurrences (app_id);
CREATE INDEX IF NOT EXISTS occurrences_type ON occurrences (type);
CREATE INDEX IF NOT EXISTS events_app ON events (app_id);
CREATE INDEX IF NOT EXISTS events_name ON events (event_name);
CREATE INDEX IF NOT EXISTS error_groups_seen ON error_groups (last_seen);
CREATE INDEX IF NOT EXISTS error_groups_app_seen ON error_groups (app_id, last_seen);
CREATE INDEX IF NOT EXISTS repeats_group ON repeats (group_fingerprint);
`;

/** Distinct drop reasons kept per app; counts under further reasons go to OTHER_REASON. */
export const MAX_DROP_REASONS_PER_APP = 64;
export const OTHER_REASON = 'other';

/**
 * md5(appId + type + message), the stock server's grouping key.
 * @param {string} appId @param {string} type @param {string} message
 */
export const fingerprintOf = (appId, type, message) => createHash('md5').update(`${appId}${type}${message}`, 'utf8').digest('hex');

/**
 * Only well-formed SDK ids take part in de-duplication.
 * @param {Record<string, unknown>} body
 */
const itemId = (body) => (typeof body.id === 'string' && /^[0-9a-f]{32}$/.test(body.id) ? body.id : null);

/** @typedef {{ receivedAt: number, userAgent: string, dialect: 'stock' | 'batch', ip: string }} Meta */

/**
 * A row of occurrences or events, as the pages and the view read it.
 * @typedef {{ seq: number, body: string, received_at: number, user_agent: string | null, dialect: string, original_frames?: string | null }} ItemRow
 */
/**
 * A row of error_groups.
 * @typedef {{ fingerprint: string, app_id: string, type: string, message: string, count: number, first_seen: number,
 *   last_seen: number, stack: string | null, url: string | null, user_agent: string | null }} GroupRow
 */
/**
 * An error group as the read API and the view show it.
 * @typedef {{ fingerprint: string, appId: string, type: string, message: string, count: number, firstSeen: number,
 *   lastSeen: number, stack: string | null, url: string | null, userAgent: string | null }} Group
 */
/**
 * A stored occurrence or event: the body the client sent (any JSON object; validated only for
 * the fields the stock server checks) plus the arrival facts.
 * @typedef {{ [key: string]: unknown, receivedAt: number, userAgent: string | null, dialect: string }} StoredItem
 */
/**
 * Which page to read: rows after the cursor `after`, at most `limit` of them and `maxBytes` of text.
 * @typedef {{ after: number, limit: number, maxBytes: number }} Range
 */
/** @typedef {{ texts: string[], bytes: number, next: number | null }} Page next: the cursor for the rest */
/**
 * The fields checkError has proven present (see items.mjs).
 * @typedef {{ appId: string, type: string, message: string, stack?: string | null, url?: string | null }} ErrorFields
 */

/**
 * @param {string} path a file path or ':memory:'
 * @param {(...args: unknown[]) => void} [log]
 */
export function openStore(path, log) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.exec(TABLES);
  addViewColumns(db);
  const sourceMaps = createSourceMaps(db);
  const indexing = buildIndexes(db, path, indexesIn(INDEXES + VIEW_INDEXES + RERESOLVE_INDEXES), log);

  const q = {
    occurrence: db.prepare(`INSERT OR IGNORE INTO occurrences (item_id, fingerprint, app_id, type, body, received_at, user_agent, dialect, ip)
      VALUES (@id, @fingerprint, @appId, @type, @body, @receivedAt, @userAgent, @dialect, @ip)`),
    group: db.prepare(`INSERT INTO error_groups (fingerprint, app_id, type, message, count, first_seen, last_seen, stack, url, user_agent)
      VALUES (@fingerprint, @appId, @type, @message, 1, @receivedAt, @receivedAt, @stack, @url, @userAgent)
      ON CONFLICT (fingerprint) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen,
        stack = excluded.stack, url = excluded.url, user_agent = excluded.user_agent`),
    repeat: db.prepare(`INSERT OR IGNORE INTO repeats (item_id, group_fingerprint, app_id, sdk_fingerprint, count, time, received_at, user_agent, ip)
      VALUES (@id, @fingerprint, @appId, @sdkFingerprint, @count, @time, @receivedAt, @userAgent, @ip)`),
    // A group the collector has not seen yet (its first report lost, or sent before the collector's data) is created.
    repeatGroup: db.prepare(`INSERT INTO error_groups (fingerprint, app_id, type, message, count, first_seen, last_seen, stack, url, user_agent)
      VALUES (@fingerprint, @appId, @type, @message, @count, @receivedAt, @receivedAt, NULL, NULL, @userAgent)
      ON CONFLICT (fingerprint) DO UPDATE SET count = count + excluded.count, last_seen = max(last_seen, excluded.last_seen)`),
    event: db.prepare(`INSERT OR IGNORE INTO events (item_id, app_id, event_name, user_id, body, received_at, user_agent, dialect, ip)
      VALUES (@id, @appId, @eventName, @userId, @body, @receivedAt, @userAgent, @dialect, @ip)`),
    drop: db.prepare(`INSERT INTO drops (app_id, reason, count) VALUES (?, ?, ?)
      ON CONFLICT (app_id, reason) DO UPDATE SET count = count + excluded.count`),
    dropKnown: db.prepare('SELECT 1 FROM drops WHERE app_id = ? AND reason = ?'),
    dropReasons: db.prepare(`SELECT COUNT(*) AS n FROM drops WHERE app_id = ? AND reason <> '${OTHER_REASON}'`),
    dropReport: db.prepare('INSERT OR IGNORE INTO drop_reports (app_id, report_id, received_at) VALUES (?, ?, ?)'),
    originals: db.prepare('UPDATE occurrences SET original_frames = ?, map_digests = ? WHERE seq = ?'),
  };

  // Read rows back as the stored body plus the arrival facts.
  /** @param {ItemRow} r @returns {StoredItem} */
  const expand = (r) => ({ ...JSON.parse(r.body), receivedAt: r.received_at, userAgent: r.user_agent, dialect: r.dialect,
    ...(r.original_frames ? { originalFrames: JSON.parse(r.original_frames) } : {}) });
  // The same as JSON text, spliced rather than parsed and re-encoded: a page is built from
  // stored text at the cost of a copy. A later key wins in JSON.parse, as in the spread.
  /** @param {ItemRow} r */
  const expandText = (r) => `${r.body.length > 2 ? `${r.body.slice(0, -1)},` : '{'}"receivedAt":${r.received_at},"userAgent":${JSON.stringify(r.user_agent ?? '')},"dialect":${JSON.stringify(r.dialect)}${r.original_frames ? `,"originalFrames":${r.original_frames}` : ''}}`;
  /** @param {Record<string, string | undefined>} filters column → value; an undefined value does not filter */
  const whereOf = (filters) => {
    const where = Object.entries(filters).filter(([, v]) => v != null);
    return { sql: where.map(([c]) => `${c} = ?`), args: where.map(([, v]) => v) };
  };
  // The latest `limit` rows matching the filters, in arrival order.
  /** @param {'occurrences' | 'events'} table @param {Record<string, string | undefined>} filters @param {number} limit */
  const latest = (table, filters, limit) => {
    const { sql, args } = whereOf(filters);
    /** @type {import('better-sqlite3').Statement<ItemRow>} */
    const rows = db.prepare(`SELECT * FROM (SELECT * FROM ${table}${sql.length ? ` WHERE ${sql.join(' AND ')}` : ''}
      ORDER BY seq DESC LIMIT ?) ORDER BY seq`);
    return rows.all(...args, limit).map(expand);
  };
  /** @param {GroupRow} g @returns {Group} */
  const groupOf = (g) => ({ fingerprint: g.fingerprint, appId: g.app_id, type: g.type, message: g.message, count: g.count,
    firstSeen: g.first_seen, lastSeen: g.last_seen, stack: g.stack, url: g.url, userAgent: g.user_agent });

  /**
   * One page of rows after the cursor `after` (a row's key, ascending), as JSON texts: at most
   * `limit` rows and, past the first row, at most `maxBytes` of text. Rows are read one at a
   * time, so a page never loads more than it answers.
   * @template {string} K
   * @template {Record<K, number>} R
   * @param {string} sql @param {unknown[]} args @param {K} key the cursor column
   * @param {(row: R) => string} toText @param {Range} range
   * @returns {Page}
   */
  const page = (sql, args, key, toText, { after, limit, maxBytes }) => {
    /** @type {string[]} */
    const texts = [];
    let bytes = 0;
    let last = after;
    let more = false;
    /** @type {import('better-sqlite3').Statement<R>} */
    const rows = db.prepare(sql);
    for (const row of rows.iterate(...args, after, limit + 1)) {
      if (texts.length === limit) { more = true; break; }
      const text = toText(row);
      const size = Buffer.byteLength(text);
      if (texts.length > 0 && bytes + size > maxBytes) { more = true; break; }
      texts.push(text);
      bytes += size;
      last = row[key];
    }
    return { texts, bytes, next: more ? last : null };
  };
  /** @param {'occurrences' | 'events'} table @param {Record<string, string | undefined>} filters @param {Range} range */
  const rowsPage = (table, filters, range) => {
    const { sql, args } = whereOf(filters);
    return page(`SELECT seq, body, received_at, user_agent, dialect${table === 'occurrences' ? ', original_frames' : ''} FROM ${table} WHERE ${[...sql, 'seq > ?'].join(' AND ')} ORDER BY seq LIMIT ?`,
      args, 'seq', expandText, range);
  };

  return {
    db,
    sourceMaps,
    /** Indexes being built after the open (the first start after an upgrade, on many stored reports): writes wait for `ready`. */
    indexing,
    /**
     * Runs `fn` in one transaction (a whole batch commits or nothing does).
     * @template T @param {() => T} fn @returns {T}
     */
    transaction: (fn) => db.transaction(fn)(),

    /**
     * Stores an error occurrence. The stock server counts every request, so `countRepeat`
     * (stock dialect) bumps the group even when the item id was already stored; the batch
     * dialect counts an id once.
     * @param {Record<string, unknown>} body an error checkError accepted
     * @param {Meta} meta
     * @returns {boolean} whether the occurrence was new
     */
    addError(body, meta, countRepeat = false) {
      const fields = /** @type {Record<string, unknown> & ErrorFields} */ (body);
      const fingerprint = fingerprintOf(fields.appId, fields.type, fields.message);
      const row = { ...meta, fingerprint, id: itemId(body), appId: fields.appId, type: fields.type, message: fields.message,
        stack: fields.stack ?? '', url: fields.url ?? '', body: JSON.stringify(body) };
      const inserted = q.occurrence.run(row);
      const fresh = inserted.changes === 1;
      if (fresh || countRepeat) q.group.run(row);
      // Resolved frames sit beside the minified ones, which stay in the body as sent; with them,
      // which maps made them.
      const resolved = fresh ? sourceMaps.resolution(body) : null;
      if (resolved) q.originals.run(JSON.stringify(resolved.frames), JSON.stringify(resolved.maps), inserted.lastInsertRowid);
      return fresh;
    },

    /**
     * Adds a repeat item's count to its group, md5(appId + type + message), once per item id.
     * @param {Record<string, unknown>} body a repeat item checkRepeat accepted
     * @param {string} appId the authenticated app
     * @param {Meta} meta
     * @returns {boolean} whether the count was added (false: the id was seen before)
     */
    addRepeat(body, appId, meta) {
      const { type, message, count, time, fingerprint: sdkFingerprint } = /** @type {{ type: string, message: string, count: number, time: number, fingerprint: string }} */ (body);
      const row = { ...meta, id: itemId(body), fingerprint: fingerprintOf(appId, type, message), appId, type, message, count,
        time: Math.round(time), sdkFingerprint };
      if (q.repeat.run(row).changes === 0) return false;
      q.repeatGroup.run(row);
      return true;
    },

    /**
     * @param {Record<string, unknown>} body an event checkEvent accepted
     * @param {Meta} meta
     * @returns {boolean} whether the event was new
     */
    addEvent(body, meta) {
      return q.event.run({ ...meta, id: itemId(body), appId: body.appId, eventName: body.eventName, userId: body.userId,
        body: JSON.stringify(body) }).changes === 1;
    },

    /**
     * Adds SDK drop counts. With a report id (the batch's `dropsId`) a report counts once, so
     * a batch re-sent after a lost answer, or a spooled report sent again, adds nothing.
     * @param {string} appId
     * @param {Record<string, number>} counts
     * @param {string | null} [reportId]
     * @returns {boolean} whether the counts were added
     */
    addDrops(appId, counts, reportId = null) {
      if (reportId && q.dropReport.run(appId, reportId, Date.now()).changes === 0) return false;
      for (const [reason, n] of Object.entries(counts)) {
        if (!(n > 0)) continue;
        // The table stays bounded per app however many distinct reasons clients invent.
        const known = q.dropKnown.get(appId, reason) !== undefined;
        // COUNT(*) always answers one row.
        const full = !known && /** @type {{ n: number }} */ (q.dropReasons.get(appId)).n >= MAX_DROP_REASONS_PER_APP - 1;
        q.drop.run(appId, full ? OTHER_REASON : reason, n);
      }
      return true;
    },

    /**
     * The `limit` most recently seen groups (for the view).
     * @param {string | undefined} appId @param {number} limit
     */
    recentGroups(appId, limit) {
      /** @type {import('better-sqlite3').Statement<GroupRow>} */
      const rows = db.prepare(`SELECT * FROM error_groups ${appId ? 'WHERE app_id = ?' : ''} ORDER BY last_seen DESC LIMIT ?`);
      return rows.all(...(appId ? [appId] : []), limit).map(groupOf);
    },
    /**
     * Groups in the order they were first seen, paged by row id.
     * @param {string | undefined} appId @param {Range} range
     */
    groupsPage: (appId, range) => page(`SELECT rowid, * FROM error_groups WHERE ${appId ? 'app_id = ? AND ' : ''}rowid > ? ORDER BY rowid LIMIT ?`,
      appId ? [appId] : [], 'rowid', (/** @type {GroupRow & { rowid: number }} */ g) => JSON.stringify(groupOf(g)), range),
    /** @param {{ appId?: string, type?: string }} filters @param {Range} range */
    occurrencesPage: ({ appId, type }, range) => rowsPage('occurrences', { app_id: appId, type }, range),
    /** @param {{ appId?: string, eventName?: string }} filters @param {Range} range */
    eventsPage: ({ appId, eventName }, range) => rowsPage('events', { app_id: appId, event_name: eventName }, range),
    /**
     * The latest `limit` rows, parsed, in arrival order (for the view).
     * @param {{ appId?: string, type?: string, fingerprint?: string, limit?: number }} [filters]
     */
    occurrences: ({ appId, type, fingerprint, limit = 100 } = {}) => latest('occurrences', { app_id: appId, type, fingerprint }, limit),
    /** @param {{ appId?: string, eventName?: string, limit?: number }} [filters] */
    events: ({ appId, eventName, limit = 100 } = {}) => latest('events', { app_id: appId, event_name: eventName }, limit),

    /**
     * @param {string} [appId]
     * @returns {Record<string, number>} reason → count, over one app or all
     */
    drops(appId) {
      /** @type {import('better-sqlite3').Statement<{ reason: string, n: number }>} */
      const rows = db.prepare(`SELECT reason, SUM(count) AS n FROM drops ${appId ? 'WHERE app_id = ?' : ''} GROUP BY reason ORDER BY reason`);
      return Object.fromEntries(rows.all(...(appId ? [appId] : [])).map((r) => [r.reason, r.n]));
    },

    counts() {
      // COUNT(*) always answers one row.
      const n = (/** @type {string} */ table) => /** @type {{ n: number }} */ (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()).n;
      return { groups: n('error_groups'), occurrences: n('occurrences'), events: n('events') };
    },

    close() {
      indexing.stop();
      if (db.open) db.close();
    },
  };
}
