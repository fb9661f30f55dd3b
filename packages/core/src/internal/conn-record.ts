import { toEpoch } from './clock.js';

/** The mutable object behind a connection's ConnectionInfo; only the pool writes it. */
export interface MutableInfo {
  readonly pool: string;
  readonly id: number;
  readonly createdAt: number;
  lastUsedAt: number;
  uses: number;
}

/**
 * Where a connection is, as one field (HikariCP's entry states):
 * - `idle`: in the pool's idle list, free for the next caller;
 * - `in-use`: held by a caller through a PooledConnection;
 * - `reserved`: the pool works on it with no holder (a checkout ping, a reset on return, a keepalive);
 * - `closed`: closed or being closed; its slot is free.
 */
export type ConnState = 'idle' | 'in-use' | 'reserved' | 'closed';

/** One open connection as the pool tracks it, across all its checkouts. */
export class ConnRecord<Raw> {
  readonly raw: Raw;
  readonly info: MutableInfo;
  /** The pool's generation (bumped by dispose) when the open started: older ones are closed when they come back. */
  readonly generation: number;
  /** Monotonic ms: when opened. */
  readonly bornAt: number;
  state: ConnState = 'reserved';
  /**
   * The socket died while the connection was not idle (the driver said so): whoever holds it
   * finds out from its next statement, and the pool closes it when it comes back.
   */
  lost = false;
  /** The pool's disconnect count when a round trip last proved this connection alive: older means suspect. */
  verified: number;
  /** Monotonic ms: when last known healthy (returned, pinged); drives prePingBypass. */
  healthyAt: number;
  /** Monotonic ms: when it last went idle; drives idleTimeout. */
  idleSince: number;
  /** Monotonic ms when handed out, read only while leaks or use times are watched. */
  outAt = 0;
  /** Leak detection: where it was checked out, and whether that was reported. */
  outStack: string | undefined;
  leakReported = false;
  /** Why it was taken away from its holder, for ConnectionReleasedError. */
  closeReason: string | undefined;
  /** Cached backend PID: a session never changes it. */
  pid: number | undefined;

  constructor(raw: Raw, info: { pool: string; id: number; generation: number; bornAt: number; verified: number }) {
    this.raw = raw;
    this.generation = info.generation;
    this.bornAt = info.bornAt;
    this.healthyAt = info.bornAt;
    this.idleSince = info.bornAt;
    this.verified = info.verified;
    const created = toEpoch(info.bornAt);
    this.info = { pool: info.pool, id: info.id, createdAt: created, lastUsedAt: created, uses: 0 };
  }
}
