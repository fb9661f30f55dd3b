import type { ResolvedOptions } from '../options.js';
import type { ConnRecord } from './conn-record.js';

/**
 * The checkout checks that need no I/O, in this order: recycle age, then whether a ping is due:
 * prePing's (past the bypass), or a suspect's. A connection is suspect when a disconnect was seen
 * on another connection after this one last proved itself alive (opened, pinged, reset): a server
 * restart kills them all, one killed session kills one, and only a ping tells which.
 */
export class Freshness {
  readonly #recycleMs: number;
  readonly #prePing: boolean;
  readonly #bypassMs: number;
  /** Disconnects seen so far; a record's `verified` below it makes it suspect. */
  #disconnects = 0;

  constructor(options: ResolvedOptions<unknown>) {
    this.#recycleMs = options.poolRecycle >= 0 ? options.poolRecycle * 1000 : Infinity;
    this.#prePing = options.prePing;
    this.#bypassMs = options.prePingBypass * 1000;
  }

  /** What a connection that just proved itself alive records as `verified`. */
  get disconnects(): number {
    return this.#disconnects;
  }

  /** A disconnect was seen: every connection not proven alive since is suspect. */
  suspectAll(): void {
    this.#disconnects++;
  }

  /** Older than poolRecycle. */
  tooOld(rec: ConnRecord<unknown>, t: number): boolean {
    return t - rec.bornAt >= this.#recycleMs;
  }

  /** Opened or last proven alive before the latest disconnect seen. */
  isSuspect(rec: ConnRecord<unknown>): boolean {
    return rec.verified < this.#disconnects;
  }

  pingDue(rec: ConnRecord<unknown>, t: number): boolean {
    return this.isSuspect(rec) || (this.#prePing && t - rec.healthyAt >= this.#bypassMs);
  }

  /** Whether handing this idle connection out needs more than taking it (a replacement or a ping). */
  needsCheck(rec: ConnRecord<unknown>, t: number): boolean {
    return this.pingDue(rec, t) || this.tooOld(rec, t);
  }

  /**
   * The same for a connection handed straight on (returned, opened, pinged): prePing's question is
   * already answered by what it just did, so only suspicion and age remain.
   */
  needsCheckInPassing(rec: ConnRecord<unknown>, t: number): boolean {
    return this.isSuspect(rec) || this.tooOld(rec, t);
  }
}
