import type { Driver } from '@pool/core';
import type { PgRaw } from './pg-client.js';
import { PgDriver } from './pg-driver.js';

/**
 * The node-postgres driver (a `PgDriver`), as `@pool/core` loads it for `postgres://` and
 * `postgresql://` URLs. Typed with `PgRaw`, so its methods take `conn.raw` as the application types it.
 */
// The raw client is node-postgres's own Client; PgRaw only names its type as the application sees it.
export const driver: Driver<PgRaw> = new PgDriver() as unknown as Driver<PgRaw>;
