import { ConfigError, Engine } from '@pool/core';
import type { PgEngineOptions } from './create-engine.js';
import { createEngine } from './create-engine.js';
import { driver as defaultDriver } from './driver.js';
import { poolOptionsView } from './internal/pool-options.js';
import type { PgClient, PgEngine, PgModuleLike, PgPoolClass } from './pg-client.js';
import type { PgPoolConfig } from './pg-pool-config.js';
import { pgPoolConfigParts, settingsAtOdds } from './pg-pool-config.js';
import { facadeClassFor } from './pg-pool-facade.js';
import type { PgDriver } from './pg-driver.js';
import type { PgPoolOf } from './to-pg-pool.js';
import { pgDriverOf } from './to-pg-pool.js';

/** Options of `toPgModule`. */
export interface ToPgModuleOptions<M extends PgModuleLike> {
  /** The node-postgres module to extend (its `Pool` is the base class). Default: the engine's, or the one `@pool/pg` loads. */
  readonly pg?: M;
}

/** The `pg` module as `toPgModule` returns it: the same module, whose `Pool` is @pool. */
export type PgModuleOver<M extends PgModuleLike> = Omit<M, 'Pool'> & {
  readonly Pool: new (config?: PgPoolConfig | string) => PgPoolOf<M & { readonly Pool: PgPoolClass }>;
};

/**
 * The node-postgres module, with its `Pool` replaced by @pool, for libraries that build their own
 * pool from the module they are given (TypeORM's `driver`, pg-promise's `pgp.pg`, a knex or
 * MikroORM dialect). `new Pool(config)` is a `toPgPool` facade:
 * - over `source` when it is an engine: the config's pool limits are ignored (the engine's rule)
 *   and a Client setting that differs from the engine's connections is a ConfigError, never dropped;
 * - over a new engine made from the config when `source` is engine options: the config's URL
 *   parts, its Client settings as `connectArgs` (`ssl`, `types`, `application_name`, …), its
 *   limits as pool options (`max` → `poolSize` with no overflow), then `source` laid over them.
 *   `end()` disposes that engine.
 * Every other export (`Client`, `types`, `escapeLiteral`, …) is the module's own.
 */
export function toPgModule<M extends PgModuleLike = PgModuleLike>(source: PgEngine | PgEngineOptions = {}, options: ToPgModuleOptions<M> = {}): PgModuleOver<M> {
  // The facade works on the driver's PgClient, whichever way the engine's raw client is typed.
  const engine = source instanceof Engine ? (source as Engine<PgClient>) : undefined;
  const driver: PgDriver = engine === undefined ? (defaultDriver as unknown as PgDriver) : pgDriverOf(engine);
  const engineOptions = engine === undefined ? (source as PgEngineOptions) : undefined;
  const base = options.pg ?? engineOptions?.pg ?? driver.library.pg;
  if (typeof base !== 'object' || base === null || typeof base.Pool !== 'function') {
    throw new ConfigError('pg', 'toPgModule: `pg` must be the node-postgres module, with its Pool class (import pg from \'pg\')');
  }
  const parse = driver.library.parseConnectionString;
  const Facade = facadeClassFor(base.Pool);
  const engineFor = (config: PgPoolConfig): Engine<PgClient> => {
    if (engine === undefined) {
      const { url, connectArgs, poolOptions } = pgPoolConfigParts(config, base.Client);
      return createEngine(url, { ...poolOptions, ...engineOptions, pg: base, connectArgs: { ...connectArgs, ...engineOptions?.connectArgs } }) as unknown as Engine<PgClient>;
    }
    const odd = settingsAtOdds(config, poolOptionsView(engine, parse), parse);
    if (odd.length > 0) {
      throw new ConfigError(odd[0]!, `new Pool() over an existing engine was given ${odd.join(', ')}, which its connections do not have: set them on the engine (its URL or connectArgs), or make the engine from the library's settings with toPgModule(engineOptions)`);
    }
    return engine;
  };
  // Named Pool, as node-postgres's own: libraries that look at the name see what they expect.
  const Pool = class Pool extends Facade {
    constructor(config: PgPoolConfig | string = {}) {
      super(engineFor(typeof config === 'string' ? { connectionString: config } : config), parse);
    }
  };
  // Not native: a pg-native Client would bypass the engine.
  return Object.create(base, { Pool: { value: Pool, enumerable: true }, native: { value: null } }) as PgModuleOver<M>;
}
