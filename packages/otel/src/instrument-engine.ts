import type { Attributes, BatchObservableCallback, Meter, MeterProvider, Observable } from '@opentelemetry/api';
import { metrics, ValueType } from '@opentelemetry/api';
import type { Engine } from '@pool/core';
import { checkOptions, withMethods } from './check-options.js';
import { GAUGES, HISTOGRAMS, SECONDS_BUCKETS, TIMEOUTS } from './metric-specs.js';
import type { MetricSpec } from './metric-specs.js';
import { readGauges } from './pool-gauges.js';
import { PoolNames } from './pool-names.js';
import {
  ATTR_DB_CLIENT_CONNECTION_POOL_NAME,
  ATTR_DB_CLIENT_CONNECTION_STATE,
  ATTR_ERROR_TYPE,
  DB_CLIENT_CONNECTION_STATE_VALUE_IDLE,
  DB_CLIENT_CONNECTION_STATE_VALUE_USED,
} from './semconv.js';
import { VERSION } from './version.js';
import { watchPool } from './watch-pool.js';

/** Options of `instrumentEngine`. */
export interface InstrumentEngineOptions {
  /** Where the metrics go. Default: the global one (`metrics.getMeterProvider()` of `@opentelemetry/api`). */
  readonly meterProvider?: MeterProvider;
}

/** What `instrumentEngine` returns. */
export interface EngineInstrumentation {
  /** Stop reporting this engine: its listeners and its observable callback are removed. Idempotent. */
  stop(): void;
}

/** The instrumentation scope every instrument is created under. */
export const INSTRUMENTATION_SCOPE = '@pool/otel';

const names = new PoolNames('instrumentEngine', 'meter provider');

/**
 * Report an engine's pool as the OpenTelemetry database semantic conventions' nine connection-pool
 * metrics, each with `db.client.connection.pool.name` set to the engine's `name` option:
 * `db.client.connection.count` (with `db.client.connection.state` idle | used), `.idle.max`,
 * `.idle.min`, `.max` and `.pending_requests` (UpDownCounters, observed together at each collection
 * from one `stats()` reading), `.timeouts` (Counter), and `.create_time`, `.wait_time`, `.use_time`
 * (Histograms in seconds). Each engine needs a distinct name on one meter provider.
 */
export function instrumentEngine<Raw>(engine: Engine<Raw>, options: InstrumentEngineOptions = {}): EngineInstrumentation {
  checkOptions('instrumentEngine', options, { meterProvider: withMethods('a MeterProvider (with getMeter)', 'getMeter') });
  const provider = options.meterProvider ?? metrics.getMeterProvider();
  const target = engine as unknown as Engine<unknown>;
  const poolName = engine.options.name;
  names.claim(provider, poolName);
  const meter = provider.getMeter(INSTRUMENTATION_SCOPE, VERSION);
  const pool: Attributes = { [ATTR_DB_CLIENT_CONNECTION_POOL_NAME]: poolName };
  const usedAttributes: Attributes = { ...pool, [ATTR_DB_CLIENT_CONNECTION_STATE]: DB_CLIENT_CONNECTION_STATE_VALUE_USED };
  const idleAttributes: Attributes = { ...pool, [ATTR_DB_CLIENT_CONNECTION_STATE]: DB_CLIENT_CONNECTION_STATE_VALUE_IDLE };

  const gauge = (spec: MetricSpec): Observable => meter.createObservableUpDownCounter(spec.name, { unit: spec.unit, description: spec.description, valueType: ValueType.INT });
  const count = gauge(GAUGES.count);
  const idleMax = gauge(GAUGES.idleMax);
  const idleMin = gauge(GAUGES.idleMin);
  const max = gauge(GAUGES.max);
  const pending = gauge(GAUGES.pending);
  const observables = [count, idleMax, idleMin, max, pending];
  const observe: BatchObservableCallback = (result) => {
    const g = readGauges(target);
    result.observe(count, g.used, usedAttributes);
    result.observe(count, g.idle, idleAttributes);
    // An unlimited pool has no maximum to report: no data point rather than a made-up number.
    if (g.idleMax !== undefined) result.observe(idleMax, g.idleMax, pool);
    result.observe(idleMin, g.idleMin, pool);
    if (g.max !== undefined) result.observe(max, g.max, pool);
    result.observe(pending, g.pending, pool);
  };
  meter.addBatchObservableCallback(observe, observables);

  const timeouts = meter.createCounter(TIMEOUTS.name, { unit: TIMEOUTS.unit, description: TIMEOUTS.description, valueType: ValueType.INT });
  // The series exists from the start, at 0, so that a rate over it is defined before the first timeout.
  timeouts.add(0, pool);
  const createTime = histogram(meter, HISTOGRAMS.createTime);
  const waitTime = histogram(meter, HISTOGRAMS.waitTime);
  const useTime = histogram(meter, HISTOGRAMS.useTime);
  const unwatch = watchPool(target, {
    created: (seconds) => createTime.record(seconds, pool),
    // A failed open is an operation that ended in an error: recorded with error.type, as the
    // general conventions ask of duration metrics, so both failure rate and time are visible.
    createFailed: (seconds, type) => createTime.record(seconds, { ...pool, [ATTR_ERROR_TYPE]: type }),
    waited: (seconds) => waitTime.record(seconds, pool),
    used: (seconds) => useTime.record(seconds, pool),
    timedOut: () => timeouts.add(1, pool),
  });

  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      unwatch();
      meter.removeBatchObservableCallback(observe, observables);
      names.release(provider, poolName);
    },
  };
}

function histogram(meter: Meter, spec: MetricSpec) {
  return meter.createHistogram(spec.name, { unit: spec.unit, description: spec.description, advice: { explicitBucketBoundaries: [...SECONDS_BUCKETS] } });
}
