import type { EventEmitter } from 'node:events';
import type { PoolEvents } from '../events.js';
import { POOL_EVENTS } from '../events.js';

/** Events whose listeners receive timings: while one has a listener, the pool reads the clock for them. */
const TIMED: ReadonlySet<keyof PoolEvents> = new Set(['connect', 'connectError', 'checkout', 'checkin']);

/**
 * Which pool events have listeners, kept current from the emitter's own newListener and
 * removeListener notices: on the hot path "is anyone listening?" is one field read, and
 * nobody-listening costs neither the emit nor the clock reads that timings need.
 */
export class Observed {
  readonly #counts: Record<string, number> = Object.fromEntries(POOL_EVENTS.map((event) => [event, 0]));
  /** Some timed event has a listener. */
  timed = false;

  constructor(emitter: EventEmitter) {
    emitter.on('newListener', (event: string | symbol) => this.#set(event, emitter.listenerCount(event) + 1));
    emitter.on('removeListener', (event: string | symbol) => this.#set(event, emitter.listenerCount(event)));
  }

  has(event: keyof PoolEvents): boolean {
    return this.#counts[event]! > 0;
  }

  #set(event: string | symbol, count: number): void {
    if (typeof event !== 'string' || !Object.hasOwn(this.#counts, event)) return;
    this.#counts[event] = count;
    this.timed = [...TIMED].some((name) => this.#counts[name]! > 0);
  }
}
