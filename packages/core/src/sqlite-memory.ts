import { ConfigError } from './errors.js';
import type { EngineOptions } from './options.js';
import type { DatabaseUrl } from './url.js';

/** The options that keep `sqlite:///:memory:` one shared connection, and the value each is pinned to. */
export type SqliteMemoryPins = Readonly<Record<'poolSize' | 'maxOverflow' | 'poolRecycle' | 'idleTimeout' | 'maxUses', number>>;

/**
 * What keeps `sqlite:///:memory:` one shared connection: a single slot, and nothing that would
 * close the connection while the engine lives (closing it drops the database).
 */
export const SQLITE_MEMORY_PINS: SqliteMemoryPins = Object.freeze({
  poolSize: 1,
  maxOverflow: 0,
  poolRecycle: -1,
  idleTimeout: -1,
  maxUses: 0,
});

/** Whether a URL names SQLite's in-memory database: `sqlite:///:memory:`, `sqlite://`, or `?mode=memory`. */
export function isSqliteMemoryUrl(url: DatabaseUrl): boolean {
  if (url.backend !== 'sqlite') return false;
  return url.database === undefined || url.database === ':memory:' || url.query.mode === 'memory';
}

/**
 * The code options for a URL, with SQLite's in-memory database pinned to one shared connection.
 * An in-memory database lives and dies with its one connection, so a second connection would be
 * a second, empty database: whichever `createEngine` is used, every checkout gets the same one.
 * The pins win over the URL and the environment; one given in code with another value is a ConfigError.
 */
export function pinSqliteMemory<Raw>(url: DatabaseUrl, options: EngineOptions<Raw>): EngineOptions<Raw> {
  if (!isSqliteMemoryUrl(url) || typeof options !== 'object' || options === null) return options;
  for (const [option, value] of Object.entries(SQLITE_MEMORY_PINS)) {
    const given: unknown = options[option as keyof SqliteMemoryPins];
    if (given !== undefined && Number(given) !== value) {
      throw new ConfigError(option, `sqlite:///:memory: is one shared connection that must stay open: ${option} must be ${value} or left out, got ${JSON.stringify(given)}`);
    }
  }
  return { ...options, ...SQLITE_MEMORY_PINS };
}
