// The OpenTelemetry database semantic conventions for connection pools (docs/database/database-metrics.md,
// "Connection pools"). They are experimental, so @opentelemetry/semantic-conventions ships them only from
// its `incubating` entry point, which may change in any minor release: the names are copied here instead,
// under the identifiers that entry point uses.

/** The name of the connection pool; unique within the application (the engine's `name` option). */
export const ATTR_DB_CLIENT_CONNECTION_POOL_NAME = 'db.client.connection.pool.name';
/** The state of a connection in the pool: `idle` or `used`. */
export const ATTR_DB_CLIENT_CONNECTION_STATE = 'db.client.connection.state';
/** `db.client.connection.state` of a connection in the pool, free for the next caller. */
export const DB_CLIENT_CONNECTION_STATE_VALUE_IDLE = 'idle';
/** `db.client.connection.state` of a connection that exists and is not idle. */
export const DB_CLIENT_CONNECTION_STATE_VALUE_USED = 'used';
/** The class of error an operation ended with (stable, general conventions). */
export const ATTR_ERROR_TYPE = 'error.type';

/** UpDownCounter `{connection}`: connections in the state given by `db.client.connection.state`. */
export const METRIC_DB_CLIENT_CONNECTION_COUNT = 'db.client.connection.count';
/** UpDownCounter `{connection}`: the most idle open connections allowed. */
export const METRIC_DB_CLIENT_CONNECTION_IDLE_MAX = 'db.client.connection.idle.max';
/** UpDownCounter `{connection}`: the fewest idle open connections allowed. */
export const METRIC_DB_CLIENT_CONNECTION_IDLE_MIN = 'db.client.connection.idle.min';
/** UpDownCounter `{connection}`: the most open connections allowed. */
export const METRIC_DB_CLIENT_CONNECTION_MAX = 'db.client.connection.max';
/** UpDownCounter `{request}`: requests waiting for an open connection. */
export const METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS = 'db.client.connection.pending_requests';
/** Counter `{timeout}`: attempts to obtain a connection from the pool that timed out. */
export const METRIC_DB_CLIENT_CONNECTION_TIMEOUTS = 'db.client.connection.timeouts';
/** Histogram `s`: the time it took to create a new connection. */
export const METRIC_DB_CLIENT_CONNECTION_CREATE_TIME = 'db.client.connection.create_time';
/** Histogram `s`: the time it took to obtain an open connection from the pool. */
export const METRIC_DB_CLIENT_CONNECTION_WAIT_TIME = 'db.client.connection.wait_time';
/** Histogram `s`: the time between borrowing a connection and returning it to the pool. */
export const METRIC_DB_CLIENT_CONNECTION_USE_TIME = 'db.client.connection.use_time';
