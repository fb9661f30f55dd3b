/** What every pool event tells about the connection concerned. Times are epoch milliseconds. */
export interface ConnectionInfo {
  /** The name of the pool it belongs to (the `name` option). */
  readonly pool: string;
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
  /** The pool's name. */
  readonly pool: string;
  /** Seconds the caller waited. */
  readonly waited: number;
  /** The error the caller received. */
  readonly error: Error;
}

/** Details of a `connect` event. */
export interface ConnectDetail {
  /** Seconds the open took. */
  readonly duration: number;
}

/** Details of a `connectError` event: an open that failed. */
export interface ConnectErrorDetail {
  /** The pool's name. */
  readonly pool: string;
  /** Seconds the failed open took. */
  readonly duration: number;
  /** The ConnectError (or DriverNotFoundError) it failed with. */
  readonly error: unknown;
}

/** Details of a `checkout` event. */
export interface CheckoutDetail {
  /** Seconds from the `connect()` call to the hand-over, including any open or ping done for it. */
  readonly wait: number;
}

/** Details of a `checkin` event. */
export interface CheckinDetail {
  /** Seconds the caller held the connection (checkout to `release()`). */
  readonly use: number;
}

/**
 * Events emitted by `engine.pool`, with their listener arguments. `invalidate` and `close`
 * carry a short reason; `reset` the mode that ran; `timeout` and `connectError` have no
 * connection, only the wait or the failure. Opens are always timed (`connect`, `connectError`);
 * `checkout` and `checkin` timings are measured only while one of those two has a listener.
 */
export interface PoolEvents {
  connect: [info: ConnectionInfo, detail: ConnectDetail];
  connectError: [detail: ConnectErrorDetail];
  checkout: [info: ConnectionInfo, detail: CheckoutDetail];
  checkin: [info: ConnectionInfo, detail: CheckinDetail];
  reset: [info: ConnectionInfo, mode: 'rollback' | 'commit'];
  invalidate: [info: ConnectionInfo, reason: string, error?: unknown];
  close: [info: ConnectionInfo, reason: string];
  timeout: [detail: TimeoutDetail];
  leak: [info: ConnectionInfo, detail: LeakDetail];
}

/** Every pool event name. */
export const POOL_EVENTS: readonly (keyof PoolEvents)[] = ['connect', 'connectError', 'checkout', 'checkin', 'reset', 'invalidate', 'close', 'timeout', 'leak'];
