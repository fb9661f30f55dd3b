import type { Engine } from '@pool/core';
import type { Registry } from 'prom-client';
import { register } from 'prom-client';
import { checkOptions, withMethods } from '../check-options.js';
import { PoolNames } from '../pool-names.js';
import { watchPool } from '../watch-pool.js';
import { PoolMetricSet } from './pool-metric-set.js';

/** Options of `collectPoolMetrics`. */
export interface CollectPoolMetricsOptions {
  /** The prom-client registry to add the metrics to. Default: prom-client's global `register`. */
  readonly registry?: Registry;
  /** Put before every metric name (`myapp_` gives `myapp_db_client_connection_count`). Default ''. */
  readonly prefix?: string;
}

/** What `collectPoolMetrics` returns. */
export interface PoolMetricsCollection {
  /** Stop reporting this engine: its listeners are removed and its series leave the registry. Idempotent. */
  stop(): void;
}

/** Metric sets per registry and prefix: every engine on a registry shares the same nine metrics. */
const sets = new WeakMap<Registry, Map<string, PoolMetricSet>>();
const names = new PoolNames('collectPoolMetrics', 'registry under this prefix');
const PREFIX = /^([a-zA-Z_:][a-zA-Z0-9_:]*)?$/;

/**
 * Report an engine's pool to a prom-client registry, with the meanings of the OpenTelemetry
 * connection-pool metrics and Prometheus names (`db_client_connection_count{pool,state}`,
 * `…_idle_max`, `…_idle_min`, `…_max`, `…_pending_requests`, `…_timeouts_total`,
 * `…_create_time_seconds`, `…_wait_time_seconds`, `…_use_time_seconds`), labelled `pool` with the
 * engine's `name` option. Any number of engines may share a registry; each needs a distinct name.
 */
export function collectPoolMetrics<Raw>(engine: Engine<Raw>, options: CollectPoolMetricsOptions = {}): PoolMetricsCollection {
  checkOptions('collectPoolMetrics', options, {
    registry: withMethods('a prom-client Registry', 'registerMetric', 'getSingleMetric', 'removeSingleMetric', 'metrics'),
    prefix: (value) => (typeof value === 'string' && PREFIX.test(value) ? undefined : 'empty or a valid start of a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)'),
  });
  const registry = options.registry ?? register;
  const prefix = options.prefix ?? '';
  const pool = engine.options.name;
  let byPrefix = sets.get(registry);
  if (byPrefix === undefined) sets.set(registry, (byPrefix = new Map<string, PoolMetricSet>()));
  let set = byPrefix.get(prefix);
  if (set === undefined) byPrefix.set(prefix, (set = new PoolMetricSet(registry, prefix)));
  // Claimed per metric set: the same name under another prefix is another series.
  names.claim(set, pool);
  const metrics = set;
  metrics.engines.set(pool, engine as unknown as Engine<unknown>);
  // Series from the start: a rate over the counter, or a histogram quantile, is defined before the first event.
  metrics.timeouts.inc({ pool }, 0);
  metrics.waitTime.zero({ pool });
  metrics.useTime.zero({ pool });
  metrics.createTime.zero({ pool });
  const errorTypes = new Set<string>();
  const unwatch = watchPool(engine as unknown as Engine<unknown>, {
    created: (seconds) => metrics.createTime.observe({ pool }, seconds),
    createFailed: (seconds, type) => {
      errorTypes.add(type);
      metrics.createTime.observe({ pool, error_type: type }, seconds);
    },
    waited: (seconds) => metrics.waitTime.observe({ pool }, seconds),
    used: (seconds) => metrics.useTime.observe({ pool }, seconds),
    timedOut: () => metrics.timeouts.inc({ pool }),
  });

  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      unwatch();
      metrics.forget(pool, errorTypes);
      names.release(metrics, pool);
      if (metrics.engines.size === 0) {
        metrics.unregister();
        byPrefix.delete(prefix);
      }
    },
  };
}
