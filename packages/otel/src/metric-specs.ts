import {
  METRIC_DB_CLIENT_CONNECTION_COUNT,
  METRIC_DB_CLIENT_CONNECTION_CREATE_TIME,
  METRIC_DB_CLIENT_CONNECTION_IDLE_MAX,
  METRIC_DB_CLIENT_CONNECTION_IDLE_MIN,
  METRIC_DB_CLIENT_CONNECTION_MAX,
  METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS,
  METRIC_DB_CLIENT_CONNECTION_TIMEOUTS,
  METRIC_DB_CLIENT_CONNECTION_USE_TIME,
  METRIC_DB_CLIENT_CONNECTION_WAIT_TIME,
} from './semconv.js';

/** What an exporter needs to declare one metric: its name, unit and description (the conventions' own words). */
export interface MetricSpec {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** The five pool gauges (UpDownCounters in OpenTelemetry), all observed from one `stats()` reading. */
export const GAUGES = {
  count: { name: METRIC_DB_CLIENT_CONNECTION_COUNT, unit: '{connection}', description: 'The number of connections that are currently in state described by the state attribute' },
  idleMax: { name: METRIC_DB_CLIENT_CONNECTION_IDLE_MAX, unit: '{connection}', description: 'The maximum number of idle open connections allowed' },
  idleMin: { name: METRIC_DB_CLIENT_CONNECTION_IDLE_MIN, unit: '{connection}', description: 'The minimum number of idle open connections allowed' },
  max: { name: METRIC_DB_CLIENT_CONNECTION_MAX, unit: '{connection}', description: 'The maximum number of open connections allowed' },
  pending: { name: METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS, unit: '{request}', description: 'The number of current pending requests for an open connection' },
} as const satisfies Record<string, MetricSpec>;

/** The timeout counter. */
export const TIMEOUTS: MetricSpec = {
  name: METRIC_DB_CLIENT_CONNECTION_TIMEOUTS,
  unit: '{timeout}',
  description: 'The number of connection timeouts that have occurred trying to obtain a connection from the pool',
};

/** The three duration histograms, in seconds. */
export const HISTOGRAMS = {
  createTime: { name: METRIC_DB_CLIENT_CONNECTION_CREATE_TIME, unit: 's', description: 'The time it took to create a new connection' },
  waitTime: { name: METRIC_DB_CLIENT_CONNECTION_WAIT_TIME, unit: 's', description: 'The time it took to obtain an open connection from the pool' },
  useTime: { name: METRIC_DB_CLIENT_CONNECTION_USE_TIME, unit: 's', description: 'The time between borrowing a connection and returning it to the pool' },
} as const satisfies Record<string, MetricSpec>;

/**
 * Bucket boundaries for the three histograms, in seconds. The SDK's default boundaries
 * (0, 5, 10, 25, … 10000) are meant for milliseconds: in seconds every checkout would land in the
 * first bucket. These span what a pool measures: a checkout from the idle list takes microseconds,
 * an open a few milliseconds (tens over TLS or a WAN), a wait for a busy pool up to `poolTimeout`
 * (30 s by default), and a connection may be held for a minute or more.
 */
export const SECONDS_BUCKETS: readonly number[] = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
