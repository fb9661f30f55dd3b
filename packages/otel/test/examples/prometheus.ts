import { Registry } from 'prom-client';
import { createEngine } from '@pool/core';
import { collectPoolMetrics } from '@pool/otel/prometheus';

const registry = new Registry(); // or prom-client's global `register`, the default
const orders = createEngine({ name: 'orders' }); // DATABASE_URL
const reports = createEngine({ name: 'reports', poolSize: 2 });
const collections = [collectPoolMetrics(orders, { registry }), collectPoolMetrics(reports, { registry })];

await orders.query('SELECT 1');
// What GET /metrics serves: res.setHeader('Content-Type', registry.contentType); res.end(await registry.metrics())
console.log(await registry.metrics());

for (const collection of collections) collection.stop();
await Promise.all([orders.dispose(), reports.dispose()]);
