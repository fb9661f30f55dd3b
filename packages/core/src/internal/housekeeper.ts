import type { LeakDetail } from '../events.js';
import type { ResolvedOptions } from '../options.js';
import { now } from './clock.js';
import type { ConnRecord } from './conn-record.js';
import { describeError } from './describe-error.js';

/** The parts of the pool the housekeeper works on. */
export interface HousekeeperHost<Raw> {
  idle(): readonly ConnRecord<Raw>[];
  out(): ReadonlySet<ConnRecord<Raw>>;
  openCount(): number;
  takeIdle(rec: ConnRecord<Raw>): void;
  place(rec: ConnRecord<Raw>, idleSince: number): Promise<void>;
  discard(rec: ConnRecord<Raw>, kind: 'invalidated' | 'closed', reason: string, error?: unknown): Promise<void>;
  ping(raw: Raw): Promise<void>;
  pingFailed(): void;
  emitLeak(rec: ConnRecord<Raw>, detail: LeakDetail): void;
}

/**
 * The pool's periodic work on one unref'd timer: close connections idle past idleTimeout
 * (down to minSize), ping idle ones every `keepalive` seconds, report leaks.
 */
export class Housekeeper<Raw> {
  readonly #o: ResolvedOptions<Raw>;
  readonly #host: HousekeeperHost<Raw>;
  readonly #periodMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ResolvedOptions<Raw>, host: HousekeeperHost<Raw>) {
    this.#o = options;
    this.#host = host;
    const periods = [options.idleTimeout >= 0 ? options.idleTimeout : Infinity, options.keepalive > 0 ? options.keepalive : Infinity, options.leakDetection > 0 ? options.leakDetection : Infinity];
    const shortest = Math.min(...periods) * 1000;
    // A quarter of the shortest period keeps each deadline within 25 % of its value.
    this.#periodMs = shortest === Infinity ? 0 : Math.min(1000, Math.max(10, shortest / 4));
  }

  /** Whether checkouts must record their stack for leak reports. */
  get leakDetection(): boolean {
    return this.#o.leakDetection > 0;
  }

  start(): void {
    if (this.#periodMs === 0 || this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.#sweep(), this.#periodMs).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #sweep(): void {
    const t = now();
    if (this.#o.idleTimeout >= 0) this.#closeIdle(t);
    if (this.#o.keepalive > 0) this.#keepalive(t);
    if (this.#o.leakDetection > 0) this.#reportLeaks(t);
  }

  #closeIdle(t: number): void {
    const limitMs = this.#o.idleTimeout * 1000;
    for (const rec of [...this.#host.idle()]) {
      if (this.#host.openCount() <= this.#o.minSize) return;
      if (t - rec.idleSince >= limitMs) void this.#host.discard(rec, 'closed', `idle longer than idleTimeout (${this.#o.idleTimeout} s)`);
    }
  }

  #keepalive(t: number): void {
    const everyMs = this.#o.keepalive * 1000;
    for (const rec of [...this.#host.idle()]) {
      if (t - rec.healthyAt < everyMs) continue;
      // Out of the idle list while pinged, so no caller gets it mid-ping.
      this.#host.takeIdle(rec);
      this.#host.ping(rec.raw).then(
        () => {
          rec.healthyAt = now();
          void this.#host.place(rec, rec.idleSince);
        },
        (error: unknown) => {
          this.#host.pingFailed();
          void this.#host.discard(rec, 'invalidated', `keepalive ping failed: ${describeError(error)}`, error);
        },
      );
    }
  }

  #reportLeaks(t: number): void {
    const limitMs = this.#o.leakDetection * 1000;
    for (const rec of this.#host.out()) {
      if (rec.leakReported || t - rec.outSince < limitMs) continue;
      rec.leakReported = true;
      const detail: LeakDetail = { heldFor: (t - rec.outSince) / 1000, stack: rec.outStack ?? '' };
      this.#o.logger.warn(
        `@pool: connection ${rec.info.id} has been checked out for ${detail.heldFor.toFixed(1)} s (leakDetection ${this.#o.leakDetection} s) and not returned. It was checked out at:\n${detail.stack}`,
      );
      this.#host.emitLeak(rec, detail);
    }
  }
}
