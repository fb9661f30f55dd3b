import type { Driver } from '@pool/core';
import type { PgClient } from './pg-client.js';
import { PgDriver } from './pg-driver.js';

/** The node-postgres driver, as `@pool/core` loads it for `postgres://` and `postgresql://` URLs. */
export const driver: Driver<PgClient> = new PgDriver();
