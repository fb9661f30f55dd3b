import type { EngineOptions } from '@pool/core';
import { createEngine, POOL_EVENTS } from '@pool/core';
import { Gauge, register, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { collectPoolMetrics, prometheusName } from '../src/prometheus/index.js';
import type { MemorySession } from './memory-driver.js';
import { memoryDriver } from './memory-driver.js';
import { Scrape } from './prom-text.js';

function memoryEngine(options: EngineOptions<MemorySession>) {
  return createEngine<MemorySession>('memory://app@db:1/shop', { driver: memoryDriver(), ...options });
}

describe('collectPoolMetrics', () => {
  it('puts the prefix before every name; another prefix is another set of series', async () => {
    const registry = new Registry();
    await using engine = memoryEngine({ name: 'shop' });
    const plain = collectPoolMetrics(engine, { registry });
    const prefixed = collectPoolMetrics(engine, { registry, prefix: 'myapp_' });
    await (await engine.connect()).release();
    const s = new Scrape(await registry.metrics());
    expect(s.value('myapp_db_client_connection_wait_time_seconds_count', { pool: 'shop' })).toBe(1);
    expect(s.value('db_client_connection_wait_time_seconds_count', { pool: 'shop' })).toBe(1);
    expect(s.value('myapp_db_client_connection_count', { pool: 'shop', state: 'idle' })).toBe(1);
    plain.stop();
    prefixed.stop();
    expect(registry.getMetricsAsArray()).toEqual([]);
  });

  it('refuses bad options, naming them: a prefix that cannot start a metric name, a registry that is not one, an unknown key', async () => {
    await using engine = memoryEngine({});
    expect(() => collectPoolMetrics(engine, { registry: new Registry(), prefix: 'my-app.' })).toThrow(
      'collectPoolMetrics: option prefix must be empty or a valid start of a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got "my-app."',
    );
    expect(() => collectPoolMetrics(engine, { registry: {} as Registry })).toThrow('collectPoolMetrics: option registry must be a prom-client Registry, got Object');
    expect(() => collectPoolMetrics(engine, { registery: new Registry() } as never)).toThrow('collectPoolMetrics: unknown option "registery" (known: registry, prefix)');
    expect(POOL_EVENTS.reduce((n, event) => n + engine.pool.listenerCount(event), 0)).toBe(0);
  });

  it('refuses a second engine with the same name on one registry, and a metric name the registry already has', async () => {
    const registry = new Registry();
    await using first = memoryEngine({});
    await using second = memoryEngine({});
    const collection = collectPoolMetrics(first, { registry });
    expect(() => collectPoolMetrics(second, { registry })).toThrow('collectPoolMetrics: a pool named "db:1/shop" is already reported to this registry under this prefix');
    collection.stop();
    collectPoolMetrics(second, { registry }).stop();

    const taken = new Registry();
    new Gauge({ name: 'db_client_connection_max', help: 'mine', registers: [taken] });
    expect(() => collectPoolMetrics(first, { registry: taken })).toThrow(
      'collectPoolMetrics: the registry already has a metric named db_client_connection_max that @pool/otel did not create; pass a `prefix` to tell them apart',
    );
    // Nothing half-made was left behind: the user's gauge alone.
    expect(taken.getMetricsAsArray().map((m) => m.name)).toEqual(['db_client_connection_max']);
    expect(POOL_EVENTS.reduce((n, event) => n + first.pool.listenerCount(event), 0)).toBe(0);
  });

  it("uses prom-client's global register by default", async () => {
    await using engine = memoryEngine({ name: 'global' });
    const collection = collectPoolMetrics(engine);
    try {
      await (await engine.connect()).release();
      const s = new Scrape(await register.metrics());
      expect(s.value('db_client_connection_use_time_seconds_count', { pool: 'global' })).toBe(1);
    } finally {
      collection.stop();
    }
    expect(register.getSingleMetric('db_client_connection_count')).toBeUndefined();
  });

  it('names metrics as the OpenTelemetry Prometheus exporters translate them', () => {
    expect(prometheusName('', { name: 'db.client.connection.count', unit: '{connection}', description: '' })).toBe('db_client_connection_count');
    expect(prometheusName('', { name: 'db.client.connection.wait_time', unit: 's', description: '' })).toBe('db_client_connection_wait_time_seconds');
    expect(prometheusName('x_', { name: 'db.client.connection.timeouts', unit: '{timeout}', description: '' }, true)).toBe('x_db_client_connection_timeouts_total');
  });
});
