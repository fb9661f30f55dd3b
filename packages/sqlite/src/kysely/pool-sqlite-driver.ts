import type { Engine } from '@pool/core';
import type { DatabaseConnection, Driver } from 'kysely';
import type { SqliteDatabase } from '../better-sqlite3.js';
import type { SqliteDriver } from '../sqlite-driver.js';
import { PoolSqliteConnection } from './pool-sqlite-connection.js';
import type { PoolSqliteDialectConfig } from './pool-sqlite-dialect-config.js';

/** What Kysely 0.29 passes to `acquireConnection`; 0.28 passes nothing. */
interface AcquireOptions {
  readonly signal?: AbortSignal | undefined;
}

/**
 * Kysely's driver over an engine: each `acquireConnection` is a checkout (the engine's limits,
 * waits, pre-ping and recycle apply), each `releaseConnection` a return (an open transaction
 * rolled back). `destroy()` leaves the engine to its owner unless `disposeEngine` is set.
 */
export class PoolSqliteDriver implements Driver {
  readonly #engine: Engine<SqliteDatabase>;
  readonly #sqlite: SqliteDriver;
  readonly #config: PoolSqliteDialectConfig;
  readonly #prepared = new WeakSet<SqliteDatabase>();
  #destroyed = false;

  constructor(engine: Engine<SqliteDatabase>, sqlite: SqliteDriver, config: PoolSqliteDialectConfig) {
    this.#engine = engine;
    this.#sqlite = sqlite;
    this.#config = config;
  }

  async init(): Promise<void> {
    // Nothing to open: the engine opens connections as they are checked out.
  }

  async acquireConnection(options?: AcquireOptions): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error('PoolSqliteDialect: this Kysely instance was destroyed');
    const pooled = await this.#engine.connect(options?.signal === undefined ? undefined : { signal: options.signal });
    const connection = new PoolSqliteConnection(pooled, this.#sqlite);
    try {
      const raw = pooled.raw;
      if (!this.#prepared.has(raw)) {
        // Once per physical connection, as Kysely's own dialects call it.
        await this.#config.onCreateConnection?.(connection);
        this.#prepared.add(raw);
      }
      await this.#config.onReserveConnection?.(connection);
    } catch (error) {
      await pooled.release();
      throw error;
    }
    return connection;
  }

  /** The engine driver's `begin()`: `BEGIN IMMEDIATE` unless the URL says otherwise (`transaction_mode`). */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await pooledOf(connection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await pooledOf(connection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await pooledOf(connection).rollback();
  }

  async savepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await pooledOf(connection).query(`SAVEPOINT ${identifier(savepointName)}`);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await pooledOf(connection).query(`ROLLBACK TO ${identifier(savepointName)}`);
  }

  async releaseSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await pooledOf(connection).query(`RELEASE ${identifier(savepointName)}`);
  }

  /** Back to the engine: resolves once the reset on return has run. */
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await pooledOf(connection).release();
  }

  /** Refuse further checkouts; dispose the engine only with `disposeEngine: true` (it is the application's). */
  async destroy(): Promise<void> {
    this.#destroyed = true;
    if (this.#config.disposeEngine === true) await this.#engine.dispose();
  }
}

function pooledOf(connection: DatabaseConnection): PoolSqliteConnection['pooled'] {
  if (!(connection instanceof PoolSqliteConnection)) throw new TypeError('PoolSqliteDialect: a connection of another dialect was passed to its driver');
  return connection.pooled;
}

/** A savepoint name as a quoted identifier. */
function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
