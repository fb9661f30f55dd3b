import type { Engine } from '@pool/core';
import { ConfigError } from '@pool/core';
import { driver as defaultDriver } from './driver.js';
import type { PgClient, PgEngine, PgModule, PgPoolClass } from './pg-client.js';
import { PgDriver } from './pg-driver.js';
import type { PgPool } from './pg-pool-facade.js';
import { facadeClassFor } from './pg-pool-facade.js';

/** Options of `toPgPool`. */
export interface ToPgPoolOptions<M extends { readonly Pool?: PgPoolClass } = PgModule> {
  /**
   * The node-postgres module whose `Pool` the facade is an instance of. Default: the one the
   * engine's driver opens clients with. Give the library's own copy when it has one
   * (`@prisma/adapter-pg` checks `instanceof` against the `pg` it imports).
   */
  readonly pg?: M;
}

/** What `toPgPool` returns for a typed `pg` module: that module's Pool type, plus the facade's extras. */
export type PgPoolOf<M extends { readonly Pool?: PgPoolClass }> = M extends { readonly Pool: abstract new (...args: never[]) => infer P } ? P & Pick<PgPool, 'engine'> : PgPool;

/**
 * A `pg.Pool` over an engine, for libraries that take a node-postgres pool (Kysely, Drizzle,
 * `@prisma/adapter-pg`, knex's `connectionPool`, …). It is an instance of the application's own
 * `pg.Pool`; each `connect()` is an engine checkout (limits, prePing, recycle, reset on return
 * and leak detection apply) handing out the driver's own `pg.Client` with pg-pool's `release`.
 * `end()` disposes the engine once. Default: typed as `PgPool`; pass `{ pg }` (from `import pg
 * from 'pg'`) to get `pg.Pool` itself.
 */
export function toPgPool(engine: PgEngine): PgPool;
export function toPgPool<M extends { readonly Pool?: PgPoolClass }>(engine: PgEngine, options: ToPgPoolOptions<M>): PgPoolOf<M>;
export function toPgPool(given: PgEngine, options: ToPgPoolOptions<{ readonly Pool?: PgPoolClass }> = {}): PgPool {
  // The same engine whichever way its raw client is typed: the facade works on the driver's PgClient.
  const engine = given as Engine<PgClient>;
  const driver = pgDriverOf(engine);
  const pg = options.pg ?? driver.library.pg;
  if (typeof pg !== 'object' || pg === null || typeof pg.Pool !== 'function') {
    throw new ConfigError('pg', 'toPgPool: `pg` must be the node-postgres module, with its Pool class (import pg from \'pg\')');
  }
  const Facade = facadeClassFor(pg.Pool);
  return new Facade(engine, driver.library.parseConnectionString);
}

/** The engine's node-postgres driver: its own, or @pool/pg's when the engine found it by scheme. */
export function pgDriverOf(engine: PgEngine): PgDriver {
  const driver = engine.options.driver;
  if (driver === undefined) {
    if (engine.url.backend === 'postgres' || engine.url.backend === 'postgresql') return defaultDriver as unknown as PgDriver;
  } else if (driver instanceof PgDriver) {
    return driver;
  }
  const what = driver === undefined ? `a ${engine.url.backend}:// engine` : `an engine whose driver is ${driver.name}`;
  throw new ConfigError('engine', `toPgPool needs an engine on @pool/pg's node-postgres driver, got ${what}`);
}
