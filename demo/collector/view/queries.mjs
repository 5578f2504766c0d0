// What the view reads from the store. Every value a reader or a client supplied is a bound
// parameter; only fixed fragments of SQL are assembled. Lists take LIMIT/OFFSET pages.

/** Distinct values offered in a filter's drop-down. */
export const MAX_FILTER_OPTIONS = 200;
/** web_vitals reports read for one Pages view (newest first), so the page stays bounded. */
export const MAX_VITALS_ROWS = 100_000;

/**
 * @typedef {{ appId?: string, type?: string, release?: string, environment?: string, search?: string }} GroupFilters
 * @typedef {import('../store.mjs').GroupRow} GroupRow
 * @typedef {import('../store.mjs').ItemRow & { fingerprint: string, app_id: string, type: string, release: unknown, environment: unknown }} OccurrenceRow
 */

/** A LIKE pattern matching `text` anywhere, literally. @param {string} text */
const contains = (text) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Equal buckets between `from` and `to` (ms): the query's (bucket, n) rows as a dense array.
 * @param {{ b: number, n: number }[]} rows @param {number} buckets
 */
const dense = (rows, buckets) => {
  const counts = new Array(buckets).fill(0);
  for (const { b, n } of rows) if (b >= 0 && b < buckets) counts[b] += n;
  return counts;
};

/** @param {import('better-sqlite3').default} db */
export function createViewQueries(db) {
  /**
   * The WHERE clause of the group list: fixed SQL fragments, values as parameters.
   * @param {GroupFilters} f
   */
  const groupWhere = (f) => {
    /** @type {string[]} */ const sql = [];
    /** @type {unknown[]} */ const args = [];
    if (f.appId) { sql.push('g.app_id = ?'); args.push(f.appId); }
    if (f.type) { sql.push('g.type = ?'); args.push(f.type); }
    if (f.search) { sql.push("g.message LIKE ? ESCAPE '\\'"); args.push(contains(f.search)); }
    if (f.release || f.environment) {
      const inner = ['o.fingerprint = g.fingerprint'];
      if (f.release) { inner.push('o.release = ?'); args.push(f.release); }
      if (f.environment) { inner.push('o.environment = ?'); args.push(f.environment); }
      sql.push(`EXISTS (SELECT 1 FROM occurrences o WHERE ${inner.join(' AND ')})`);
    }
    return { sql: sql.length ? `WHERE ${sql.join(' AND ')}` : '', args };
  };
  /** @param {string} sql @param {unknown[]} args @returns {string[]} */
  const column = (sql, ...args) => db.prepare(sql).all(...args).map((r) => String(Object.values(/** @type {object} */ (r))[0]));

  return {
    /**
     * One page of groups, most recently seen first; `more` when another page follows.
     * @param {GroupFilters} filters @param {number} offset @param {number} limit
     */
    groups(filters, offset, limit) {
      const { sql, args } = groupWhere(filters);
      /** @type {GroupRow[]} */
      const rows = /** @type {GroupRow[]} */ (db.prepare(`SELECT g.* FROM error_groups g ${sql} ORDER BY g.last_seen DESC, g.fingerprint LIMIT ? OFFSET ?`).all(...args, limit + 1, offset));
      return { rows: rows.slice(0, limit), more: rows.length > limit };
    },
    /** @param {GroupFilters} filters @returns {number} */
    groupCount(filters) {
      const { sql, args } = groupWhere(filters);
      return /** @type {{ n: number }} */ (db.prepare(`SELECT COUNT(*) AS n FROM error_groups g ${sql}`).get(...args)).n;
    },
    /** Values for the filter drop-downs. @param {string | undefined} appId */
    options(appId) {
      const app = appId ? ' WHERE app_id = ?' : '';
      const appArgs = appId ? [appId] : [];
      return {
        apps: column(`SELECT DISTINCT app_id FROM error_groups ORDER BY app_id LIMIT ${MAX_FILTER_OPTIONS}`),
        types: column(`SELECT DISTINCT type FROM error_groups${app} ORDER BY type LIMIT ${MAX_FILTER_OPTIONS}`, ...appArgs),
        releases: column(`SELECT DISTINCT release FROM occurrences WHERE release IS NOT NULL ORDER BY release DESC LIMIT ${MAX_FILTER_OPTIONS}`),
        environments: column(`SELECT DISTINCT environment FROM occurrences WHERE environment IS NOT NULL ORDER BY environment LIMIT ${MAX_FILTER_OPTIONS}`),
      };
    },
    /** @param {string} fingerprint @returns {GroupRow | undefined} */
    group: (fingerprint) => /** @type {GroupRow | undefined} */ (db.prepare('SELECT * FROM error_groups WHERE fingerprint = ?').get(fingerprint)),
    /**
     * Distinct users and sessions among a group's stored occurrences.
     * @param {string} fingerprint @param {GroupFilters} [f] release and environment narrow it
     */
    people(fingerprint, f = {}) {
      const sql = ['fingerprint = ?'];
      const args = [fingerprint];
      if (f.release) { sql.push('release = ?'); args.push(f.release); }
      if (f.environment) { sql.push('environment = ?'); args.push(f.environment); }
      // Unfiltered, the (fingerprint, user_id, session_id) index holds every value needed; SQLite
      // would otherwise pick the time index and parse each body (2.5 times slower on 20 000 rows).
      const index = args.length === 1 ? ' INDEXED BY occurrences_fp_people' : '';
      return /** @type {{ users: number, sessions: number, stored: number }} */ (db.prepare(
        `SELECT COUNT(DISTINCT user_id) AS users, COUNT(DISTINCT session_id) AS sessions, COUNT(*) AS stored FROM occurrences${index} WHERE ${sql.join(' AND ')}`).get(...args));
    },
    /**
     * Stored occurrences of a group per time bucket between from and to (ms).
     * @param {string} fingerprint @param {number} from @param {number} to @param {number} buckets
     */
    histogram(fingerprint, from, to, buckets) {
      const width = Math.max(1, Math.ceil((to - from) / buckets));
      const rows = /** @type {{ b: number, n: number }[]} */ (db.prepare(`SELECT CAST((received_at - ?) / ? AS INTEGER) AS b, COUNT(*) AS n
        FROM occurrences WHERE fingerprint = ? AND received_at >= ? AND received_at <= ? GROUP BY b`).all(from, width, fingerprint, from, to));
      return dense(rows, buckets);
    },
    /** The newest occurrence, or the one with this seq, of a group. @param {string} fingerprint @param {number | null} seq */
    occurrence: (fingerprint, seq) => /** @type {OccurrenceRow | undefined} */ (seq === null
      ? db.prepare('SELECT * FROM occurrences WHERE fingerprint = ? ORDER BY seq DESC LIMIT 1').get(fingerprint)
      : db.prepare('SELECT * FROM occurrences WHERE fingerprint = ? AND seq = ?').get(fingerprint, seq)),
    /** A page of a group's occurrences, newest first. @param {string} fingerprint @param {number} offset @param {number} limit */
    occurrences(fingerprint, offset, limit) {
      const rows = /** @type {{ seq: number, received_at: number, release: string | null, environment: string | null, user_agent: string | null, user_id: string | null, page: string | null, trace_id: string | null }[]} */ (
        db.prepare(`SELECT seq, received_at, release, environment, user_agent, user_id, json_extract(body, '$.page') AS page, json_extract(body, '$.traceId') AS trace_id
          FROM occurrences WHERE fingerprint = ? ORDER BY seq DESC LIMIT ? OFFSET ?`).all(fingerprint, limit + 1, offset));
      return { rows: rows.slice(0, limit), more: rows.length > limit };
    },

    /**
     * Per route since `from`: page views and visitors (from `_active`, as the stock server
     * counts them), foreground seconds, and how many web_vitals reports it has.
     * @param {{ appId?: string, from: number }} f @param {number} offset @param {number} limit
     */
    pages({ appId, from }, offset, limit) {
      const rows = /** @type {{ page: string, views: number, visitors: number, seconds: number | null, vitals: number }[]} */ (db.prepare(`
        SELECT page, SUM(event_name = '_active') AS views, COUNT(DISTINCT CASE WHEN event_name = '_active' THEN user_id END) AS visitors,
          SUM(CASE WHEN event_name = '_active' THEN duration END) AS seconds, SUM(event_name = 'web_vitals') AS vitals
        FROM events WHERE event_name IN ('_active', 'web_vitals') AND received_at >= ?${appId ? ' AND app_id = ?' : ''} AND page IS NOT NULL
        GROUP BY page ORDER BY views DESC, vitals DESC, page LIMIT ? OFFSET ?`).all(from, ...(appId ? [appId] : []), limit + 1, offset));
      return { rows: rows.slice(0, limit), more: rows.length > limit };
    },
    /** Totals over every route since `from`. @param {{ appId?: string, from: number }} f */
    pageTotals({ appId, from }) {
      return /** @type {{ views: number, visitors: number, seconds: number | null }} */ (db.prepare(`
        SELECT COUNT(*) AS views, COUNT(DISTINCT user_id) AS visitors, SUM(duration) AS seconds
        FROM events WHERE event_name = '_active' AND received_at >= ?${appId ? ' AND app_id = ?' : ''}`).get(from, ...(appId ? [appId] : [])));
    },
    /** `_active` reports per time bucket. @param {{ appId?: string, from: number, to: number }} f @param {number} buckets */
    viewsHistogram({ appId, from, to }, buckets) {
      const width = Math.max(1, Math.ceil((to - from) / buckets));
      const rows = /** @type {{ b: number, n: number }[]} */ (db.prepare(`SELECT CAST((received_at - ?) / ? AS INTEGER) AS b, COUNT(*) AS n
        FROM events WHERE event_name = '_active' AND received_at >= ? AND received_at <= ?${appId ? ' AND app_id = ?' : ''} GROUP BY b`)
        .all(from, width, from, to, ...(appId ? [appId] : [])));
      return dense(rows, buckets);
    },
    /**
     * The web vitals values reported for these routes since `from`: metric → values, per route.
     * @param {{ appId?: string, from: number }} f @param {string[]} pages @param {readonly string[]} metrics
     * @returns {Map<string, Record<string, number[]>>}
     */
    vitals({ appId, from }, pages, metrics) {
      /** @type {Map<string, Record<string, number[]>>} */
      const out = new Map(pages.map((p) => [p, Object.fromEntries(metrics.map((m) => [m, /** @type {number[]} */ ([])]))]));
      if (pages.length === 0) return out;
      const values = metrics.map((m) => `json_extract(body, '$.metadata.${m}.value') AS ${m}`).join(', ');
      const rows = db.prepare(`SELECT page, ${values} FROM events WHERE event_name = 'web_vitals' AND received_at >= ?${appId ? ' AND app_id = ?' : ''}
        AND page IN (${pages.map(() => '?').join(', ')}) ORDER BY received_at DESC LIMIT ${MAX_VITALS_ROWS}`).iterate(from, ...(appId ? [appId] : []), ...pages);
      for (const row of /** @type {Iterable<Record<string, unknown>>} */ (rows)) {
        const byMetric = out.get(String(row.page));
        if (!byMetric) continue;
        for (const m of metrics) if (typeof row[m] === 'number' && Number.isFinite(row[m])) byMetric[m].push(/** @type {number} */ (row[m]));
      }
      return out;
    },
  };
}
