import type { PooledConnection } from '@pool/core';
import type { PgClient } from '../pg-client.js';
import { observeQueries } from './observe-queries.js';
import type { QueryableClient } from './observe-queries.js';

/** A pg.Client as the facade hands it out: node-postgres's client plus pg-pool's `release`. */
export type FacadeClient = PgClient & QueryableClient & { release?: (destroy?: unknown) => void };

/** pg-pool's words, so code that matches on them keeps working. */
export const DOUBLE_RELEASE = 'Release called on client which has already been released to the pool.';

/**
 * One checkout of a pg.Client through the facade. `release` is this checkout's own function
 * (set as `client.release`, as pg-pool does): a second call throws, and a reference kept from an
 * earlier checkout can never release a later one. While out, failed queries on the raw client
 * are reported to the pool (`conn.reportError`), so a disconnect seen there marks older
 * connections suspect as one seen through `conn.query` does.
 */
export class PgCheckout {
  readonly client: FacadeClient;
  /** Resolves once the connection is back in the pool or closed; never rejects. */
  readonly returned: Promise<void>;
  readonly #conn: PooledConnection<PgClient>;
  readonly #onRelease: (checkout: PgCheckout, error: unknown) => void;
  #unobserve: (() => void) | undefined;
  #settle!: () => void;
  #released = false;

  constructor(conn: PooledConnection<PgClient>, onRelease: (checkout: PgCheckout, error: unknown) => void) {
    this.#conn = conn;
    this.#onRelease = onRelease;
    this.client = conn.raw as FacadeClient;
    this.returned = new Promise<void>((resolve) => {
      this.#settle = resolve;
    });
    this.#unobserve = observeQueries(this.client, (error) => conn.reportError(error));
    this.client.release = this.release;
  }

  /** pg-pool's `release(err?)`: a truthy argument closes the connection instead of returning it. */
  readonly release = (destroy?: unknown): void => {
    if (this.#released) throw new Error(DOUBLE_RELEASE);
    this.#released = true;
    this.detach();
    try {
      // pg-pool's order: 'release' before the client goes back (or is removed).
      this.#onRelease(this, destroy);
    } finally {
      // Even past a throwing 'release' listener: the connection never leaks.
      this.#giveBack(destroy);
    }
  };

  #giveBack(destroy: unknown): void {
    const conn = this.#conn;
    let giveBack: Promise<void>;
    if (!destroy) giveBack = conn.release();
    // A disconnect error handed to release() counts as one seen on a query: reportError closes it.
    else if (conn.reportError(destroy)) giveBack = conn.release();
    else giveBack = conn.invalidate(destroyReason(destroy));
    // The pool promises these never reject; settle either way so end() cannot hang on one.
    void giveBack.then(this.#settle, this.#settle);
  }

  /** Whether `release` was called. */
  get released(): boolean {
    return this.#released;
  }

  /** Stop observing queries; the client's own `query` is back. Idempotent. */
  detach(): void {
    this.#unobserve?.();
    this.#unobserve = undefined;
  }

  /**
   * The pool closed the connection while it was out (a disconnect seen on it): nothing is left
   * to give back, so `returned` settles now. A holder that never releases it (a library that
   * loses track of a client whose BEGIN failed) cannot hold up `end()`.
   */
  connectionClosed(): void {
    this.detach();
    this.#settle();
  }
}

function destroyReason(destroy: unknown): string {
  if (destroy instanceof Error) return `released with an error: ${destroy.message}`;
  // true, 1, 'yes': name simple values; never print an object (it may hold anything).
  const shown = typeof destroy === 'boolean' || typeof destroy === 'number' ? String(destroy) : typeof destroy;
  return `released with release(${shown})`;
}
