import type { DatabaseUrl, Engine, EngineOptions } from '@pool/core';
import { ConfigError, createEngine as createCoreEngine } from '@pool/core';
import { driver } from './driver.js';
import type { MysqlConnection } from './mysql-connection.js';

/** Pool options for `@pool/mysql`'s `createEngine`: every option but `driver`, which is mysql2. */
export type MysqlEngineOptions = Omit<EngineOptions<MysqlConnection>, 'driver'>;

const SCHEMES = new Set(['mysql', 'mariadb']);

/**
 * `createEngine` of `@pool/core` bound to mysql2: no scheme lookup, and `conn.raw` is typed as
 * the mysql2 connection. The URL (default `DATABASE_URL`) must be `mysql://` or `mariadb://`.
 */
export function createEngine(url?: string | DatabaseUrl, options: MysqlEngineOptions = {}): Engine<MysqlConnection> {
  const engine = createCoreEngine<MysqlConnection>(url, { ...options, driver });
  if (!SCHEMES.has(engine.url.backend)) {
    throw new ConfigError('url', `@pool/mysql needs a mysql:// or mariadb:// URL, got ${engine.url.backend}:// (use @pool/core's createEngine to pick the driver by scheme)`);
  }
  return engine;
}
