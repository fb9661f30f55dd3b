import type { Engine } from '@pool/core';

/** The pool's gauges at one instant, as the conventions define them. */
export interface PoolGauges {
  readonly name: string;
  /** Connections that exist and are not idle: held by callers, or being reset or pinged. */
  readonly used: number;
  /** Connections idle in the pool. */
  readonly idle: number;
  /** Callers not served yet. */
  readonly pending: number;
  /** `minSize`. */
  readonly idleMin: number;
  /** `poolSize` (overflow connections are closed when they come back to a pool holding that many idle); undefined when unlimited. */
  readonly idleMax: number | undefined;
  /** `poolSize + maxOverflow`; undefined when unlimited. */
  readonly max: number | undefined;
}

/**
 * Read the gauges from one `stats()` call. `stats().checkedOut` counts slots (it includes opens
 * under way, as SQLAlchemy's does); `used` leaves those out, so that `used + idle` is what the
 * server sees: an open under way is no session yet, and it may fail.
 */
export function readGauges(engine: Pick<Engine<unknown>, 'pool' | 'options'>): PoolGauges {
  const s = engine.pool.stats();
  const unlimited = s.poolSize === 0;
  return {
    name: s.name,
    used: s.open - s.connecting - s.checkedIn,
    idle: s.checkedIn,
    pending: s.waiting,
    idleMin: engine.options.minSize,
    idleMax: unlimited ? undefined : s.poolSize,
    max: unlimited || s.maxOverflow === -1 ? undefined : s.poolSize + s.maxOverflow,
  };
}
