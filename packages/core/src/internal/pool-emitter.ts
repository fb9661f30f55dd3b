import { EventEmitter } from 'node:events';
import type { PoolEvents } from '../events.js';
import { POOL_EVENTS } from '../events.js';
import type { PoolLogger } from '../options.js';
import { Observed } from './observed.js';

type Level = keyof PoolLogger;

/**
 * The pool's voice: its events, emitted only while someone listens (most fire on every checkout,
 * and an unobserved pool should not pay for building their arguments or for the clock reads
 * behind timings), and its log lines, in pino's order with the pool's name in every one.
 */
export class PoolEmitter extends EventEmitter<PoolEvents> {
  readonly #logger: PoolLogger;
  readonly #name: string;
  /** Which events have listeners; `observed.timed` says whether timings are wanted. */
  protected readonly observed: Observed;

  constructor(name: string, logger: PoolLogger, echo: boolean) {
    super();
    this.#name = name;
    this.#logger = logger;
    this.observed = new Observed(this);
    if (echo) for (const event of POOL_EVENTS) this.on(event, (...args: unknown[]) => this.log('debug', { event, args }, event));
  }

  /** Emit to the listeners, if any; a listener that throws is logged and does not disturb the caller. */
  protected tell<K extends keyof PoolEvents>(event: K, ...args: PoolEvents[K]): void {
    if (!this.observed.has(event)) return;
    try {
      (this.emit as (event: K, ...args: PoolEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.log('error', { event, err: error }, `a listener for "${event}" threw`);
    }
  }

  protected log(level: Level, fields: Record<string, unknown>, message: string): void {
    this.#logger[level]({ pool: this.#name, ...fields }, message);
  }
}
