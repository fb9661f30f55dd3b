import type { EventEmitter } from 'node:events';
import type { PoolEvents } from '../events.js';

/** Listener counts, one field per pool event: a fixed shape, so a check is one property load. */
class Counts implements Record<keyof PoolEvents, number> {
  connect = 0;
  connectError = 0;
  checkout = 0;
  checkin = 0;
  reset = 0;
  invalidate = 0;
  close = 0;
  timeout = 0;
  leak = 0;
}

/**
 * Which pool events have listeners, kept current from the emitter's own newListener and
 * removeListener notices: on the hot path "is anyone listening?" is one field read, and
 * nobody-listening costs neither the emit nor the clock reads that timings need.
 */
export class Observed {
  readonly #counts = new Counts();
  /**
   * `checkout` or `checkin` has a listener: their `wait` and `use` need a clock read at checkout.
   * (Opens are timed whoever listens: one read is nothing next to a connect.)
   */
  timed = false;
  /** The two events of every cycle, as fields: checked with a plain load, not a keyed one. */
  checkout = false;
  checkin = false;

  constructor(emitter: EventEmitter) {
    emitter.on('newListener', (event: string | symbol) => this.#set(event, emitter.listenerCount(event) + 1));
    emitter.on('removeListener', (event: string | symbol) => this.#set(event, emitter.listenerCount(event)));
  }

  has(event: keyof PoolEvents): boolean {
    return this.#counts[event] > 0;
  }

  #set(event: string | symbol, count: number): void {
    const counts = this.#counts;
    if (typeof event !== 'string' || !Object.hasOwn(counts, event)) return;
    counts[event as keyof PoolEvents] = count;
    this.checkout = counts.checkout > 0;
    this.checkin = counts.checkin > 0;
    this.timed = this.checkout || this.checkin;
  }
}
