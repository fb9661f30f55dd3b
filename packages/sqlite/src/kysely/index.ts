// @pool/sqlite/kysely: Kysely's SQLite dialect over an engine. Kysely is an optional peer of
// @pool/sqlite, needed only by this entry point.
export { PoolSqliteAdapter, PoolSqliteDialect } from './pool-sqlite-dialect.js';
export type { PoolSqliteDialectConfig } from './pool-sqlite-dialect-config.js';
export { PoolSqliteDriver } from './pool-sqlite-driver.js';
export { PoolSqliteConnection } from './pool-sqlite-connection.js';
