import type { Engine } from '@pool/core';
import { ConfigError } from '@pool/core';
import type { DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler } from 'kysely';
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { SqliteDatabase } from '../better-sqlite3.js';
import { driver as packageDriver } from '../create-engine.js';
import { SqliteDriver } from '../sqlite-driver.js';
import type { PoolSqliteDialectConfig } from './pool-sqlite-dialect-config.js';
import { PoolSqliteDriver } from './pool-sqlite-driver.js';

/**
 * Kysely's SQLite adapter, saying that connections may be used side by side: Kysely 0.29 would
 * otherwise run every statement of the dialect on one connection at a time. A file engine's
 * connections work in parallel (WAL, lock waits off the event loop); `:memory:` has one connection,
 * and the engine queues callers for it.
 */
export class PoolSqliteAdapter extends SqliteAdapter {
  get supportsMultipleConnections(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect over an `@pool` engine: `new Kysely({ dialect: new PoolSqliteDialect({
 * engine }) })`. Kysely's own `SqliteDialect` holds one database and closes it on destroy; this
 * one checks connections out of the engine (WAL files: one per checkout, readers beside one
 * writer; `:memory:`: the one shared connection, callers queued) and gives them back.
 * `kysely.destroy()` does not dispose the engine unless `disposeEngine: true`.
 */
export class PoolSqliteDialect implements Dialect {
  readonly #config: PoolSqliteDialectConfig;
  readonly #engine: Engine<SqliteDatabase>;
  readonly #sqlite: SqliteDriver;

  constructor(config: PoolSqliteDialectConfig) {
    const engine = config?.engine as Partial<Engine<unknown>> | undefined;
    if (typeof engine?.connect !== 'function' || engine.url === undefined || engine.options === undefined) {
      throw new ConfigError('engine', 'PoolSqliteDialect: pass { engine } made by createEngine() from @pool/sqlite or @pool/core');
    }
    if (engine.url.backend !== 'sqlite') {
      throw new ConfigError('engine', `PoolSqliteDialect needs an engine on a sqlite:// URL, got ${engine.url.backend}://`);
    }
    const own = engine.options.driver;
    if (own !== undefined && !(own instanceof SqliteDriver)) {
      throw new ConfigError('engine', `PoolSqliteDialect needs the engine to use @pool/sqlite's driver, not "${own.name}"`);
    }
    this.#config = Object.freeze({ ...config });
    this.#engine = engine as Engine<SqliteDatabase>;
    this.#sqlite = own ?? packageDriver;
  }

  createDriver(): Driver {
    return new PoolSqliteDriver(this.#engine, this.#sqlite, this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PoolSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
