import type { MetricSpec } from '../metric-specs.js';

/**
 * The Prometheus name of a convention metric, as OpenTelemetry's Prometheus exporters translate it:
 * dots become underscores, a unit in braces (`{connection}`) is dropped, seconds add `_seconds`
 * and a counter `_total`. So `db.client.connection.wait_time` is
 * `db_client_connection_wait_time_seconds`, and a dashboard reads the same names from either path.
 */
export function prometheusName(prefix: string, spec: MetricSpec, counter = false): string {
  const unit = spec.unit === 's' ? '_seconds' : '';
  return `${prefix}${spec.name.replace(/\./g, '_')}${unit}${counter ? '_total' : ''}`;
}
