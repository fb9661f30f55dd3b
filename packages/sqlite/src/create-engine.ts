import type { DatabaseUrl, Driver, Engine, EngineOptions, SqliteMemoryPins } from '@pool/core';
import { createEngine as createCoreEngine, SQLITE_MEMORY_PINS, urlForDriver } from '@pool/core';
import type { SqliteRaw } from './better-sqlite3.js';
import { SqliteDriver } from './sqlite-driver.js';

/** The driver object `@pool/core` loads for `sqlite://` URLs (`PoolSqliteDialect` uses its own methods too). */
export const driver: SqliteDriver = new SqliteDriver();

/** Options of `createEngine` from `@pool/sqlite`: those of `@pool/core`, the driver being fixed. */
export type SqliteEngineOptions = Omit<EngineOptions<SqliteRaw>, 'driver'>;

/**
 * What keeps `sqlite:///:memory:` one shared connection (`@pool/core` applies them to such a URL
 * whichever `createEngine` makes the engine): a single slot, and nothing that would close it.
 */
export const MEMORY_PINS: SqliteMemoryPins = SQLITE_MEMORY_PINS;

const RULE = { packageName: '@pool/sqlite', schemes: ['sqlite'] } as const;

/**
 * An engine bound to the SQLite driver, typed with the better-sqlite3 `Database` as `conn.raw`
 * (`DATABASE_URL` when no URL is given). The URL must be `sqlite://`; it and the driver settings
 * are checked before the engine is built. `sqlite:///:memory:` gets one connection that every
 * checkout shares; an option in code that contradicts that is a `ConfigError`.
 */
export function createEngine(url?: string | DatabaseUrl, options: SqliteEngineOptions = {}): Engine<SqliteRaw> {
  // conn.raw is the very better-sqlite3 Database the driver opened; SqliteRaw only names its type
  // as the application sees it.
  return createCoreEngine<SqliteRaw>(urlForDriver(url, RULE), { ...options, driver: driver as unknown as Driver<SqliteRaw> });
}
