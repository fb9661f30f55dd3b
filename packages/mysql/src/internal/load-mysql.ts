import { createRequire } from 'node:module';
import type { MysqlModule } from '../mysql-connection.js';

/**
 * Load the `mysql2` peer dependency. A missing package throws here, when `@pool/mysql` is
 * imported, so that `@pool/core` can tell the user to install it (DriverNotFoundError).
 */
export function loadMysql(): MysqlModule {
  return createRequire(import.meta.url)('mysql2') as MysqlModule;
}
