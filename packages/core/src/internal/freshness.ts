import type { ResolvedOptions } from '../options.js';
import type { ConnRecord } from './conn-record.js';

/** Why a connection must be replaced before it is handed out, and how it is counted. */
export type StaleReason = readonly ['invalidated' | 'recycled', string];

/**
 * The checkout checks that need no I/O, in SPEC order: pool-wide invalidation (a disconnect was
 * seen after this connection opened), then recycle age; and whether a prePing is due. Ids are
 * serial, so "opened before the disconnect" is a comparison with the last id given out.
 */
export class Freshness {
  readonly #recycleMs: number;
  readonly #prePing: boolean;
  readonly #bypassMs: number;
  #lastId = 0;
  #staleThrough = 0;

  constructor(options: ResolvedOptions<unknown>) {
    this.#recycleMs = options.poolRecycle >= 0 ? options.poolRecycle * 1000 : Infinity;
    this.#prePing = options.prePing;
    this.#bypassMs = options.prePingBypass * 1000;
  }

  /** The id for a connection that just opened. */
  nextId(): number {
    return ++this.#lastId;
  }

  /** A disconnect was seen: every connection opened so far is stale. */
  invalidateAll(): void {
    this.#staleThrough = this.#lastId;
  }

  /** Opened before the last disconnect seen. */
  isStale(rec: ConnRecord<unknown>): boolean {
    return rec.info.id <= this.#staleThrough;
  }

  staleReason(rec: ConnRecord<unknown>, t: number): StaleReason | undefined {
    if (this.isStale(rec)) return ['invalidated', 'opened before a disconnect was seen'];
    if (t - rec.bornAt >= this.#recycleMs) return ['recycled', `older than poolRecycle (${this.#recycleMs / 1000} s)`];
    return undefined;
  }

  pingDue(rec: ConnRecord<unknown>, t: number): boolean {
    return this.#prePing && t - rec.healthyAt >= this.#bypassMs;
  }

  /** Whether handing this connection out needs more than taking it (a replacement or a ping). */
  needsCheck(rec: ConnRecord<unknown>, t: number): boolean {
    return this.pingDue(rec, t) || this.staleReason(rec, t) !== undefined;
  }
}
