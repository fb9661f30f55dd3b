import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { Engine } from '@pool/core';
import { ATTR_DB_CLIENT_CONNECTION_POOL_NAME, ATTR_DB_CLIENT_CONNECTION_STATE, INSTRUMENTATION_SCOPE, instrumentEngine } from '@pool/otel';

/** What one pool exported, kept until the scenario's report. */
interface Snapshot {
  readonly pool: string;
  readonly scope: string;
  readonly metrics: readonly MetricData[];
}

/**
 * `pnpm demo --metrics`: every scenario's pool is instrumented with @pool/otel into a real
 * OpenTelemetry SDK (a MeterProvider whose periodic reader exports, cumulative as OTLP does, to an
 * in-memory exporter in place of a collector). Just before the pool is disposed its metrics are
 * exported once more, as a reader does at shutdown: what the collector would have received last.
 */
export class DemoMetrics implements AsyncDisposable {
  readonly #exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  readonly #provider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: this.#exporter, exportIntervalMillis: 60_000 })],
  });
  #snapshots: Snapshot[] = [];

  /** Instrument the engine; disposing the result exports its metrics, keeps them for `report()`, and stops. */
  observe(engine: Engine): AsyncDisposable {
    const pool = engine.options.name;
    const instrumentation = instrumentEngine(engine, { meterProvider: this.#provider });
    return {
      [Symbol.asyncDispose]: async () => {
        this.#exporter.reset();
        await this.#provider.forceFlush();
        instrumentation.stop();
        for (const exported of this.#exporter.getMetrics()) {
          for (const scope of exported.scopeMetrics) {
            if (scope.scope.name !== INSTRUMENTATION_SCOPE) continue;
            const metrics = scope.metrics.map((m) => ({ ...m, dataPoints: (m.dataPoints as DataPoint<unknown>[]).filter((p) => p.attributes[ATTR_DB_CLIENT_CONNECTION_POOL_NAME] === pool) }) as MetricData);
            this.#snapshots.push({ pool, scope: `${scope.scope.name} ${scope.scope.version ?? ''}`.trim(), metrics: metrics.filter((m) => m.dataPoints.length > 0) });
          }
        }
      },
    };
  }

  /** The lines describing every pool exported since the last report. */
  report(): string[] {
    const lines = this.#snapshots.flatMap(describeSnapshot);
    this.#snapshots = [];
    return lines;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.#provider.shutdown();
  }
}

function describeSnapshot({ pool, scope, metrics }: Snapshot): string[] {
  const lines = [`OpenTelemetry export, scope ${scope}, ${ATTR_DB_CLIENT_CONNECTION_POOL_NAME}="${pool}":`];
  for (const metric of metrics) {
    const { name, unit } = metric.descriptor;
    lines.push(`  ${name.padEnd(38)} ${describeMetric(metric)}${metric.dataPointType === DataPointType.HISTOGRAM ? '' : ` ${unit}`}`);
  }
  return lines;
}

function describeMetric(metric: MetricData): string {
  if (metric.dataPointType === DataPointType.HISTOGRAM) {
    return metric.dataPoints.map((p) => describeHistogram(p.value, p.attributes['error.type'])).join('; ');
  }
  const points = metric.dataPoints as DataPoint<number>[];
  if (points.length === 1 && !(ATTR_DB_CLIENT_CONNECTION_STATE in points[0]!.attributes)) return String(points[0]!.value);
  return points.map((p) => `${String(p.attributes[ATTR_DB_CLIENT_CONNECTION_STATE])}=${p.value}`).join(' ');
}

function describeHistogram(h: Histogram, errorType: unknown): string {
  const buckets = h.buckets.counts
    .map((n, i) => [n, i < h.buckets.boundaries.length ? `≤${h.buckets.boundaries[i]}` : `>${h.buckets.boundaries.at(-1)}`] as const)
    .filter(([n]) => n > 0)
    .map(([n, le]) => `${le}: ${n}`);
  const failed = typeof errorType === 'string' ? ` (error.type=${errorType})` : '';
  return `count ${h.count}${failed}, sum ${seconds(h.sum)}, min ${seconds(h.min)}, max ${seconds(h.max)}; buckets ${buckets.join(', ')}`;
}

function seconds(value: number | undefined): string {
  return value === undefined ? '-' : `${value.toFixed(4)} s`;
}
