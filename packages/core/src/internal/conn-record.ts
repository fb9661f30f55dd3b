import { toEpoch } from './clock.js';

/** The mutable object behind a connection's ConnectionInfo; only the pool writes it. */
export interface MutableInfo {
  id: number;
  createdAt: number;
  lastUsedAt: number;
  uses: number;
}

/** One open connection as the pool tracks it, across all its checkouts. */
export class ConnRecord<Raw> {
  readonly raw: Raw;
  readonly info: MutableInfo;
  /** Pool generation (bumped by dispose) when the open started: older ones are closed on return. */
  readonly epoch: number;
  /** Monotonic ms: when opened. */
  readonly bornAt: number;
  /** Monotonic ms: when last known healthy (returned, pinged); drives prePingBypass. */
  healthyAt: number;
  /** Monotonic ms: when it last went idle; drives idleTimeout. */
  idleSince: number;
  /** In the idle list. */
  idle = false;
  /** Closed or being closed; the slot is no longer counted. */
  closed = false;
  /** The socket died while the connection was out; discard it on return. */
  dead = false;
  /** Why it was taken away from its holder, for ConnectionReleasedError. */
  closeReason: string | undefined;
  /** Cached backend PID: a session never changes it. */
  pid: number | undefined;
  /** Leak detection: when and where it was checked out, and whether it was reported. */
  outSince = 0;
  outStack: string | undefined;
  leakReported = false;

  constructor(raw: Raw, id: number, epoch: number, bornAt: number) {
    this.raw = raw;
    this.epoch = epoch;
    this.bornAt = bornAt;
    this.healthyAt = bornAt;
    this.idleSince = bornAt;
    const created = toEpoch(bornAt);
    this.info = { id, createdAt: created, lastUsedAt: created, uses: 0 };
  }
}
