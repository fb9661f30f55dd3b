// The private test kit: the conformance suite every @pool driver runs, the servers it needs
// (shared ones by URL, private throwaway ones, PgBouncer), and wait helpers.
export { describeConformance } from './conformance/index.js';
export { describeBackendSessions, sessionScope } from './conformance/backend-sessions.js';
export type { SessionScope } from './conformance/backend-sessions.js';
export { describeCheckoutLimits } from './conformance/checkout-limits.js';
export { describeConnectFailures } from './conformance/connect-failures.js';
export { describeKilledSessions } from './conformance/killed-sessions.js';
export { describeResetOnReturn } from './conformance/reset-on-return.js';
export { describeServerRestart } from './conformance/server-restart.js';
export { gauges, sampleMax, sorted } from './conformance/helpers.js';
export type {
  ClientTimeout, ConformanceTarget, PrivateServerOptions, TargetEngineOptions, TargetScope, TargetSql, WrongPassword,
} from './conformance/target.js';
export { describeFalseDisconnects } from './conformance/faults/false-disconnects.js';
export { describeClientTimeouts } from './conformance/faults/client-timeouts.js';
export { faultBed } from './conformance/faults/fault-bed.js';
export type { FaultBed } from './conformance/faults/fault-bed.js';
export { pgScope } from './scopes/pg-scope.js';
export { mysqlScope } from './scopes/mysql-scope.js';
export { uniqueName } from './scopes/unique-name.js';
export { DEFAULT_MYSQL_URL, DEFAULT_PG_URL, mysqlUrl, pgUrl } from './server-urls.js';
export { setupServer } from './global-setup.js';
export type { ServerKind } from './global-setup.js';
export { startPrivatePostgres } from './servers/private-postgres.js';
export type { PrivatePostgresOptions } from './servers/private-postgres.js';
export { startPrivateMariadb } from './servers/private-mariadb.js';
export type { PrivateMariadbOptions } from './servers/private-mariadb.js';
export type { PrivateServer } from './servers/private-server.js';
export { startPgBouncer } from './servers/pgbouncer.js';
export type { PgBouncer, PgBouncerOptions } from './servers/pgbouncer.js';
export { pgAdminClient, pgQuery } from './servers/pg-client.js';
export type { AdminPgClient } from './servers/pg-client.js';
export { mysqlAdminClient, mysqlQuery } from './servers/mysql-client.js';
export type { MysqlAdmin } from './servers/mysql-client.js';
export { startSilentServer } from './silent-server.js';
export type { SilentServer } from './silent-server.js';
export { freePort } from './free-port.js';
export { sleep, waitFor } from './wait.js';
export type { WaitOptions } from './wait.js';
export { keepAliveTimerOn } from './keepalive-probe.js';
export { quietLogger } from './quiet-logger.js';
export { startFaultProxy } from './proxy/fault-proxy.js';
export type { FaultProxy, FaultProxyOptions } from './proxy/fault-proxy.js';
export type { ProxiedConnection } from './proxy/proxied-connection.js';
export type { BlackholeBytes, DelayOptions, Direction, FaultState, Flow } from './proxy/fault-modes.js';
