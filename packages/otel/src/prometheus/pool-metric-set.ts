import type { Engine } from '@pool/core';
import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import { GAUGES, HISTOGRAMS, SECONDS_BUCKETS, TIMEOUTS } from '../metric-specs.js';
import type { MetricSpec } from '../metric-specs.js';
import { readGauges } from '../pool-gauges.js';
import { prometheusName } from './prometheus-name.js';

type PoolLabel = 'pool';
type Engines = ReadonlyMap<string, Engine<unknown>>;

/**
 * The nine metrics on one registry under one prefix, shared by every engine collected there
 * (prom-client refuses a second metric of the same name, so engines are told apart by the
 * `pool` label instead). The gauges are set from each engine's `stats()` at every scrape.
 */
export class PoolMetricSet {
  readonly engines = new Map<string, Engine<unknown>>();
  readonly count: Gauge<PoolLabel | 'state'>;
  readonly idleMax: Gauge<PoolLabel>;
  readonly idleMin: Gauge<PoolLabel>;
  readonly max: Gauge<PoolLabel>;
  readonly pending: Gauge<PoolLabel>;
  readonly timeouts: Counter<PoolLabel>;
  readonly createTime: Histogram<PoolLabel | 'error_type'>;
  readonly waitTime: Histogram<PoolLabel>;
  readonly useTime: Histogram<PoolLabel>;
  readonly #registry: Registry;
  readonly #names: readonly string[];

  constructor(registry: Registry, prefix: string) {
    this.#registry = registry;
    const engines: Engines = this.engines;
    // Every name checked before any metric is made, so a refusal leaves the registry untouched.
    const names = [...Object.values(GAUGES), ...Object.values(HISTOGRAMS)].map((spec) => prometheusName(prefix, spec));
    names.push(prometheusName(prefix, TIMEOUTS, true));
    for (const full of names) {
      if (registry.getSingleMetric(full) !== undefined) {
        throw new Error(`collectPoolMetrics: the registry already has a metric named ${full} that @pool/otel did not create; pass a \`prefix\` to tell them apart`);
      }
    }
    const name = (spec: MetricSpec, counter?: boolean): string => prometheusName(prefix, spec, counter);
    const registers = [registry];
    const help = (spec: MetricSpec): string => `${spec.description} (${spec.name})`;
    this.count = new Gauge({
      name: name(GAUGES.count), help: `${help(GAUGES.count)}: idle, or used (exists and is not idle)`, labelNames: ['pool', 'state'], registers,
      collect: () => {
        for (const [pool, engine] of engines) {
          const g = readGauges(engine);
          this.count.set({ pool, state: 'used' }, g.used);
          this.count.set({ pool, state: 'idle' }, g.idle);
        }
      },
    });
    const gauge = (spec: MetricSpec, read: (g: ReturnType<typeof readGauges>) => number | undefined): Gauge<PoolLabel> => {
      const metric: Gauge<PoolLabel> = new Gauge({
        name: name(spec), help: help(spec), labelNames: ['pool'], registers,
        collect: () => {
          for (const [pool, engine] of engines) {
            const value = read(readGauges(engine));
            // An unlimited pool has no maximum: no sample rather than a made-up number.
            if (value !== undefined) metric.set({ pool }, value);
          }
        },
      });
      return metric;
    };
    this.idleMax = gauge(GAUGES.idleMax, (g) => g.idleMax);
    this.idleMin = gauge(GAUGES.idleMin, (g) => g.idleMin);
    this.max = gauge(GAUGES.max, (g) => g.max);
    this.pending = gauge(GAUGES.pending, (g) => g.pending);
    this.timeouts = new Counter({ name: name(TIMEOUTS, true), help: help(TIMEOUTS), labelNames: ['pool'], registers });
    const buckets = [...SECONDS_BUCKETS];
    this.createTime = new Histogram({ name: name(HISTOGRAMS.createTime), help: `${help(HISTOGRAMS.createTime)}; failed opens carry error_type`, labelNames: ['pool', 'error_type'], buckets, registers });
    this.waitTime = new Histogram({ name: name(HISTOGRAMS.waitTime), help: help(HISTOGRAMS.waitTime), labelNames: ['pool'], buckets, registers });
    this.useTime = new Histogram({ name: name(HISTOGRAMS.useTime), help: help(HISTOGRAMS.useTime), labelNames: ['pool'], buckets, registers });
    this.#names = names;
  }

  /** Take every series of this pool out of the next scrapes. */
  forget(pool: string, errorTypes: Iterable<string>): void {
    this.engines.delete(pool);
    this.count.remove({ pool, state: 'used' });
    this.count.remove({ pool, state: 'idle' });
    for (const gauge of [this.idleMax, this.idleMin, this.max, this.pending]) gauge.remove({ pool });
    this.timeouts.remove({ pool });
    this.createTime.remove({ pool });
    for (const type of errorTypes) this.createTime.remove({ pool, error_type: type });
    this.waitTime.remove({ pool });
    this.useTime.remove({ pool });
  }

  /** Unregister the metrics (once no engine is left), so the registry is as it was. */
  unregister(): void {
    for (const name of this.#names) this.#registry.removeSingleMetric(name);
  }
}
