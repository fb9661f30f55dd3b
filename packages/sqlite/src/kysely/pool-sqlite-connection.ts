import type { PooledConnection } from '@pool/core';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import type { SqliteDatabase } from '../better-sqlite3.js';
import type { SqliteDriver } from '../sqlite-driver.js';

/**
 * One checkout of the engine, as Kysely runs statements on it. Statements go through the
 * engine's SQLite driver (its statement cache, parameter rules and lock waiting), and an error
 * is reported to the engine (`reportError`), so a closed or corrupt connection is replaced.
 */
export class PoolSqliteConnection implements DatabaseConnection {
  readonly #pooled: PooledConnection<SqliteDatabase>;
  readonly #sqlite: SqliteDriver;

  constructor(pooled: PooledConnection<SqliteDatabase>, sqlite: SqliteDriver) {
    this.#pooled = pooled;
    this.#sqlite = sqlite;
  }

  /** The engine's checkout behind this connection. */
  get pooled(): PooledConnection<SqliteDatabase> {
    return this.#pooled;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    try {
      const result = await this.#sqlite.execute(this.#pooled.raw, sql, parameters);
      if (result.reader) return { rows: result.rows as R[] };
      return { rows: [], numAffectedRows: BigInt(result.changes), insertId: BigInt(result.lastInsertRowid) };
    } catch (error) {
      this.#pooled.reportError(error);
      throw error;
    }
  }

  /** Rows in chunks of `chunkSize` (default 1), read one by one with better-sqlite3's `iterate`. */
  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 1): AsyncIterableIterator<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    const size = Math.max(1, Math.floor(chunkSize));
    let rows: R[] = [];
    try {
      const statement = await this.#sqlite.statement(this.#pooled.raw, sql);
      if (!statement.reader) throw new Error('PoolSqliteDialect streams only statements that return rows (SELECT, … RETURNING)');
      // Returning from this generator (a consumer's break) returns the iterator, which frees the connection.
      for (const row of statement.iterate(...this.#sqlite.bindable(parameters))) {
        rows.push(row as R);
        if (rows.length < size) continue;
        yield { rows };
        rows = [];
      }
    } catch (error) {
      this.#pooled.reportError(error);
      throw error;
    }
    if (rows.length > 0) yield { rows };
  }
}
