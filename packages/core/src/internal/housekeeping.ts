import type { ResolvedOptions } from '../options.js';
import type { ConnRecord } from './conn-record.js';

/**
 * What the pool's periodic sweep should do, decided without touching the pool: which idle
 * connections are past idleTimeout or due a keepalive ping, and which checkouts to report as leaks.
 * The pool acts on the answers; this file only reads.
 */
export class Housekeeping {
  readonly #idleMs: number;
  readonly #minSize: number;
  readonly #keepaliveMs: number;
  readonly #leakMs: number;
  /** How often to sweep, in ms; 0 = nothing to sweep for. */
  readonly periodMs: number;

  constructor(options: ResolvedOptions<unknown>) {
    this.#idleMs = options.idleTimeout >= 0 ? options.idleTimeout * 1000 : Infinity;
    this.#minSize = options.minSize;
    this.#keepaliveMs = options.keepalive > 0 ? options.keepalive * 1000 : Infinity;
    this.#leakMs = options.leakDetection > 0 ? options.leakDetection * 1000 : Infinity;
    const shortest = Math.min(this.#idleMs, this.#keepaliveMs, this.#leakMs);
    // A quarter of the shortest period keeps each deadline within 25 % of its value.
    this.periodMs = shortest === Infinity ? 0 : Math.min(1000, Math.max(10, shortest / 4));
  }

  /** Whether checkouts must record where they happened, for leak reports. */
  get tracksLeaks(): boolean {
    return this.#leakMs !== Infinity;
  }

  /** Idle connections past idleTimeout, oldest first, keeping `open` at minSize or above. */
  expired<Raw>(idle: readonly ConnRecord<Raw>[], open: number, t: number): ConnRecord<Raw>[] {
    if (this.#idleMs === Infinity) return [];
    const spare = open - this.#minSize;
    return idle.filter((rec) => t - rec.idleSince >= this.#idleMs).slice(0, Math.max(0, spare));
  }

  /** Idle connections not known healthy for a keepalive period. */
  keepaliveDue<Raw>(idle: readonly ConnRecord<Raw>[], t: number): ConnRecord<Raw>[] {
    if (this.#keepaliveMs === Infinity) return [];
    return idle.filter((rec) => t - rec.healthyAt >= this.#keepaliveMs);
  }

  /** Checkouts held past leakDetection and not reported yet. */
  leaks<Raw>(inUse: Iterable<ConnRecord<Raw>>, t: number): ConnRecord<Raw>[] {
    const found: ConnRecord<Raw>[] = [];
    for (const rec of inUse) if (!rec.leakReported && t - rec.outAt >= this.#leakMs) found.push(rec);
    return found;
  }
}
