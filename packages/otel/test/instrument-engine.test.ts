import { readFileSync } from 'node:fs';
import { metrics } from '@opentelemetry/api';
import type { EngineOptions } from '@pool/core';
import { createEngine, POOL_EVENTS } from '@pool/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTR_DB_CLIENT_CONNECTION_POOL_NAME as POOL_NAME, ATTR_DB_CLIENT_CONNECTION_STATE as STATE, instrumentEngine } from '../src/index.js';
import type { MemorySession } from './memory-driver.js';
import { memoryDriver } from './memory-driver.js';
import { OtelHarness } from './otel-harness.js';

const COUNT = 'db.client.connection.count';
const WAIT_TIME = 'db.client.connection.wait_time';
const USE_TIME = 'db.client.connection.use_time';

function memoryEngine(options: EngineOptions<MemorySession>) {
  return createEngine<MemorySession>('memory://app@db:1/shop', { driver: memoryDriver(), ...options });
}

function listeners(engine: ReturnType<typeof memoryEngine>): number {
  return POOL_EVENTS.reduce((sum, event) => sum + engine.pool.listenerCount(event), 0);
}

describe('instrumentEngine', () => {
  afterEach(() => metrics.disable());

  it('gives several engines on one meter provider a series each', async () => {
    await using otel = new OtelHarness();
    await using orders = memoryEngine({ name: 'orders' });
    await using users = memoryEngine({ name: 'users' });
    const a = instrumentEngine(orders, { meterProvider: otel.provider });
    const b = instrumentEngine(users, { meterProvider: otel.provider });
    for (let i = 0; i < 3; i++) await (await orders.connect()).release();
    await using held = await users.connect();
    const m = await otel.collect();
    expect(m.histogram(WAIT_TIME, { [POOL_NAME]: 'orders' }).count).toBe(3);
    expect(m.histogram(WAIT_TIME, { [POOL_NAME]: 'users' }).count).toBe(1);
    expect(m.number(COUNT, { [POOL_NAME]: 'orders', [STATE]: 'idle' })).toBe(1);
    expect(m.number(COUNT, { [POOL_NAME]: 'users', [STATE]: 'used' })).toBe(1);
    expect(held.released).toBe(false);
    a.stop();
    b.stop();
  });

  it('refuses a second engine with the same name on the same meter provider, until the first stops', async () => {
    await using otel = new OtelHarness();
    await using first = memoryEngine({});
    await using second = memoryEngine({});
    const a = instrumentEngine(first, { meterProvider: otel.provider });
    expect(() => instrumentEngine(second, { meterProvider: otel.provider })).toThrow(
      'instrumentEngine: a pool named "db:1/shop" is already reported to this meter provider; give each engine its own `name` option',
    );
    // Another provider is another set of series.
    await using other = new OtelHarness();
    instrumentEngine(second, { meterProvider: other.provider }).stop();
    a.stop();
    instrumentEngine(second, { meterProvider: otel.provider }).stop();
  });

  it('stop() removes its listeners and its callback: the gauges leave the export, the histograms stop growing', async () => {
    await using otel = new OtelHarness();
    await using engine = memoryEngine({ name: 'stopped' });
    const before = listeners(engine);
    const instrumentation = instrumentEngine(engine, { meterProvider: otel.provider });
    expect(listeners(engine)).toBe(before + 5);
    await (await engine.connect()).release();
    instrumentation.stop();
    instrumentation.stop();
    expect(listeners(engine)).toBe(before);
    await (await engine.connect()).release();
    const m = await otel.collect();
    // The gauges are observed no more; the histogram keeps what it recorded while instrumented.
    expect(m.points(COUNT, 'stopped')).toEqual([]);
    expect(m.histogram(WAIT_TIME, { [POOL_NAME]: 'stopped' }).count).toBe(1);
  });

  it('refuses bad options, naming them', async () => {
    await using engine = memoryEngine({});
    expect(() => instrumentEngine(engine, { meterprovider: {} } as never)).toThrow('instrumentEngine: unknown option "meterprovider" (known: meterProvider)');
    expect(() => instrumentEngine(engine, { meterProvider: {} as never })).toThrow('instrumentEngine: option meterProvider must be a MeterProvider (with getMeter), got Object');
    expect(() => instrumentEngine(engine, null as never)).toThrow('instrumentEngine: options must be an object, got null');
    expect(listeners(engine)).toBe(0);
  });

  it('does not count an open under way as used (stats().checkedOut does): it is no session yet, and may fail', async () => {
    await using otel = new OtelHarness();
    await using engine = createEngine<MemorySession>('memory://app@db:1/shop', { name: 'opening', driver: memoryDriver(200) });
    const instrumentation = instrumentEngine(engine, { meterProvider: otel.provider });
    const caller = engine.connect();
    expect(engine.pool.stats()).toMatchObject({ open: 1, checkedOut: 1, connecting: 1, waiting: 1 });
    const m = await otel.collect();
    expect(m.number(COUNT, { [POOL_NAME]: 'opening', [STATE]: 'used' })).toBe(0);
    expect(m.number(COUNT, { [POOL_NAME]: 'opening', [STATE]: 'idle' })).toBe(0);
    expect(m.number('db.client.connection.pending_requests', { [POOL_NAME]: 'opening' })).toBe(1);
    await (await caller).release();
    instrumentation.stop();
  });

  it('reports no maximum for an unlimited pool rather than a made-up number', async () => {
    await using otel = new OtelHarness();
    await using engine = memoryEngine({ name: 'unlimited', poolSize: 0 });
    const instrumentation = instrumentEngine(engine, { meterProvider: otel.provider });
    const m = await otel.collect();
    expect(m.points('db.client.connection.max', 'unlimited')).toEqual([]);
    expect(m.points('db.client.connection.idle.max', 'unlimited')).toEqual([]);
    expect(m.number('db.client.connection.idle.min', { [POOL_NAME]: 'unlimited' })).toBe(0);
    instrumentation.stop();

    await using overflowing = memoryEngine({ name: 'overflowing', poolSize: 3, maxOverflow: -1 });
    const second = instrumentEngine(overflowing, { meterProvider: otel.provider });
    const n = await otel.collect();
    expect(n.points('db.client.connection.max', 'overflowing')).toEqual([]);
    expect(n.number('db.client.connection.idle.max', { [POOL_NAME]: 'overflowing' })).toBe(3);
    second.stop();
  });

  it('leaves out the use of a connection checked out before instrumentation started (its start was never timed)', async () => {
    await using otel = new OtelHarness();
    await using engine = memoryEngine({ name: 'late' });
    await (await engine.connect()).release();
    const early = await engine.connect();
    const instrumentation = instrumentEngine(engine, { meterProvider: otel.provider });
    await early.release();
    await (await engine.connect()).release();
    const m = await otel.collect();
    expect(m.histogram(USE_TIME, { [POOL_NAME]: 'late' }).count).toBe(1);
    expect(m.histogram(WAIT_TIME, { [POOL_NAME]: 'late' }).count).toBe(1);
    instrumentation.stop();
  });

  it('uses the global meter provider by default, under the scope @pool/otel at this package version', async () => {
    await using otel = new OtelHarness();
    metrics.setGlobalMeterProvider(otel.provider);
    await using engine = memoryEngine({ name: 'global' });
    const instrumentation = instrumentEngine(engine);
    await (await engine.connect()).release();
    await otel.provider.forceFlush();
    const [exported] = otel.exporter.getMetrics();
    const scope = exported!.scopeMetrics.find((s) => s.scope.name === '@pool/otel')!;
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(scope.scope.version).toBe(version);
    expect(scope.metrics.find((metric) => metric.descriptor.name === WAIT_TIME)?.dataPoints).toHaveLength(1);
    instrumentation.stop();
  });
});
