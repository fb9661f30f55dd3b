import { createRequire } from 'node:module';
import type { SqliteDatabaseOr } from '../types/better-sqlite3-types.js';

/** A prepared statement of better-sqlite3: the part the driver uses. */
export interface SqliteStatement {
  /** Whether the statement returns rows (SELECT, PRAGMA, `… RETURNING`). */
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  /** Rows one at a time; the connection is busy until the iterator ends or is returned. */
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

/**
 * A better-sqlite3 `Database`, typed structurally (STYLE: native libraries are peers typed by
 * the part we use). What an application sees as `conn.raw` is `SqliteRaw`.
 */
export interface SqliteDatabase {
  /** The file path, or `:memory:`. */
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  readonly memory: boolean;
  readonly readonly: boolean;
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): unknown;
}

/** `conn.raw`: better-sqlite3's `Database` as @types/better-sqlite3 types it when installed, else the structural `SqliteDatabase`. */
export type SqliteRaw = SqliteDatabaseOr<SqliteDatabase>;

/** Options of the better-sqlite3 constructor that the driver sets. */
export interface SqliteOpenOptions {
  readonly readonly?: boolean;
  readonly fileMustExist?: boolean;
  /** Milliseconds SQLite itself busy-waits for a lock; the driver uses 0 and waits asynchronously. */
  readonly timeout?: number;
}

type DatabaseConstructor = new (filename: string, options?: SqliteOpenOptions) => SqliteDatabase;

// Loaded when this module is, so a missing or unbuilt better-sqlite3 fails the import of
// @pool/sqlite itself, which @pool/core reports as "install better-sqlite3".
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as DatabaseConstructor;

/** Open one better-sqlite3 connection. */
export function openDatabase(filename: string, options: SqliteOpenOptions): SqliteDatabase {
  return new Database(filename, options);
}
