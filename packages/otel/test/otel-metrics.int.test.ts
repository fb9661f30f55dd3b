import { DataPointType, InstrumentType } from '@opentelemetry/sdk-metrics';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { createEngine } from '@pool/core';
import { quietLogger, uniqueName, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import {
  ATTR_DB_CLIENT_CONNECTION_POOL_NAME as POOL_NAME,
  ATTR_DB_CLIENT_CONNECTION_STATE as STATE,
  ATTR_ERROR_TYPE,
  instrumentEngine,
  SECONDS_BUCKETS,
} from '../src/index.js';
import { OtelHarness } from './otel-harness.js';
import type { Exported } from './otel-harness.js';
import { SERVERS } from './servers.js';

const COUNT = 'db.client.connection.count';
const IDLE_MAX = 'db.client.connection.idle.max';
const IDLE_MIN = 'db.client.connection.idle.min';
const MAX = 'db.client.connection.max';
const PENDING = 'db.client.connection.pending_requests';
const TIMEOUTS = 'db.client.connection.timeouts';
const CREATE_TIME = 'db.client.connection.create_time';
const WAIT_TIME = 'db.client.connection.wait_time';
const USE_TIME = 'db.client.connection.use_time';

/** What the conventions say of each metric: instrument, unit, description, and how it is exported. */
const CONVENTIONS = [
  [COUNT, InstrumentType.OBSERVABLE_UP_DOWN_COUNTER, '{connection}', 'The number of connections that are currently in state described by the state attribute'],
  [IDLE_MAX, InstrumentType.OBSERVABLE_UP_DOWN_COUNTER, '{connection}', 'The maximum number of idle open connections allowed'],
  [IDLE_MIN, InstrumentType.OBSERVABLE_UP_DOWN_COUNTER, '{connection}', 'The minimum number of idle open connections allowed'],
  [MAX, InstrumentType.OBSERVABLE_UP_DOWN_COUNTER, '{connection}', 'The maximum number of open connections allowed'],
  [PENDING, InstrumentType.OBSERVABLE_UP_DOWN_COUNTER, '{request}', 'The number of current pending requests for an open connection'],
  [TIMEOUTS, InstrumentType.COUNTER, '{timeout}', 'The number of connection timeouts that have occurred trying to obtain a connection from the pool'],
  [CREATE_TIME, InstrumentType.HISTOGRAM, 's', 'The time it took to create a new connection'],
  [WAIT_TIME, InstrumentType.HISTOGRAM, 's', 'The time it took to obtain an open connection from the pool'],
  [USE_TIME, InstrumentType.HISTOGRAM, 's', 'The time between borrowing a connection and returning it to the pool'],
] as const;

function expectConventions(m: Exported, pool: string): void {
  expect(m.metrics.map((metric) => metric.descriptor.name).sort()).toEqual(CONVENTIONS.map(([name]) => name).sort());
  for (const [name, type, unit, description] of CONVENTIONS) {
    const metric = m.metric(name);
    expect(metric.descriptor, name).toMatchObject({ name, type, unit, description });
    if (type === InstrumentType.HISTOGRAM) {
      expect(metric.dataPointType, name).toBe(DataPointType.HISTOGRAM);
      // The bucket advice reached the SDK: its points use the seconds boundaries, not its millisecond defaults.
      expect(m.points(name, pool).length, name).toBeGreaterThan(0);
      for (const point of m.points(name, pool)) expect((point.value as Histogram).buckets.boundaries, name).toEqual(SECONDS_BUCKETS);
    } else {
      // UpDownCounters are non-monotonic sums, the Counter a monotonic one.
      expect(metric.dataPointType, name).toBe(DataPointType.SUM);
      expect(metric.dataPointType === DataPointType.SUM && metric.isMonotonic, name).toBe(type === InstrumentType.COUNTER);
    }
    // Every point carries the pool's name; count adds the state, nothing else adds anything.
    for (const point of m.points(name, pool)) {
      const expected = name === COUNT ? [POOL_NAME, STATE] : name === CREATE_TIME && ATTR_ERROR_TYPE in point.attributes ? [POOL_NAME, ATTR_ERROR_TYPE] : [POOL_NAME];
      expect(Object.keys(point.attributes).sort(), name).toEqual(expected.sort());
    }
  }
}

describe.each(SERVERS)('OpenTelemetry metrics with the real SDK, on $name', (server) => {
  it('emits the nine metrics as the conventions name them, with values matching what the pool did and what the server sees', async () => {
    await using scope = await server.scope();
    const name = uniqueName('orders');
    await using engine = createEngine(scope.url, { name, poolSize: 2, maxOverflow: 1, minSize: 1, poolTimeout: 10, logger: quietLogger() });
    await using otel = new OtelHarness();
    const instrumentation = instrumentEngine(engine, { meterProvider: otel.provider });
    const pool = { [POOL_NAME]: name };
    const used = { ...pool, [STATE]: 'used' };
    const idle = { ...pool, [STATE]: 'idle' };
    await waitFor(() => engine.pool.stats().checkedIn === 1, { what: 'minSize to open its connection' });

    const sequential = 5;
    for (let i = 0; i < sequential; i++) {
      await using conn = await engine.connect();
      await conn.query('SELECT 1');
    }
    // The whole pool held (2 + 1 overflow), and one more caller waiting.
    const held = [await engine.connect(), await engine.connect(), await engine.connect()];
    const fourth = engine.connect();
    await waitFor(() => engine.pool.stats().waiting === 1);
    let m = await otel.collect();
    expectConventions(m, name);
    expect(m.number(COUNT, used)).toBe(3);
    expect(m.number(COUNT, idle)).toBe(0);
    expect(m.number(PENDING, pool)).toBe(1);
    expect(engine.pool.stats()).toMatchObject({ checkedOut: 3, checkedIn: 0, connecting: 0, waiting: 1 });
    expect(await scope.sessions()).toHaveLength(3);

    await held[0]!.release();
    const served = await fourth;
    for (const conn of [held[1]!, held[2]!, served]) await conn.release();
    // The overflow connection was closed on return: wait until the server has let it go.
    await waitFor(async () => (await scope.sessions()).length === 2, { what: 'the overflow session to end' });
    m = await otel.collect();
    expectConventions(m, name);
    const stats = engine.pool.stats();
    expect(m.number(COUNT, used)).toBe(0);
    expect(m.number(COUNT, idle)).toBe(2);
    expect(m.number(COUNT, used) + m.number(COUNT, idle)).toBe((await scope.sessions()).length);
    expect(stats).toMatchObject({ checkedOut: 0, checkedIn: 2, waiting: 0 });
    expect(m.number(PENDING, pool)).toBe(0);
    expect(m.number(MAX, pool)).toBe(3);
    expect(m.number(IDLE_MAX, pool)).toBe(2);
    expect(m.number(IDLE_MIN, pool)).toBe(1);
    expect(m.number(TIMEOUTS, pool)).toBe(0);

    // One wait and one use per checkout: 5 one after the other, 3 held, 1 that waited.
    const checkouts = sequential + 4;
    expect(stats.checkouts).toBe(checkouts);
    const waits = m.histogram(WAIT_TIME, pool);
    expect(waits.count).toBe(checkouts);
    // The fourth caller waited for a return, which came after a collection and a server query.
    expect(waits.max).toBeGreaterThan(0.001);
    expect(waits.sum).toBeGreaterThanOrEqual(waits.max!);
    expect(waits.buckets.counts.reduce((a, b) => a + b, 0)).toBe(checkouts);
    expect(m.histogram(USE_TIME, pool).count).toBe(checkouts);
    // Every open, minSize's first included (it started inside createEngine), with its duration.
    const creates = m.histogram(CREATE_TIME, pool);
    expect(creates.count).toBe(stats.created);
    expect(stats.created).toBe(3);
    expect(creates.min).toBeGreaterThan(0);
    instrumentation.stop();
  });

  it('counts a forced timeout in db.client.connection.timeouts, and records no wait for it', async () => {
    await using scope = await server.scope();
    const name = uniqueName('timeouts');
    await using engine = createEngine(scope.url, { name, poolSize: 1, maxOverflow: 0, poolTimeout: 0.2, logger: quietLogger() });
    await using otel = new OtelHarness();
    const instrumentation = instrumentEngine(engine, { meterProvider: otel.provider });
    const pool = { [POOL_NAME]: name };
    // The counter's series exists before the first timeout, at 0.
    expect((await otel.collect()).number(TIMEOUTS, pool)).toBe(0);

    await using held = await engine.connect();
    await expect(engine.connect()).rejects.toMatchObject({ code: 'POOL_TIMEOUT' });
    const m = await otel.collect();
    expect(m.number(TIMEOUTS, pool)).toBe(1);
    expect(engine.pool.stats().timeouts).toBe(1);
    expect(m.histogram(WAIT_TIME, pool).count).toBe(1);
    expect(m.number(COUNT, { ...pool, [STATE]: 'used' })).toBe(1);
    expect(m.number(PENDING, pool)).toBe(0);
    expect(await scope.sessions()).toHaveLength(1);
    expect(held.released).toBe(false);
    instrumentation.stop();
  });

  it('records a failed open in create_time with the driver error as error.type', async () => {
    const { url, code } = server.missingDatabase();
    const name = uniqueName('failing');
    await using engine = createEngine(url, { name, logger: quietLogger() });
    await using otel = new OtelHarness();
    const instrumentation = instrumentEngine(engine, { meterProvider: otel.provider });
    await expect(engine.connect()).rejects.toMatchObject({ code: 'POOL_CONNECT' });
    const m = await otel.collect();
    const failed = m.histogram(CREATE_TIME, { [POOL_NAME]: name, [ATTR_ERROR_TYPE]: code });
    expect(failed.count).toBe(1);
    expect(failed.sum).toBeGreaterThan(0);
    // No successful open: no point without error.type.
    expect(m.points(CREATE_TIME, name).filter((p) => !(ATTR_ERROR_TYPE in p.attributes))).toEqual([]);
    expect(m.number(COUNT, { [POOL_NAME]: name, [STATE]: 'used' })).toBe(0);
    instrumentation.stop();
  });
});
