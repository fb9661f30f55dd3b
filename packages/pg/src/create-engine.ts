import type { DatabaseUrl, Driver, Engine, EngineOptions } from '@pool/core';
import { ConfigError, createEngine as createCoreEngine, urlForDriver } from '@pool/core';
import type { PgClient, PgModule, PgModuleLike, PgRaw } from './pg-client.js';
import { driver } from './driver.js';
import { pgLibraryFor } from './internal/load-pg.js';
import { PgDriver } from './pg-driver.js';

/** Pool options for `@pool/pg`'s `createEngine`: every option but `driver`, which is node-postgres. */
export type PgEngineOptions = Omit<EngineOptions<PgRaw>, 'driver'> & {
  /**
   * The node-postgres module to open clients with. Default: `pg` as resolved from `@pool/pg`,
   * which, `pg` being a peer dependency, is the application's copy. Give it when the application
   * has another (the one whose `types.setTypeParser` it called, or a bundled one).
   */
  pg?: PgModuleLike;
};

const RULE = { packageName: '@pool/pg', schemes: ['postgres', 'postgresql'] } as const;
const drivers = new WeakMap<PgModule, PgDriver>();

/**
 * `createEngine` of `@pool/core` bound to node-postgres: no scheme lookup, and `conn.raw` is
 * typed as `pg.Client`. The URL (default `DATABASE_URL`) must be `postgres://` or `postgresql://`
 * (`postgresql+psycopg2://` too: the `+suffix` is ignored); that and the driver settings are
 * checked before the engine is built.
 */
export function createEngine(url?: string | DatabaseUrl, options: PgEngineOptions = {}): Engine<PgRaw> {
  const checked = urlForDriver(url, RULE);
  const { pg, ...poolOptions } = options;
  // conn.raw is the very pg.Client the driver opened; PgRaw only names its type as the application sees it.
  const bound = pg === undefined ? driver : (driverFor(pg) as unknown as Driver<PgRaw>);
  return createCoreEngine<PgRaw>(checked, { ...poolOptions, driver: bound });
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
