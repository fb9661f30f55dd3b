import type { Driver } from '@pool/core';
import type { MysqlConnection } from './mysql-connection.js';
import { MysqlDriver } from './mysql-driver.js';

/** The mysql2 driver, as `@pool/core` loads it for `mysql://` and `mariadb://` URLs. */
export const driver: Driver<MysqlConnection> = new MysqlDriver();
