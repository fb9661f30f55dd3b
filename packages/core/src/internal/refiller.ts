import type { PoolLogger } from '../options.js';
import { DriverNotFoundError } from '../errors.js';
import { describeError } from './describe-error.js';

/** What the refiller needs from the pool. */
export interface RefillHost {
  /** Whether another connection may be opened to reach minSize; reserves its slot if so. */
  reserveBelowMin(): boolean;
  /** Open one connection into the reserved slot and give it to the pool; rejects on failure (slot freed). */
  openOne(): Promise<void>;
}

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 10_000;

/**
 * Keeps `minSize` connections open in the background. A failed open is retried after a delay
 * that doubles from 0.1 s to 10 s, logged as a warning, never an unhandled rejection.
 */
export class Refiller {
  readonly #host: RefillHost;
  readonly #logger: PoolLogger;
  readonly #minSize: number;
  #active = false;
  #timer: NodeJS.Timeout | undefined;
  #delayMs = 0;

  constructor(minSize: number, logger: PoolLogger, host: RefillHost) {
    this.#minSize = minSize;
    this.#logger = logger;
    this.#host = host;
  }

  start(): void {
    this.#active = true;
    this.run();
  }

  stop(): void {
    this.#active = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#delayMs = 0;
  }

  /** Open what is missing, unless stopped or backing off. Cheap to call after every change. */
  run(): void {
    if (this.#minSize === 0 || !this.#active || this.#timer !== undefined) return;
    while (this.#host.reserveBelowMin()) {
      this.#host.openOne().then(() => (this.#delayMs = 0), (error: unknown) => this.#failed(error));
    }
  }

  #failed(error: unknown): void {
    if (!this.#active || this.#timer !== undefined) return;
    if (error instanceof DriverNotFoundError) {
      // Retrying cannot install a package; the next connect() reports it to its caller.
      this.#logger.error(`@pool: cannot keep minSize ${this.#minSize} open: ${error.message}`);
      return;
    }
    this.#delayMs = Math.min(MAX_DELAY_MS, Math.max(FIRST_DELAY_MS, this.#delayMs * 2));
    this.#logger.warn(`@pool: opening a connection to keep minSize ${this.#minSize} failed; retrying in ${this.#delayMs / 1000} s: ${describeError(error)}`);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.run();
    }, this.#delayMs).unref();
  }
}
