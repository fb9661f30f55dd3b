import type { Driver } from '@pool/core';
import type { MysqlRaw } from './mysql-connection.js';
import { MysqlDriver } from './mysql-driver.js';

/**
 * The mysql2 driver, as `@pool/core` loads it for `mysql://` and `mariadb://` URLs. Typed with
 * `MysqlRaw`, so its methods take `conn.raw` as the application types it.
 */
// The raw client is mysql2's own Connection; MysqlRaw only names its type as the application sees it.
export const driver: Driver<MysqlRaw> = new MysqlDriver() as unknown as Driver<MysqlRaw>;
