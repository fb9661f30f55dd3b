import type { Engine, EngineOptions } from '@pool/core';
import { ConfigError, createEngine as createCoreEngine, DatabaseUrl } from '@pool/core';
import type { SqliteDatabase } from './better-sqlite3.js';
import { SqliteDriver } from './sqlite-driver.js';
import { isMemoryUrl } from './sqlite-settings.js';

/** The driver object `@pool/core` loads for `sqlite://` URLs. */
export const driver: SqliteDriver = new SqliteDriver();

/** Options of `createEngine` from `@pool/sqlite`: those of `@pool/core`, the driver being fixed. */
export type SqliteEngineOptions = Omit<EngineOptions<SqliteDatabase>, 'driver'>;

/**
 * What keeps `sqlite:///:memory:` one shared connection: a single slot, and nothing that would
 * close the connection while the engine lives (closing it would drop the database).
 */
export const MEMORY_PINS: Readonly<Record<'poolSize' | 'maxOverflow' | 'poolRecycle' | 'idleTimeout' | 'maxUses', number>> = Object.freeze({
  poolSize: 1,
  maxOverflow: 0,
  poolRecycle: -1,
  idleTimeout: -1,
  maxUses: 0,
});

/**
 * An engine bound to the SQLite driver, typed with the better-sqlite3 `Database` as `conn.raw`
 * (`DATABASE_URL` when no URL is given). `sqlite:///:memory:` gets one connection that every
 * checkout shares; an option in code that contradicts that is a `ConfigError`.
 */
export function createEngine(url?: string | DatabaseUrl, options: SqliteEngineOptions = {}): Engine<SqliteDatabase> {
  const text = url ?? (process.env.DATABASE_URL || undefined);
  if (text === undefined) return createCoreEngine<SqliteDatabase>(undefined, { ...options, driver });
  const parsed = typeof text === 'string' ? DatabaseUrl.parse(text) : text;
  if (parsed.backend !== 'sqlite') {
    throw new ConfigError('url', `@pool/sqlite needs a sqlite:// URL (sqlite:///file.db, sqlite:///:memory:), got ${parsed.render()}`);
  }
  const pinned = isMemoryUrl(parsed) ? pinMemory(options) : options;
  return createCoreEngine<SqliteDatabase>(parsed, { ...pinned, driver });
}

function pinMemory(options: SqliteEngineOptions): SqliteEngineOptions {
  for (const [option, value] of Object.entries(MEMORY_PINS)) {
    const given = options[option as keyof typeof MEMORY_PINS];
    if (given !== undefined && Number(given) !== value) {
      throw new ConfigError(option, `sqlite:///:memory: is one shared connection that must stay open: ${option} must be ${value} or left out, got ${String(given)}`);
    }
  }
  return { ...options, ...MEMORY_PINS };
}
