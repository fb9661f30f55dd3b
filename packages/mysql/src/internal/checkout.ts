import type { PooledConnection } from '@pool/core';
import type { MysqlConnection } from '../mysql-connection.js';
import type { ErrorSink } from './command-errors.js';
import { CommandErrors } from './command-errors.js';

/** What a checkout asks of the pool adapter that made it. */
export interface CheckoutHost {
  /** Per-statement settings laid over `connection.config` for the checkout. */
  readonly overlay: readonly (readonly [key: string, value: unknown])[];
  /** `connection.end()` closes the connection (mysql2's `gracefulEnd`) instead of releasing it. */
  readonly gracefulEnd: boolean;
  /** mysql2's PromisePoolConnection over `raw`. */
  promiseConnection(raw: MysqlConnection, promiseImpl?: PromiseConstructorLike): object;
  /** The checkout ended with a release (mysql2's pool emits `release`). */
  released(raw: MysqlConnection): void;
}

/** The mysql2 connection as a checkout touches it: its own methods, events and config. */
type Raw = MysqlConnection & {
  config: Record<string, unknown>;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
};

/** Own properties a checkout defines on the connection, shadowing mysql2's for its duration. */
const METHODS = ['release', 'destroy', 'end', 'promise', Symbol.dispose] as const;

/** What stays once a checkout is over: releasing again does nothing, as on mysql2's PoolConnection. */
function releasedAlready(): void {}

const live = new WeakMap<object, Checkout>();

/**
 * Take whatever a pool adapter put on `raw` off it. The driver calls this before it closes a
 * connection (a disconnect, queryTimeout or dispose can close one a library still holds), so the
 * close runs mysql2's own `end()` on mysql2's own config.
 */
export function endCheckout(raw: object): void {
  live.get(raw)?.detach();
}

/**
 * One checkout of a pooled connection handed to a library as the mysql2 connection itself.
 * While it lasts the connection carries `release()`, `destroy()`, `end()`, `promise()` and
 * `[Symbol.dispose]` for this checkout (as a mysql2 PoolConnection does), the adapter's
 * per-statement settings, and listeners that report disconnects to the engine
 * (`PooledConnection.reportError`). All of it is removed when the checkout ends, except an inert
 * `release()` so that a second release, or one after `destroy()`, does nothing.
 */
export class Checkout {
  readonly #pooled: PooledConnection<MysqlConnection>;
  readonly #raw: Raw;
  readonly #host: CheckoutHost;
  readonly #errors: CommandErrors | undefined;
  readonly #saved: [key: string, value: unknown][] = [];
  readonly #report: ErrorSink = (error) => void this.#pooled.reportError(error);
  #over = false;

  /** Bind `pooled` to its mysql2 connection for a library; returns that connection. */
  static begin(pooled: PooledConnection<MysqlConnection>, host: CheckoutHost): MysqlConnection {
    return new Checkout(pooled, host).#raw;
  }

  private constructor(pooled: PooledConnection<MysqlConnection>, host: CheckoutHost) {
    this.#pooled = pooled;
    this.#raw = pooled.raw as Raw;
    this.#host = host;
    this.#errors = CommandErrors.of(this.#raw);
    this.#attach();
  }

  /** Give the connection back to the engine (reset on return included). Idempotent. */
  release(): void {
    if (this.#over) return;
    this.detach();
    this.#host.released(this.#raw);
    void this.#pooled.release();
  }

  /** Close the connection at once and free its slot in the engine (mysql2's `destroy()`). */
  destroy(): void {
    if (this.#over) return;
    this.detach();
    void this.#pooled.invalidate('destroyed by the application (connection.destroy())');
    // mysql2's own destroy, now that the checkout's is gone: no command is accepted any more.
    this.#raw.destroy();
  }

  /** mysql2's PoolConnection `end()`: a release, or with `gracefulEnd` a close through the engine. */
  end(callback?: (error?: Error | null) => void): void {
    if (this.#over || !this.#host.gracefulEnd) {
      this.release();
      callback?.();
      return;
    }
    this.detach();
    void this.#pooled.invalidate('ended by the application (connection.end() with gracefulEnd)').then(() => {
      try {
        callback?.();
      } catch (thrown) {
        // As from mysql2's own callback: an uncaught exception, not an unhandled rejection.
        process.nextTick(() => {
          throw thrown;
        });
      }
    });
  }

  /** Remove everything this checkout put on the connection. Idempotent. */
  detach(): void {
    if (this.#over) return;
    this.#over = true;
    live.delete(this.#raw);
    const target = this.#raw as unknown as Record<PropertyKey, unknown>;
    for (const name of METHODS) delete target[name];
    define(this.#raw, 'release', releasedAlready);
    for (const [key, value] of this.#saved.reverse()) this.#raw.config[key] = value;
    if (this.#errors?.sink === this.#report) this.#errors.sink = undefined;
    this.#raw.removeListener('error', this.#report);
  }

  #attach(): void {
    const raw = this.#raw;
    live.get(raw)?.detach();
    live.set(raw, this);
    define(raw, 'release', () => this.release());
    define(raw, 'destroy', () => this.destroy());
    define(raw, 'end', (callback?: (error?: Error | null) => void) => this.end(callback));
    define(raw, 'promise', (promiseImpl?: PromiseConstructorLike) => this.#host.promiseConnection(raw, promiseImpl));
    define(raw, Symbol.dispose, () => this.release());
    for (const [key, value] of this.#host.overlay) {
      if (raw.config[key] === value) continue;
      this.#saved.push([key, raw.config[key]]);
      raw.config[key] = value;
    }
    // Errors of the library's own statements (a disconnect discards the connection and makes
    // older ones suspect), and a death between statements, which mysql2 emits on the connection.
    if (this.#errors !== undefined) this.#errors.sink = this.#report;
    raw.on('error', this.#report);
  }
}

/** An own, non-enumerable property: invisible to `Object.keys`, copies and inspection. */
function define(raw: object, name: PropertyKey, value: unknown): void {
  Object.defineProperty(raw, name, { value, writable: true, configurable: true, enumerable: false });
}
