// Columns and indexes the view reads by. The fields live in the stored JSON bodies; virtual
// generated columns name them without changing how reports are inserted, and the indexes
// over them hold the values, so filters and counts need not parse bodies. Added on open to
// a database of any earlier version (ALTER TABLE can add only virtual generated columns).

/** @type {[table: string, column: string, definition: string][]} */
const COLUMNS = [
  ['occurrences', 'original_frames', 'TEXT'],
  // The digests of the source maps that made original_frames (a JSON array): a replaced map re-resolves what its old content resolved.
  ['occurrences', 'map_digests', 'TEXT'],
  ['occurrences', 'release', "TEXT GENERATED ALWAYS AS (json_extract(body, '$.release')) VIRTUAL"],
  ['occurrences', 'environment', "TEXT GENERATED ALWAYS AS (json_extract(body, '$.environment')) VIRTUAL"],
  ['occurrences', 'user_id', "TEXT GENERATED ALWAYS AS (json_extract(body, '$.userId')) VIRTUAL"],
  ['occurrences', 'session_id', "TEXT GENERATED ALWAYS AS (json_extract(body, '$.sessionId')) VIRTUAL"],
  ['events', 'page', "TEXT GENERATED ALWAYS AS (json_extract(body, '$.metadata.page')) VIRTUAL"],
  ['events', 'duration', "REAL GENERATED ALWAYS AS (json_extract(body, '$.metadata.duration')) VIRTUAL"],
];

// Made by buildIndexes (indexes.mjs), with the store's.
export const VIEW_INDEXES = `
CREATE INDEX IF NOT EXISTS occurrences_fp_time ON occurrences (fingerprint, received_at);
CREATE INDEX IF NOT EXISTS occurrences_fp_people ON occurrences (fingerprint, user_id, session_id);
CREATE INDEX IF NOT EXISTS occurrences_release_env ON occurrences (release, environment, fingerprint);
CREATE INDEX IF NOT EXISTS occurrences_env ON occurrences (environment, fingerprint);
CREATE INDEX IF NOT EXISTS events_name_time ON events (event_name, received_at, app_id, page, user_id, duration);
`;

/** @param {import('better-sqlite3').default} db */
export function addViewColumns(db) {
  for (const [table, column, definition] of COLUMNS) {
    const known = /** @type {{ name: string }[]} */ (db.prepare(`SELECT name FROM pragma_table_xinfo('${table}')`).all());
    if (!known.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}
