import { createRequire } from 'node:module';
import type { MysqlModule } from '../mysql-connection.js';

const require = createRequire(import.meta.url);

/**
 * Load the `mysql2` peer dependency. A missing package throws here, when `@pool/mysql` is
 * imported, so that `@pool/core` can tell the user to install it (DriverNotFoundError).
 */
export function loadMysql(): MysqlModule {
  return require('mysql2') as MysqlModule;
}

/** A mysql2 Query command, as `createQuery` makes it (the pool adapter's `query` returns it). */
export interface MysqlQueryCommand {
  onResult?: ((error: unknown, ...results: unknown[]) => unknown) | null;
  namedPlaceholders?: unknown;
  once(event: 'error', listener: (error: unknown) => void): unknown;
  once(event: 'end', listener: () => void): unknown;
  emit(event: 'error', error: unknown): boolean;
}

/** The parts of `mysql2` the pool adapter uses besides connections: the same copy the driver loads. */
export interface MysqlLibrary {
  createQuery(sql: unknown, values: unknown, callback: unknown, config: object): MysqlQueryCommand;
  escape(value: unknown, stringifyObjects?: boolean, timezone?: string): string;
  escapeId(value: unknown, forbidQualified?: boolean): string;
  format(sql: string, values?: unknown, stringifyObjects?: boolean, timezone?: string): string;
  ConnectionConfig: {
    new (options: Record<string, unknown>): Record<string, unknown>;
    parseUrl(url: string): Record<string, unknown>;
  };
}

/** The promise wrappers of `mysql2/promise`: what `pool.promise()` and `connection.promise()` return. */
export interface MysqlPromiseLibrary {
  PromisePool: new (pool: object, promiseImpl?: PromiseConstructorLike) => object;
  PromisePoolConnection: new (connection: object, promiseImpl?: PromiseConstructorLike) => object;
}

/** `mysql2` with the members the pool adapter needs (the application's copy, as the driver's). */
export function loadMysqlLibrary(): MysqlLibrary {
  return require('mysql2') as MysqlLibrary;
}

let promiseLibrary: MysqlPromiseLibrary | undefined;

/** `mysql2/promise`, loaded the first time a promise wrapper is asked for. */
export function loadMysqlPromise(): MysqlPromiseLibrary {
  promiseLibrary ??= require('mysql2/promise') as MysqlPromiseLibrary;
  return promiseLibrary;
}
