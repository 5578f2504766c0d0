// Builds indexes on a connection of its own, off the server's event loop (see indexes.mjs).
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, statements } = /** @type {{ path: string, statements: string[] }} */ (workerData);
const db = new Database(path);
try {
  // One transaction: a build stopped half-way leaves no index half made, and the next start builds it again.
  db.transaction(() => { for (const sql of statements) db.exec(sql); })();
} finally {
  db.close();
}
