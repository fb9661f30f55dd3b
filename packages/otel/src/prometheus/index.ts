// @pool/otel/prometheus: an engine's pool as prom-client metrics, with the meanings of the
// OpenTelemetry connection-pool conventions and Prometheus names.
export { collectPoolMetrics } from './collect-pool-metrics.js';
export type { CollectPoolMetricsOptions, PoolMetricsCollection } from './collect-pool-metrics.js';
export { prometheusName } from './prometheus-name.js';
