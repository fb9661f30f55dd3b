import type { DatabaseUrl, Driver, Engine, EngineOptions } from '@pool/core';
import { ConfigError, createEngine as createCoreEngine } from '@pool/core';
import type { PgClient, PgModule, PgModuleLike } from './pg-client.js';
import { driver } from './driver.js';
import { pgLibraryFor } from './internal/load-pg.js';
import { PgDriver } from './pg-driver.js';

/** Pool options for `@pool/pg`'s `createEngine`: every option but `driver`, which is node-postgres. */
export type PgEngineOptions = Omit<EngineOptions<PgClient>, 'driver'> & {
  /**
   * The node-postgres module to open clients with. Default: `pg` as resolved from `@pool/pg`,
   * which, `pg` being a peer dependency, is the application's copy. Give it when the application
   * has another (the one whose `types.setTypeParser` it called, or a bundled one).
   */
  pg?: PgModuleLike;
};

const SCHEMES = new Set(['postgres', 'postgresql']);
const drivers = new WeakMap<PgModule, PgDriver>();

/**
 * `createEngine` of `@pool/core` bound to node-postgres: no scheme lookup, and `conn.raw` is
 * typed as the pg client. The URL (default `DATABASE_URL`) must be `postgres://` or `postgresql://`.
 */
export function createEngine(url?: string | DatabaseUrl, options: PgEngineOptions = {}): Engine<PgClient> {
  const { pg, ...poolOptions } = options;
  const engine = createCoreEngine<PgClient>(url, { ...poolOptions, driver: pg === undefined ? driver : driverFor(pg) });
  if (!SCHEMES.has(engine.url.backend)) {
    throw new ConfigError('url', `@pool/pg needs a postgresql:// URL, got ${engine.url.backend}:// (use @pool/core's createEngine to pick the driver by scheme)`);
  }
  return engine;
}

/** One driver per node-postgres module: engines on the same copy share it. */
export function driverFor(module: PgModuleLike): Driver<PgClient> {
  if (typeof module !== 'object' || module === null || typeof module.Client !== 'function') {
    throw new ConfigError('pg', `expected the node-postgres module (require('pg') or import pg from 'pg'), got ${module === null ? 'null' : typeof module}`);
  }
  const pg = module as unknown as PgModule;
  if (driver instanceof PgDriver && driver.library.pg === pg) return driver;
  let found = drivers.get(pg);
  if (found === undefined) {
    found = new PgDriver(pgLibraryFor(pg));
    drivers.set(pg, found);
  }
  return found;
}
