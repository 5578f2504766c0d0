// The part of better-sqlite3's API the collector uses (the package ships no types, and
// @types/better-sqlite3 is not installed). A row is what SQLite gives back: column → value.
declare module 'better-sqlite3' {
  export type SqlValue = string | number | bigint | Buffer | null;
  export type Row = Record<string, SqlValue>;
  export interface RunResult { changes: number; lastInsertRowid: number | bigint }
  export interface Statement<R = Row> {
    run(...params: unknown[]): RunResult;
    get(...params: unknown[]): R | undefined;
    all(...params: unknown[]): R[];
    iterate(...params: unknown[]): IterableIterator<R>;
  }
  export default class Database {
    constructor(path: string);
    readonly open: boolean;
    prepare<R = Row>(sql: string): Statement<R>;
    exec(sql: string): this;
    pragma(source: string): unknown;
    transaction<T>(fn: () => T): () => T;
    close(): this;
  }
}
