import type { EventEmitter } from 'node:events';
import type { Engine } from '@pool/core';
import type { PgClient, PgPoolClass, PgResult } from './pg-client.js';
import { KnownClients } from './internal/known-clients.js';
import type { FacadeClient } from './internal/pg-checkout.js';
import { PgCheckout } from './internal/pg-checkout.js';
import { poolOptionsView } from './internal/pool-options.js';

/** A client handed out by the facade: the driver's own pg.Client, with pg-pool's `release`. */
export interface PgPoolClient extends PgClient {
  /** Give the client back; a truthy argument (an error, `true`) closes it instead. Throws when called twice. */
  readonly release: (destroy?: unknown) => void;
}

/** `connect(callback)`'s callback, as pg-pool calls it. */
export type PgConnectCallback = (error: Error | undefined, client: PgPoolClient | undefined, release: (destroy?: unknown) => void) => void;

/** `query(…, callback)`'s callback. */
export type PgQueryCallback<R = PgResult> = (error: Error | undefined, result: R | undefined) => void;

/**
 * node-postgres's `Pool` API over an engine (`toPgPool(engine)`): `connect`, `query`, `end`,
 * `ending`/`ended`, `options`, the counts, and the events `connect`, `acquire`, `release`,
 * `remove` and `error`, with the engine's limits, checks and reset underneath.
 */
export interface PgPool extends EventEmitter {
  /** The engine underneath. */
  readonly engine: Engine<PgClient>;
  /** The Client settings connections are opened with and the limits, in pg-pool's names (password not enumerable). */
  options: Record<string, unknown>;
  /** `end()` was called. */
  ending: boolean;
  /** `end()` finished: the engine was disposed and every client this pool handed out is back. */
  ended: boolean;
  /** Connections open or being opened in the engine. */
  readonly totalCount: number;
  /** Idle connections in the engine. */
  readonly idleCount: number;
  /** Callers waiting for a connection. */
  readonly waitingCount: number;
  /** Always 0: a connection past `poolRecycle` is replaced at its next checkout, never kept idle as expired. */
  readonly expiredCount: number;
  connect(): Promise<PgPoolClient>;
  connect(callback: PgConnectCallback): void;
  query<R = PgResult>(text: string | object, values?: readonly unknown[]): Promise<R>;
  query<R = PgResult>(text: string | object, callback: PgQueryCallback<R>): void;
  query<R = PgResult>(text: string | object, values: readonly unknown[] | undefined, callback: PgQueryCallback<R>): void;
  end(): Promise<void>;
  end(callback: (error?: Error) => void): void;
}

/** The facade class for one `pg` module's Pool. */
export type PgPoolConstructor = new (engine: Engine<PgClient>, parse: (url: string) => Record<string, unknown>) => PgPool;

const ENDED = 'Cannot use a pool after calling end on the pool';
const ENDED_TWICE = 'Called end on pool more than once';
const NOOP = (): void => undefined;

const classes = new WeakMap<PgPoolClass, PgPoolConstructor>();

/** The facade class extending this `Pool` (made once per pg module, so `instanceof` holds). */
export function facadeClassFor(Base: PgPoolClass): PgPoolConstructor {
  let Facade = classes.get(Base);
  if (Facade === undefined) {
    Facade = makeFacadeClass(Base);
    classes.set(Base, Facade);
  }
  return Facade;
}

function makeFacadeClass(Base: PgPoolClass): PgPoolConstructor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg.Pool's constructor, called with its options
  const PoolBase = Base as unknown as new (...args: any[]) => EventEmitter;

  // The name contains "Pool": Drizzle tells a pool from a client by it when instanceof fails.
  return class PgEnginePool extends PoolBase implements PgPool {
    readonly engine: Engine<PgClient>;
    options: Record<string, unknown>;
    ending = false;
    ended = false;
    readonly #out = new Map<FacadeClient, PgCheckout>();
    /** Checkouts whose return has not settled yet, released or not. */
    readonly #unsettled = new Set<PgCheckout>();
    /** connect() calls still waiting for the engine. */
    readonly #connecting = new Set<Promise<unknown>>();
    readonly #known: KnownClients;

    constructor(engine: Engine<PgClient>, parse: (url: string) => Record<string, unknown>) {
      // pg-pool's constructor only records options; the facade replaces them below.
      super({});
      this.engine = engine;
      this.options = poolOptionsView(engine, parse);
      this.#known = new KnownClients(engine.pool, {
        error: (error, client) => this.#idleError(error, client),
        closing: (client) => this.#closing(client),
      });
    }

    get totalCount(): number {
      return this.engine.pool.stats().open;
    }

    get idleCount(): number {
      return this.engine.pool.stats().checkedIn;
    }

    get waitingCount(): number {
      return this.engine.pool.stats().waiting;
    }

    get expiredCount(): number {
      return 0;
    }

    connect(): Promise<PgPoolClient>;
    connect(callback: PgConnectCallback): void;
    connect(callback?: PgConnectCallback): Promise<PgPoolClient> | void {
      if (this.ending) {
        const error = new Error(ENDED);
        if (callback === undefined) return Promise.reject(error);
        return callback(error, undefined, NOOP);
      }
      const checkout = this.#checkout();
      if (callback === undefined) return checkout;
      checkout.then(
        (client) => deliver(() => callback(undefined, client, client.release)),
        (error: Error) => deliver(() => callback(error, undefined, NOOP)),
      );
    }

    query<R = PgResult>(text: string | object, values?: readonly unknown[]): Promise<R>;
    query<R = PgResult>(text: string | object, callback: PgQueryCallback<R>): void;
    query<R = PgResult>(text: string | object, values: readonly unknown[] | undefined, callback: PgQueryCallback<R>): void;
    query<R = PgResult>(text: string | object, values?: readonly unknown[] | PgQueryCallback<R>, callback?: PgQueryCallback<R>): Promise<R> | void {
      if (typeof text === 'function') {
        // pg-pool's guard: a callback in the text's place is a mistake, reported asynchronously.
        const cb = text as PgQueryCallback<R>;
        setImmediate(() => cb(new Error('Passing a function as the first parameter to pool.query is not supported'), undefined));
        return;
      }
      if (typeof values === 'function') {
        callback = values;
        values = undefined;
      }
      const result = this.#query<R>(text, values);
      if (callback === undefined) return result;
      const cb = callback;
      result.then((res) => deliver(() => cb(undefined, res)), (error: Error) => deliver(() => cb(error, undefined)));
    }

    end(): Promise<void>;
    end(callback: (error?: Error) => void): void;
    end(callback?: (error?: Error) => void): Promise<void> | void {
      if (this.ending) {
        const error = new Error(ENDED_TWICE);
        if (callback === undefined) return Promise.reject(error);
        return callback(error);
      }
      this.ending = true;
      const ended = this.#end();
      if (callback === undefined) return ended;
      ended.then(() => deliver(() => callback()), (error: Error) => deliver(() => callback(error)));
    }

    async #checkout(): Promise<PgPoolClient> {
      const connecting = this.engine.connect();
      this.#connecting.add(connecting);
      let conn;
      try {
        conn = await connecting;
      } finally {
        this.#connecting.delete(connecting);
      }
      const checkout = new PgCheckout(conn, (done, error) => this.#released(done, error));
      const client = checkout.client;
      this.#out.set(client, checkout);
      this.#unsettled.add(checkout);
      void checkout.returned.then(() => this.#unsettled.delete(checkout));
      try {
        if (this.#known.see(conn.info, client)) this.emit('connect', client);
        this.emit('acquire', client);
      } catch (error) {
        // A throwing listener fails this connect(); the connection goes back, not astray.
        if (!checkout.released) checkout.release();
        throw error;
      }
      return client as PgPoolClient;
    }

    async #query<R>(text: string | object, values: readonly unknown[] | undefined): Promise<R> {
      const client = await this.connect();
      try {
        return await new Promise<R>((resolve, reject) => {
          const done = (error: Error | undefined, res: unknown): void => (error ? reject(error) : resolve(res as R));
          (client as unknown as FacadeClient).query(text, values, done);
        });
      } finally {
        // Unlike pg-pool, a query error does not close the connection: the engine's reset on
        // return handles a failed transaction, and a disconnect was already reported to it.
        client.release();
      }
    }

    async #end(): Promise<void> {
      // As pg-pool: connect() and query() calls made before end() still complete.
      await Promise.allSettled([...this.#connecting]);
      await this.engine.dispose();
      while (this.#unsettled.size > 0) await Promise.all([...this.#unsettled].map((checkout) => checkout.returned));
      this.ended = true;
    }

    #released(checkout: PgCheckout, error: unknown): void {
      if (this.#out.get(checkout.client) === checkout) this.#out.delete(checkout.client);
      this.emit('release', error, checkout.client);
    }

    #idleError(error: Error, client: FacadeClient): void {
      // A client out through this facade belongs to its holder (pg-pool does the same); an idle
      // one is already gone from the engine. With no listener, never the process-killing throw.
      if (this.#out.has(client) || this.listenerCount('error') === 0) return;
      (error as Error & { client?: unknown }).client = client;
      this.emit('error', error, client);
    }

    #closing(client: FacadeClient): void {
      // Before the driver closes it, nothing the facade added stays on the client; except the
      // `release` of a checkout still out (closed by a disconnect): its holder will still call it.
      const checkout = this.#out.get(client);
      checkout?.connectionClosed();
      if (checkout === undefined && Object.hasOwn(client, 'release')) delete client.release;
      this.emit('remove', client);
    }
  };
}

/** Run a user callback outside the pool's promise chains: a throw surfaces as it would from pg-pool. */
function deliver(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    process.nextTick(() => {
      throw error;
    });
  }
}
