import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseUrl, Driver, DriverConnectOptions, QueryResult } from '@pool/core';
import type { SqliteDatabase, SqliteStatement } from './better-sqlite3.js';
import { openDatabase } from './better-sqlite3.js';
import { busyWait } from './busy-wait.js';
import type { SqliteSettings } from './sqlite-settings.js';
import { DEFAULT_TIMEOUT, sqliteSettings } from './sqlite-settings.js';

/** One statement's whole answer, for query builders that need more than `QueryResult` (the insert id). */
export interface SqliteExecuteResult {
  /** Whether the statement returns rows (`SELECT`, `PRAGMA`, `… RETURNING`). */
  readonly reader: boolean;
  /** The rows, for a reader; empty otherwise. */
  readonly rows: Record<string, unknown>[];
  /** Rows changed, for a statement that is not a reader (0 for DDL). */
  readonly changes: number;
  /** The rowid of the last row inserted on this connection. */
  readonly lastInsertRowid: number | bigint;
}

/** What the driver keeps beside each better-sqlite3 connection it opened. */
interface ConnState {
  readonly pid: number;
  readonly settings: SqliteSettings;
  readonly statements: Map<string, SqliteStatement>;
}

/** Prepared statements kept per connection, least recently used dropped first. */
const STATEMENT_CACHE_SIZE = 100;

// better-sqlite3 reports any use of a closed connection with this TypeError.
const NOT_OPEN = 'The database connection is not open';
// Errors after which the connection (or the file under it) cannot be trusted: reopen.
const DEAD_CODES = /^SQLITE_(IOERR|CORRUPT|CANTOPEN|NOTADB|READONLY_DBMOVED)/;

/**
 * The better-sqlite3 driver. SQLite runs inside this process and its calls are synchronous;
 * the driver keeps the contract asynchronous (every failure is a rejection) and waits for locks
 * held by other connections without blocking the event loop (see `busyWait`).
 */
export class SqliteDriver implements Driver<SqliteDatabase> {
  readonly name = 'sqlite';
  readonly #connections = new WeakMap<SqliteDatabase, ConnState>();
  #serial = 0;

  /** URL parameters and `connectArgs` keys it does not know, and bad values: ConfigErrors, before any connection. */
  validate(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>): void {
    sqliteSettings(url, connectArgs);
  }

  /** Open a file in WAL mode (or the in-memory database), waiting at most `timeout` seconds for locks. */
  async connect(url: DatabaseUrl, options: DriverConnectOptions): Promise<SqliteDatabase> {
    options.signal.throwIfAborted();
    const settings = sqliteSettings(url, options.connectArgs);
    if (!settings.memory) checkDirectory(settings.filename);
    const db = openDatabase(settings.filename, { readonly: settings.readonly, fileMustExist: settings.fileMustExist, timeout: 0 });
    try {
      if (!settings.memory && !settings.readonly) {
        await busyWait(() => db.pragma(`journal_mode = ${settings.journalMode}`), settings.timeout);
      }
      options.signal.throwIfAborted();
    } catch (error) {
      db.close();
      throw error;
    }
    this.#connections.set(db, { pid: ++this.#serial, settings, statements: new Map() });
    return db;
  }

  close(raw: SqliteDatabase): Promise<void> {
    return settle(() => {
      this.#connections.delete(raw);
      if (raw.open) raw.close();
    });
  }

  /** Runs `SELECT 1`: rejects once the connection was closed. */
  ping(raw: SqliteDatabase): Promise<void> {
    return settle(() => void this.#prepare(raw, 'SELECT 1').get());
  }

  /** `?` placeholders; booleans bind as 1/0, `undefined` as NULL, dates as ISO text. Several statements without parameters run as a script. */
  async query(raw: SqliteDatabase, sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    const timeout = this.#timeout(raw);
    const values = params.map(toSqlite);
    let statement: SqliteStatement;
    try {
      statement = await busyWait(() => this.#prepare(raw, sql), timeout);
    } catch (error) {
      if (values.length > 0 || !(error instanceof RangeError) || !/more than one statement/.test(error.message)) throw error;
      // A script may have run in part when it fails, so it is never run again.
      raw.exec(sql);
      return { rows: [], rowCount: null };
    }
    return busyWait(() => execute(statement, values), timeout);
  }

  /**
   * One statement with better-sqlite3's whole answer (rows, changes, lastInsertRowid), with the
   * same parameter rules, statement cache and lock waiting as `query()`; one statement only.
   * For query builders over the pool (`@pool/sqlite/kysely`).
   */
  async execute(raw: SqliteDatabase, sql: string, params: readonly unknown[] = []): Promise<SqliteExecuteResult> {
    const timeout = this.#timeout(raw);
    const values = params.map(toSqlite);
    const statement = await busyWait(() => this.#prepare(raw, sql), timeout);
    return busyWait(() => run(statement, values), timeout);
  }

  /** The connection's prepared statement for `sql` (cached; lock waits as for `query()`), for iterating its rows. */
  statement(raw: SqliteDatabase, sql: string): Promise<SqliteStatement> {
    return busyWait(() => this.#prepare(raw, sql), this.#timeout(raw));
  }

  /** Parameters as `query()` binds them: booleans as 1/0, `undefined` as NULL, dates as ISO text. */
  bindable(params: readonly unknown[]): unknown[] {
    return params.map(toSqlite);
  }

  /** `BEGIN IMMEDIATE` by default (`transaction_mode`): the write lock is taken, or waited for, up front. */
  async begin(raw: SqliteDatabase): Promise<void> {
    const mode = this.#connections.get(raw)?.settings.transactionMode ?? 'deferred';
    await busyWait(() => raw.exec(`BEGIN ${mode.toUpperCase()}`), this.#timeout(raw));
  }

  /** COMMIT; outside a transaction it does nothing, as in PostgreSQL and MySQL. */
  async commit(raw: SqliteDatabase): Promise<void> {
    if (raw.open && !raw.inTransaction) return;
    await busyWait(() => raw.exec('COMMIT'), this.#timeout(raw));
  }

  /** ROLLBACK; outside a transaction (SQLite may already have rolled back after an error) it does nothing. */
  rollback(raw: SqliteDatabase): Promise<void> {
    return settle(() => {
      if (raw.open && !raw.inTransaction) return;
      raw.exec('ROLLBACK');
    });
  }

  /** From the library (`db.inTransaction`, which counts a `BEGIN` sent as SQL); unknown once closed. */
  inTransaction(raw: SqliteDatabase): boolean | undefined {
    return raw.open ? raw.inTransaction : undefined;
  }

  /** A serial number given to each connection as it opens, from 1, unique within the process. */
  backendPid(raw: SqliteDatabase): Promise<number> {
    return settle(() => {
      const state = this.#connections.get(raw);
      if (!raw.open || state === undefined) throw new TypeError(NOT_OPEN);
      return state.pid;
    });
  }

  /** A closed connection, or an I/O, corruption or moved-file error: the connection must be replaced. */
  isDisconnect(error: unknown): boolean {
    if (error instanceof TypeError) return error.message === NOT_OPEN;
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && DEAD_CODES.test(code);
  }

  #timeout(raw: SqliteDatabase): number {
    return this.#connections.get(raw)?.settings.timeout ?? DEFAULT_TIMEOUT;
  }

  #prepare(raw: SqliteDatabase, sql: string): SqliteStatement {
    const cache = this.#connections.get(raw)?.statements;
    let statement = cache?.get(sql);
    if (statement !== undefined) {
      cache!.delete(sql);
    } else {
      statement = raw.prepare(sql);
      if (cache !== undefined && cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache?.set(sql, statement);
    return statement;
  }
}

/**
 * SQLite creates a missing database file but not its directory, and better-sqlite3's error then
 * names neither: say which absolute directory is missing. Checked at each open, not once: the
 * directory may be created (or a volume mounted) while the engine lives.
 */
function checkDirectory(filename: string): void {
  const directory = dirname(filename);
  const stat = statSync(directory, { throwIfNoEntry: false });
  if (stat === undefined) {
    throw new Error(`sqlite: cannot open ${filename}: the directory ${directory} does not exist (SQLite creates the database file, not its directory)`);
  }
  if (!stat.isDirectory()) throw new Error(`sqlite: cannot open ${filename}: ${directory} is not a directory`);
}

/** SQLite answers synchronously; the contract is a promise, so a throw becomes a rejection. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}

function execute(statement: SqliteStatement, values: unknown[]): QueryResult {
  if (statement.reader) {
    const rows = statement.all(...values) as Record<string, unknown>[];
    return { rows, rowCount: rows.length };
  }
  return { rows: [], rowCount: statement.run(...values).changes };
}

function run(statement: SqliteStatement, values: unknown[]): SqliteExecuteResult {
  if (statement.reader) return { reader: true, rows: statement.all(...values) as Record<string, unknown>[], changes: 0, lastInsertRowid: 0 };
  const { changes, lastInsertRowid } = statement.run(...values);
  return { reader: false, rows: [], changes, lastInsertRowid };
}

function toSqlite(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}
