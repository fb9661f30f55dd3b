// @pool/otel: an engine's pool as OpenTelemetry metrics (this entry) or Prometheus metrics
// for prom-client (`@pool/otel/prometheus`), named as the database semantic conventions name them.
export { instrumentEngine, INSTRUMENTATION_SCOPE } from './instrument-engine.js';
export type { EngineInstrumentation, InstrumentEngineOptions } from './instrument-engine.js';
export { SECONDS_BUCKETS } from './metric-specs.js';
export * from './semconv.js';
