import { ConsoleMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { createEngine } from '@pool/core';
import { instrumentEngine } from '@pool/otel';

// In production: an OTLPMetricExporter to your collector, every 60 s; here, the console.
const meterProvider = new MeterProvider({
  readers: [new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 60_000 })],
});
const engine = createEngine({ name: 'orders', poolSize: 5, maxOverflow: 10 }); // DATABASE_URL
const instrumentation = instrumentEngine(engine, { meterProvider }); // or metrics.setGlobalMeterProvider() and no options

{
  await using conn = await engine.connect();
  await conn.query('SELECT 1');
}
await meterProvider.forceFlush(); // prints the nine db.client.connection.* metrics

instrumentation.stop();
await engine.dispose();
await meterProvider.shutdown();
