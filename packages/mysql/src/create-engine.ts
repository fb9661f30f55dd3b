import type { DatabaseUrl, Engine, EngineOptions } from '@pool/core';
import { createEngine as createCoreEngine, urlForDriver } from '@pool/core';
import { driver } from './driver.js';
import type { MysqlRaw } from './mysql-connection.js';

/** Pool options for `@pool/mysql`'s `createEngine`: every option but `driver`, which is mysql2. */
export type MysqlEngineOptions = Omit<EngineOptions<MysqlRaw>, 'driver'>;

const RULE = { packageName: '@pool/mysql', schemes: ['mysql', 'mariadb'] } as const;

/**
 * `createEngine` of `@pool/core` bound to mysql2: no scheme lookup, and `conn.raw` is typed as
 * mysql2's `Connection`. The URL (default `DATABASE_URL`) must be `mysql://` or `mariadb://`
 * (`mysql+pymysql://` too: the `+suffix` is ignored); that and the mysql2 options are checked
 * before the engine is built.
 */
export function createEngine(url?: string | DatabaseUrl, options: MysqlEngineOptions = {}): Engine<MysqlRaw> {
  return createCoreEngine<MysqlRaw>(urlForDriver(url, RULE), { ...options, driver });
}
