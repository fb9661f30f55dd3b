import { createEngine } from '@pool/core';
import { quietLogger, uniqueName, waitFor } from '@pool/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SECONDS_BUCKETS } from '../src/index.js';
import { collectPoolMetrics } from '../src/prometheus/index.js';
import { Scrape } from './prom-text.js';
import { SERVERS } from './servers.js';

const scrape = async (registry: Registry): Promise<Scrape> => new Scrape(await registry.metrics());

describe.each(SERVERS)('Prometheus metrics scraped from a prom-client registry, on $name', (server) => {
  it('serves the nine metrics with Prometheus names and a pool label, for two engines on one registry', async () => {
    await using scope = await server.scope();
    const registry = new Registry();
    const orders = uniqueName('orders');
    const users = uniqueName('users');
    await using a = createEngine(scope.url, { name: orders, poolSize: 2, maxOverflow: 1, minSize: 1, poolTimeout: 0.2, logger: quietLogger() });
    await using b = createEngine(scope.url, { name: users, poolSize: 1, maxOverflow: 0, logger: quietLogger() });
    const ca = collectPoolMetrics(a, { registry });
    const cb = collectPoolMetrics(b, { registry });
    await waitFor(() => a.pool.stats().checkedIn === 1, { what: 'minSize to open its connection' });

    for (let i = 0; i < 3; i++) {
      await using conn = await a.connect();
      await conn.query('SELECT 1');
    }
    await (await b.connect()).release();
    const held = [await a.connect(), await a.connect(), await a.connect()];
    await expect(a.connect()).rejects.toMatchObject({ code: 'POOL_TIMEOUT' });
    let s = await scrape(registry);
    expect(s.value('db_client_connection_count', { pool: orders, state: 'used' })).toBe(3);
    expect(s.value('db_client_connection_count', { pool: orders, state: 'idle' })).toBe(0);
    expect(s.value('db_client_connection_count', { pool: users, state: 'idle' })).toBe(1);
    // Both pools' sessions, as the server lists them.
    expect(await scope.sessions()).toHaveLength(3 + 1);
    expect(s.value('db_client_connection_timeouts_total', { pool: orders })).toBe(1);
    expect(s.value('db_client_connection_timeouts_total', { pool: users })).toBe(0);

    for (const conn of held) await conn.release();
    await waitFor(async () => (await scope.sessions()).length === 2 + 1, { what: 'the overflow session to end' });
    s = await scrape(registry);
    const types = Object.fromEntries(s.types);
    expect(types).toEqual({
      db_client_connection_count: 'gauge',
      db_client_connection_idle_max: 'gauge',
      db_client_connection_idle_min: 'gauge',
      db_client_connection_max: 'gauge',
      db_client_connection_pending_requests: 'gauge',
      db_client_connection_timeouts_total: 'counter',
      db_client_connection_create_time_seconds: 'histogram',
      db_client_connection_wait_time_seconds: 'histogram',
      db_client_connection_use_time_seconds: 'histogram',
    });
    expect(s.help.get('db_client_connection_wait_time_seconds')).toBe('The time it took to obtain an open connection from the pool (db.client.connection.wait_time)');
    expect(s.value('db_client_connection_count', { pool: orders, state: 'used' })).toBe(0);
    expect(s.value('db_client_connection_count', { pool: orders, state: 'idle' })).toBe(2);
    expect(s.value('db_client_connection_max', { pool: orders })).toBe(3);
    expect(s.value('db_client_connection_idle_max', { pool: orders })).toBe(2);
    expect(s.value('db_client_connection_idle_min', { pool: orders })).toBe(1);
    expect(s.value('db_client_connection_pending_requests', { pool: orders })).toBe(0);
    expect(s.value('db_client_connection_max', { pool: users })).toBe(1);

    // 3 one after the other and 3 held: six checkouts, six waits, six uses; the timed-out caller got none.
    const stats = a.pool.stats();
    expect(stats.checkouts).toBe(6);
    expect(s.value('db_client_connection_wait_time_seconds_count', { pool: orders })).toBe(6);
    expect(s.value('db_client_connection_use_time_seconds_count', { pool: orders })).toBe(6);
    expect(s.value('db_client_connection_wait_time_seconds_count', { pool: users })).toBe(1);
    expect(s.value('db_client_connection_create_time_seconds_count', { pool: orders })).toBe(stats.created);
    expect(s.value('db_client_connection_create_time_seconds_sum', { pool: orders })).toBeGreaterThan(0);
    // Cumulative buckets over the seconds boundaries, +Inf equal to the count.
    const buckets = s.samples.filter((x) => x.name === 'db_client_connection_use_time_seconds_bucket' && x.labels.pool === orders);
    expect(buckets.map((x) => x.labels.le)).toEqual([...SECONDS_BUCKETS.map(String), '+Inf']);
    expect(buckets.at(-1)!.value).toBe(6);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);

    // stop() takes the engine's series out of the scrape; the other's stay.
    ca.stop();
    s = await scrape(registry);
    expect(s.ofPool(orders)).toEqual([]);
    expect(s.ofPool(users).length).toBeGreaterThan(0);
    cb.stop();
    expect(registry.getMetricsAsArray()).toEqual([]);
  });

  it('labels a failed open with error_type in create_time', async () => {
    const { url, code } = server.missingDatabase();
    const registry = new Registry();
    const name = uniqueName('failing');
    await using engine = createEngine(url, { name, logger: quietLogger() });
    const collection = collectPoolMetrics(engine, { registry });
    await expect(engine.connect()).rejects.toMatchObject({ code: 'POOL_CONNECT' });
    const s = await scrape(registry);
    expect(s.value('db_client_connection_create_time_seconds_count', { pool: name, error_type: code })).toBe(1);
    expect(s.value('db_client_connection_create_time_seconds_count', { pool: name })).toBe(0);
    collection.stop();
  });
});
