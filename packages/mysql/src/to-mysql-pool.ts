import type { Engine } from '@pool/core';
import { ConfigError } from '@pool/core';
import type * as Mysql2 from 'mysql2';
import type { Pool, PoolOptions } from 'mysql2';
import { loadMysqlLibrary } from './internal/load-mysql.js';
import { adapterSettings } from './internal/pool-settings.js';
import type { MysqlConnection, MysqlRaw } from './mysql-connection.js';
import { MysqlPoolAdapter } from './mysql-pool-adapter.js';

const SCHEMES = new Set(['mysql', 'mariadb']);

/**
 * A mysql2 `Pool` over the engine's pool, for libraries that take one (Kysely's MysqlDialect,
 * Drizzle, knex's `connectionPool`, TypeORM through `toMysqlModule`). Connections come from the
 * engine, under its limits, pre-ping, recycle, reset on return and leak detection; they are the
 * mysql2 connections themselves, with `release()`, `destroy()` and `promise()` for the checkout.
 * `settings` are what a library would give `mysql.createPool`: the per-statement ones
 * (`typeCast`, `timezone`, `bigNumberStrings`, `dateStrings`, …) apply to this pool's
 * checkouts; the ones fixed when a connection opens (`ssl`, `charset`, `database`, …) belong in
 * the engine's URL or `connectArgs` and must match them; sizes and timeouts are the engine's.
 * `end()` disposes the engine's pool once. Default settings: none.
 */
export function toMysqlPool(engine: Engine<MysqlRaw> | Engine<MysqlConnection> | Engine<unknown>, settings: PoolOptions = {}): Pool {
  checkEngine(engine);
  const mysql = loadMysqlLibrary();
  const resolved = adapterSettings(engine as Engine<unknown>, mysql, settings as Record<string, unknown>);
  return new MysqlPoolAdapter(engine as Engine<MysqlConnection>, mysql, resolved) as unknown as Pool;
}

/** The `mysql2` module as seen through `toMysqlModule`: `createPool` gives pools over the engine. */
export type MysqlModuleOverEngine = typeof Mysql2;

/**
 * The application's `mysql2` module whose `createPool(settings)` returns `toMysqlPool(engine,
 * settings)`: for libraries that take the driver module rather than a pool (TypeORM's `driver`
 * option). `createPoolCluster` is refused (one engine is one pool); the rest is mysql2's own.
 */
export function toMysqlModule(engine: Engine<MysqlRaw> | Engine<MysqlConnection> | Engine<unknown>): MysqlModuleOverEngine {
  checkEngine(engine);
  const module = Object.create(loadMysqlLibrary()) as Record<string, unknown>;
  module.createPool = (settings?: PoolOptions) => toMysqlPool(engine, settings);
  module.createPoolCluster = () => {
    throw new ConfigError('createPoolCluster', 'toMysqlModule: a pool cluster (replication) is several pools; give each server an engine of its own');
  };
  return module as unknown as MysqlModuleOverEngine;
}

function checkEngine(engine: unknown): void {
  const candidate = engine as Partial<Engine<unknown>> | null | undefined;
  if (typeof candidate?.connect !== 'function' || typeof candidate.dispose !== 'function' || candidate.url === undefined) {
    throw new ConfigError('engine', 'toMysqlPool: pass an engine made by createEngine() from @pool/mysql or @pool/core');
  }
  if (!SCHEMES.has(candidate.url.backend)) {
    throw new ConfigError('engine', `toMysqlPool needs an engine on a mysql:// or mariadb:// URL, got ${candidate.url.backend}://`);
  }
}
