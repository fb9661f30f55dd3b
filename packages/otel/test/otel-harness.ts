import type { Attributes } from '@opentelemetry/api';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { ATTR_DB_CLIENT_CONNECTION_POOL_NAME, INSTRUMENTATION_SCOPE } from '../src/index.js';

/** What one export carried from @pool/otel's scope. */
export class Exported {
  readonly metrics: readonly MetricData[];

  constructor(metrics: readonly MetricData[]) {
    this.metrics = metrics;
  }

  metric(name: string): MetricData {
    const found = this.metrics.find((m) => m.descriptor.name === name);
    if (found === undefined) throw new Error(`no metric ${name} in the export (got ${this.metrics.map((m) => m.descriptor.name).join(', ')})`);
    return found;
  }

  /** The data points of `name` for one pool (none when the export has no such metric: the SDK leaves out metrics with no point). */
  points(name: string, pool: string): DataPoint<unknown>[] {
    const metric = this.metrics.find((m) => m.descriptor.name === name);
    return ((metric?.dataPoints ?? []) as DataPoint<unknown>[]).filter((p) => p.attributes[ATTR_DB_CLIENT_CONNECTION_POOL_NAME] === pool);
  }

  /** The value of the one point of `name` whose attributes are exactly `attributes`. */
  value(name: string, attributes: Attributes): number | Histogram {
    const points = (this.metric(name).dataPoints as DataPoint<number | Histogram>[]).filter((p) => sameAttributes(p.attributes, attributes));
    if (points.length !== 1) throw new Error(`${points.length} points of ${name} with ${JSON.stringify(attributes)}`);
    return points[0]!.value;
  }

  histogram(name: string, attributes: Attributes): Histogram {
    return this.value(name, attributes) as Histogram;
  }

  number(name: string, attributes: Attributes): number {
    return this.value(name, attributes) as number;
  }
}

/**
 * A real OpenTelemetry SDK pipeline, as an application sets it up: a MeterProvider with a
 * periodic reader exporting (cumulative, as OTLP does by default) to an in-memory exporter.
 * `collect()` forces the export a collector would receive at the next interval.
 */
export class OtelHarness implements AsyncDisposable {
  readonly exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  readonly provider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: this.exporter, exportIntervalMillis: 3_600_000 })],
  });

  async collect(): Promise<Exported> {
    this.exporter.reset();
    await this.provider.forceFlush();
    const exports = this.exporter.getMetrics();
    if (exports.length !== 1) throw new Error(`expected one export, got ${exports.length}`);
    const scope = exports[0]!.scopeMetrics.find((s) => s.scope.name === INSTRUMENTATION_SCOPE);
    return new Exported(scope?.metrics ?? []);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.provider.shutdown();
  }
}

function sameAttributes(a: Attributes, b: Attributes): boolean {
  const keys = Object.keys(a).sort();
  return JSON.stringify(keys) === JSON.stringify(Object.keys(b).sort()) && keys.every((k) => a[k] === b[k]);
}
