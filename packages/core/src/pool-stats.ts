/** `engine.pool.stats()`: gauges now, and counters since the engine was created. */
export interface PoolStats {
  /** The pool's name (the `name` option). */
  readonly name: string;
  /** The poolSize option. */
  readonly poolSize: number;
  /** The maxOverflow option. */
  readonly maxOverflow: number;
  /** Slots in use: connections open or being opened. */
  readonly open: number;
  /** Idle connections in the pool. */
  readonly checkedIn: number;
  /** open − checkedIn: held by callers, or being opened, reset or pinged. */
  readonly checkedOut: number;
  /** open − poolSize (negative while under poolSize). */
  readonly overflow: number;
  /** Callers not served yet, whatever the pool is doing for them (waiting for a return, an open or a ping). */
  readonly waiting: number;
  /** Connections being opened (at most `maxConnecting`). */
  readonly connecting: number;
  /** Connections opened. */
  readonly created: number;
  /** Connections closed, for any reason. */
  readonly closed: number;
  /** Successful checkouts. */
  readonly checkouts: number;
  /** Callers that got PoolTimeoutError. */
  readonly timeouts: number;
  /** Callers refused at once with PoolOverloadError (maxWaiting). */
  readonly overloads: number;
  /** Connections discarded as unusable: disconnects, failed pings or resets, idle deaths, stale after a disconnect, invalidate(). */
  readonly invalidated: number;
  /** Connections replaced for age (poolRecycle) or use count (maxUses). */
  readonly recycled: number;
  /** Pings (prePing or keepalive) that failed. */
  readonly pingFailures: number;
  /** Seconds callers spent waiting to be served, summed (callers served at once add nothing). */
  readonly waitTimeTotal: number;
}
