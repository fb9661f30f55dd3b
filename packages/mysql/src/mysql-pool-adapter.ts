import { EventEmitter } from 'node:events';
import type { Engine, PooledConnection } from '@pool/core';
import { Checkout } from './internal/checkout.js';
import type { CheckoutHost } from './internal/checkout.js';
import type { MysqlLibrary } from './internal/load-mysql.js';
import { loadMysqlPromise } from './internal/load-mysql.js';
import type { AdapterSettings } from './internal/pool-settings.js';
import { poolExecute, poolQuery } from './internal/pool-statements.js';
import type { MysqlConnection } from './mysql-connection.js';

/** mysql2's callback for `getConnection`. */
export type GetConnectionCallback = (error: Error | null, connection?: MysqlConnection) => void;

type ExecuteCallback = (error: unknown, rows?: unknown, fields?: unknown) => void;

/** What mysql2's `pool.config` holds, as far as the engine can say. */
export interface MysqlPoolAdapterConfig {
  readonly connectionConfig: Record<string, unknown>;
  /** `poolSize + maxOverflow` (0: no limit). */
  readonly connectionLimit: number;
  readonly maxIdle: number;
  readonly idleTimeout: number;
  readonly queueLimit: number;
  readonly waitForConnections: true;
  readonly resetOnRelease: false;
}

/**
 * A mysql2 `Pool` over an `@pool` engine, made by `toMysqlPool(engine)`: `getConnection`,
 * `query`, `execute`, `end`, `releaseConnection`, `escape`/`escapeId`/`format`, `promise()`
 * and the events `connection`, `acquire`, `release`, `enqueue`. Connections are checked out of
 * the engine (its limits, pre-ping, recycle, reset on return and leak detection apply) and handed
 * out as the mysql2 connections themselves, with `release()`, `destroy()` and `promise()`.
 */
export class MysqlPoolAdapter extends EventEmitter implements CheckoutHost {
  /** mysql2's pool config: the adapter's connection config and the engine's limits. */
  readonly config: MysqlPoolAdapterConfig;
  /** @internal Per-statement settings laid over each checkout's `connection.config`. */
  readonly overlay: AdapterSettings['overlay'];
  /** @internal `connection.end()` closes instead of releasing (mysql2's `gracefulEnd` setting). */
  readonly gracefulEnd: boolean;
  readonly #engine: Engine<MysqlConnection>;
  readonly #mysql: MysqlLibrary;
  readonly #promiseImpl: PromiseConstructorLike | undefined;
  readonly #seen = new WeakSet<object>();
  readonly #limit: number;
  #ended: Promise<void> | undefined;

  /** @internal Use `toMysqlPool(engine)`. */
  constructor(engine: Engine<MysqlConnection>, mysql: MysqlLibrary, settings: AdapterSettings) {
    super();
    this.#engine = engine;
    this.#mysql = mysql;
    this.#promiseImpl = settings.promiseImpl;
    this.overlay = settings.overlay;
    this.gracefulEnd = settings.gracefulEnd;
    const { poolSize, maxOverflow, maxWaiting, idleTimeout } = engine.options;
    this.#limit = poolSize === 0 || maxOverflow === -1 ? Infinity : poolSize + maxOverflow;
    this.config = Object.freeze({
      connectionConfig: settings.connectionConfig,
      connectionLimit: Number.isFinite(this.#limit) ? this.#limit : 0,
      maxIdle: poolSize,
      idleTimeout: idleTimeout < 0 ? 0 : idleTimeout * 1000,
      queueLimit: maxWaiting,
      waitForConnections: true,
      resetOnRelease: false,
    });
  }

  /** The engine this adapter checks connections out of. */
  get engine(): Engine<MysqlConnection> {
    return this.#engine;
  }

  /** Whether `end()` was called (mysql2's `pool._closed`, read by its promise wrapper). */
  get _closed(): boolean {
    return this.#ended !== undefined;
  }

  /** Check a connection out of the engine; `callback(null, connection)` or `callback(error)`. */
  getConnection(callback: GetConnectionCallback): void {
    if (this._closed) {
      process.nextTick(callback, new Error('Pool is closed.'));
      return;
    }
    if (this.listenerCount('enqueue') > 0) this.#noteQueueing();
    this.#engine.connect().then(
      (pooled) => this.#handOut(pooled, callback),
      (error: unknown) => deliver(callback, error as Error),
    );
  }

  /** Give a connection back (mysql2's `pool.releaseConnection(connection)`): its `release()`. */
  releaseConnection(connection: { release?: () => void } | null | undefined): void {
    connection?.release?.();
  }

  /** mysql2's `pool.query(sql, values?, callback?)`: one statement on a checked-out connection; returns the Query command. */
  query(sql: unknown, values?: unknown, callback?: unknown): unknown {
    return poolQuery(this, this.#mysql, sql, values, callback);
  }

  /** mysql2's `pool.execute(sql, values?, callback)`: a prepared statement on a checked-out connection. */
  execute(sql: unknown, values?: unknown, callback?: unknown): void {
    if (typeof values === 'function') poolExecute(this, sql, [], values as ExecuteCallback);
    else poolExecute(this, sql, values, callback as ExecuteCallback);
  }

  /**
   * Dispose the engine's pool, once: idle connections close, waiters get PoolClosedError,
   * connections still out close when they come back. Later `getConnection` calls fail with
   * mysql2's "Pool is closed."; the engine itself stays usable for its other users.
   */
  end(callback?: (error?: Error | null) => void): void {
    this.#ended ??= this.#engine.dispose();
    this.#ended.then(
      () => finish(callback, undefined),
      (error: unknown) => finish(callback, error as Error),
    );
  }

  /** A value escaped as mysql2's pool escapes it (its `stringifyObjects` and `timezone`). */
  escape(value: unknown): string {
    const { stringifyObjects, timezone } = this.config.connectionConfig as { stringifyObjects?: boolean; timezone?: string };
    return this.#mysql.escape(value, stringifyObjects, timezone);
  }

  /** An identifier escaped with backticks. */
  escapeId(value: unknown): string {
    return this.#mysql.escapeId(value, false);
  }

  /** `sql` with its `?` filled in client-side, as mysql2's pool formats it. */
  format(sql: string, values?: unknown): string {
    const { stringifyObjects, timezone } = this.config.connectionConfig as { stringifyObjects?: boolean; timezone?: string };
    return this.#mysql.format(sql, values, stringifyObjects, timezone);
  }

  /** mysql2's own PromisePool over this adapter (what `mysql2/promise`'s `createPool` gives). */
  promise(promiseImpl?: PromiseConstructorLike): object {
    return new (loadMysqlPromise().PromisePool)(this, promiseImpl ?? this.#promiseImpl);
  }

  /** @internal mysql2's PromisePoolConnection over a checked-out connection. */
  promiseConnection(raw: MysqlConnection, promiseImpl?: PromiseConstructorLike): object {
    return new (loadMysqlPromise().PromisePoolConnection)(raw, promiseImpl ?? this.#promiseImpl);
  }

  /** @internal A checkout ended with a release. */
  released(raw: MysqlConnection): void {
    this.emit('release', raw);
  }

  /** `using pool = toMysqlPool(engine)`: `end()` at scope end. */
  [Symbol.dispose](): void {
    if (!this._closed) this.end(() => undefined);
  }

  #handOut(pooled: PooledConnection<MysqlConnection>, callback: GetConnectionCallback): void {
    if (this._closed) {
      void pooled.release();
      deliver(callback, new Error('Pool is closed.'));
      return;
    }
    const raw = Checkout.begin(pooled, this);
    if (!this.#seen.has(raw)) {
      this.#seen.add(raw);
      this.emit('connection', raw);
    }
    this.emit('acquire', raw);
    deliver(callback, null, raw);
  }

  /** mysql2 emits `enqueue` when a caller has to wait: nothing idle and no slot free, or others already waiting. */
  #noteQueueing(): void {
    const { open, checkedIn, waiting } = this.#engine.pool.stats();
    if (waiting > 0 || (checkedIn === 0 && open >= this.#limit)) this.emit('enqueue');
  }
}

/** Call a mysql2-style callback outside the promise chain: a throw is an uncaught exception, as with mysql2, not a rejection. */
function deliver(callback: GetConnectionCallback, error: Error | null, connection?: MysqlConnection): void {
  try {
    callback(error, connection);
  } catch (thrown) {
    process.nextTick(rethrow, thrown);
  }
}

/** `end()`'s callback, outside the promise chain; with none, an error is thrown as mysql2 throws it. */
function finish(callback: ((error?: Error | null) => void) | undefined, error: Error | undefined): void {
  try {
    if (callback !== undefined) callback(error);
    else if (error !== undefined) rethrow(error);
  } catch (thrown) {
    process.nextTick(rethrow, thrown);
  }
}

function rethrow(error: unknown): never {
  throw error;
}
