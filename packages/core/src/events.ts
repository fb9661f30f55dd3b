/** What every pool event tells about the connection concerned. Times are epoch milliseconds. */
export interface ConnectionInfo {
  /** Serial number of the connection within its pool, from 1. */
  readonly id: number;
  /** When the connection was opened. */
  readonly createdAt: number;
  /** When it was last returned to the pool (until its first return: when it was opened). */
  readonly lastUsedAt: number;
  /** How many times it has been checked out. */
  readonly uses: number;
}

/** Details of a `leak` event. */
export interface LeakDetail {
  /** Seconds the connection has been checked out. */
  readonly heldFor: number;
  /** The stack of the `connect()` call that checked it out. */
  readonly stack: string;
}

/** Details of a `timeout` event: there is no connection to describe, only the wait. */
export interface TimeoutDetail {
  /** Seconds the caller waited. */
  readonly waited: number;
  /** The error the caller received. */
  readonly error: Error;
}

/**
 * Events emitted by `engine.pool`, with their listener arguments. `invalidate` and `close`
 * carry a short reason; `reset` the mode that ran; `timeout` has no connection, only the wait.
 */
export interface PoolEvents {
  connect: [info: ConnectionInfo];
  checkout: [info: ConnectionInfo];
  checkin: [info: ConnectionInfo];
  reset: [info: ConnectionInfo, mode: 'rollback' | 'commit'];
  invalidate: [info: ConnectionInfo, reason: string, error?: unknown];
  close: [info: ConnectionInfo, reason: string];
  timeout: [detail: TimeoutDetail];
  leak: [info: ConnectionInfo, detail: LeakDetail];
}

/** Every pool event name. */
export const POOL_EVENTS: readonly (keyof PoolEvents)[] = ['connect', 'checkout', 'checkin', 'reset', 'invalidate', 'close', 'timeout', 'leak'];
