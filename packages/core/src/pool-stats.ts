/** `engine.pool.stats()`: gauges now, and counters since the engine was created. */
export interface PoolStats {
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
  /** Callers waiting for a connection. */
  readonly waiting: number;
  /** Connections opened. */
  readonly created: number;
  /** Connections closed, for any reason. */
  readonly closed: number;
  /** Successful checkouts. */
  readonly checkouts: number;
  /** Callers that got PoolTimeoutError. */
  readonly timeouts: number;
  /** Connections discarded as unusable: disconnects, failed pings or resets, idle deaths, stale after a disconnect, invalidate(). */
  readonly invalidated: number;
  /** Connections replaced for age (poolRecycle) or use count (maxUses). */
  readonly recycled: number;
  /** Pings (prePing or keepalive) that failed. */
  readonly pingFailures: number;
  /** Seconds callers spent waiting in the queue, summed. */
  readonly waitTimeTotal: number;
}
