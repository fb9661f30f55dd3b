import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { PooledConnection } from '@pool/core';
import { createEngine } from '@pool/core';
import { instrumentEngine } from '@pool/otel';
import type { Item } from '../noop.js';
import { newItem, noopDriver } from '../noop.js';
import type { Budget, Contender, ContenderKind, PoolShape } from './contender.js';

/**
 * `@pool` as in `ours`, instrumented by @pool/otel into a real OpenTelemetry SDK: a MeterProvider
 * with a periodic reader exporting every second (cumulative, as OTLP does) to an in-memory
 * exporter. Every cycle then reads the clock at checkout, emits `checkout` and `checkin`, and
 * records one wait and one use in the SDK's histograms. Shown for information: what turning
 * metrics on costs.
 */
export const oursOtel: ContenderKind = {
  name: '@pool with OpenTelemetry on',
  role: 'variant',
  rawClient: newItem,
  create(shape: PoolShape): Contender {
    const engine = createEngine<Item>('bench://noop', {
      driver: noopDriver(shape.connectMs), poolSize: shape.max, maxOverflow: 0, minSize: shape.min,
    });
    const provider = new MeterProvider({
      readers: [new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE), exportIntervalMillis: 1000 })],
    });
    const instrumentation = instrumentEngine(engine, { meterProvider: provider });
    return {
      name: oursOtel.name,
      async cycles(budget: Budget): Promise<void> {
        while (budget.left-- > 0) {
          const conn = await engine.connect();
          await conn.release();
        }
      },
      acquire: () => engine.connect(),
      release: (conn) => (conn as PooledConnection<Item>).release(),
      open: () => {
        const { open, connecting } = engine.pool.stats();
        return open - connecting;
      },
      close: async () => {
        instrumentation.stop();
        await engine.dispose();
        await provider.shutdown();
      },
    };
  },
};
