export { createEngine, Engine } from './engine.js';
export { Pool } from './pool.js';
export type { ConnectOptions } from './pool.js';
export { PooledConnection } from './pooled-connection.js';
export type { PoolStats } from './pool-stats.js';
export { DatabaseUrl, redactUrlText } from './url.js';
export { urlForDriver } from './driver-url.js';
export { closestName } from './closest-name.js';
export type { DriverUrlRule } from './driver-url.js';
export { isSqliteMemoryUrl, SQLITE_MEMORY_PINS } from './sqlite-memory.js';
export type { SqliteMemoryPins } from './sqlite-memory.js';
export type { DatabaseUrlParts, UrlQuery } from './url.js';
export { envName, POOL_QUERY_KEYS } from './options.js';
export type { EngineOptions, LogFn, PoolLogger, ResetOnReturn, ResolvedOptions } from './options.js';
export type { Driver, DriverConnectOptions, QueryResult } from './driver.js';
export { DeathWatch } from './death-watch.js';
export { POOL_EVENTS } from './events.js';
export type { CheckinDetail, CheckoutDetail, ConnectDetail, ConnectErrorDetail, ConnectionInfo, LeakDetail, PoolEvents, TimeoutDetail } from './events.js';
export { isDisconnectError, retry } from './retry.js';
export type { RetryOptions } from './retry.js';
export {
  ConfigError,
  ConnectError,
  ConnectionReleasedError,
  DriverNotFoundError,
  PoolClosedError,
  PoolError,
  PoolOverloadError,
  PoolTimeoutError,
  QueryTimeoutError,
} from './errors.js';
export type { PoolErrorCode } from './errors.js';
