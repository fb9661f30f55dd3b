import { EventEmitter } from 'node:events';
import { PoolClosedError, PoolOverloadError, PoolTimeoutError } from './errors.js';
import type { Driver } from './driver.js';
import type { PoolEvents } from './events.js';
import { POOL_EVENTS } from './events.js';
import { now, toEpoch } from './internal/clock.js';
import { ConnRecord } from './internal/conn-record.js';
import type { ConnectionOwner } from './internal/connection-owner.js';
import { markDisconnect } from './internal/disconnect-marks.js';
import { Housekeeper } from './internal/housekeeper.js';
import type { Opener } from './internal/opener.js';
import { Waiter, WaiterQueue } from './internal/waiter-queue.js';
import { Refiller } from './internal/refiller.js';
import { Freshness } from './internal/freshness.js';
import type { ResolvedOptions } from './options.js';
import { PooledConnection } from './pooled-connection.js';
import type { PoolStats } from './pool-stats.js';
import { describeError } from './internal/describe-error.js';

/** Options of `connect()`. */
export interface ConnectOptions {
  /** Abort the wait: `connect()` rejects with `signal.reason` and leaves no trace in the pool. */
  readonly signal?: AbortSignal;
}

type Kind = 'invalidated' | 'recycled' | 'closed';

const RESOLVED: Promise<void> = Promise.resolve();

/** What the engine hands the pool. */
export interface PoolInit<Raw> {
  readonly options: ResolvedOptions<Raw>;
  readonly opener: Opener<Raw>;
}

/**
 * SQLAlchemy's QueuePool, asynchronous and fair: at most `poolSize + maxOverflow` connections,
 * callers served in arrival order by returned connections and freed slots alike. Every state
 * change ends in `#dispatch()`, which pairs waiters with idle connections or free slots.
 */
export class Pool<Raw = unknown> extends EventEmitter<PoolEvents> {
  readonly #o: ResolvedOptions<Raw>;
  readonly #opener: Opener<Raw>;
  /** The opener's driver, once it is loaded: every return asks it about the transaction. */
  #driver: Driver<Raw> | undefined;
  readonly #owner: ConnectionOwner<Raw>;
  readonly #housekeeper: Housekeeper<Raw>;
  readonly #limit: number;
  /** leakDetection is on: checkouts record their stack and are tracked in #out. */
  readonly #tracking: boolean;
  /**
   * A checkout from the idle list needs the time only to judge prePing's bypass or the recycle
   * age, or to start a leak clock. Without those it reads no clock: on this hot path a clock
   * read costs more than the rest of the checkout.
   */
  readonly #checkoutClock: boolean;
  readonly #idle: ConnRecord<Raw>[] = [];
  readonly #waiters: WaiterQueue<PooledConnection<Raw>>;
  readonly #refiller: Refiller;
  readonly #out = new Set<ConnRecord<Raw>>();
  readonly #counters = { created: 0, closed: 0, checkouts: 0, timeouts: 0, invalidated: 0, recycled: 0, pingFailures: 0 };
  readonly #fresh: Freshness;
  #open = 0;
  /** Bumped by dispose(): connections of an older epoch are closed when they come back. */
  #epoch = 0;
  #active = false;

  /** @internal Made by `createEngine`. */
  constructor(init: PoolInit<Raw>) {
    super();
    this.#o = init.options;
    this.#opener = init.opener;
    const { poolSize, maxOverflow } = this.#o;
    this.#limit = poolSize === 0 || maxOverflow === -1 ? Infinity : poolSize + maxOverflow;
    this.#owner = {
      get driver() {
        return init.opener.driver;
      },
      giveBack: (rec) => this.#giveBack(rec),
      invalidate: (rec, reason) => this.#discard(rec, 'invalidated', reason),
      watch: (rec, operation) => this.#watch(rec, operation),
      noteError: (rec, error) => this.#noteError(rec, error),
    };
    this.#fresh = new Freshness(this.#o);
    this.#waiters = new WaiterQueue(this.#o.poolTimeout * 1000, (w, waitedMs) => this.#fail(w, this.#timedOut(waitedMs)));
    this.#refiller = new Refiller(this.#o.minSize, this.#o.logger, {
      reserveBelowMin: () => {
        if (this.#open >= this.#o.minSize || this.#open >= this.#limit) return false;
        this.#open++;
        return true;
      },
      openOne: () => this.#openRecord().then(
        (rec) => void this.#place(rec, now()),
        (error: unknown) => {
          this.#open--;
          this.#dispatch();
          throw error;
        },
      ),
    });
    this.#housekeeper = new Housekeeper(this.#o, {
      idle: () => this.#idle,
      out: () => this.#out,
      openCount: () => this.#open,
      takeIdle: (rec) => this.#removeIdle(rec),
      place: (rec, idleSince) => this.#place(rec, idleSince),
      discard: (rec, kind, reason, error) => this.#discard(rec, kind, reason, error),
      ping: (raw) => this.#opener.ping(raw),
      pingFailed: () => void this.#counters.pingFailures++,
      emitLeak: (rec, detail) => this.#emit('leak', rec.info, detail),
    });
    this.#tracking = this.#housekeeper.leakDetection;
    this.#checkoutClock = this.#tracking || this.#o.prePing || this.#o.poolRecycle >= 0;
    if (this.#o.echoPool) this.#echo();
    if (this.#o.minSize > 0) this.#activate();
  }

  /**
   * Check a connection out: an idle one (after the checkout checks), a new one while under the
   * limit, or the next one returned or freed, waiting at most `poolTimeout` seconds.
   */
  connect(options?: ConnectOptions): Promise<PooledConnection<Raw>> {
    const signal = options?.signal;
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (!this.#active) this.#activate();
    const stack = this.#tracking ? captureStack() : undefined;
    if (this.#waiters.size === 0) {
      const rec = this.#takeIdle();
      if (rec !== undefined) {
        // 0 when no check needs the time: needsCheck() then only looks at the pool-wide invalidation.
        const t = this.#checkoutClock ? now() : 0;
        if (!this.#fresh.needsCheck(rec, t)) return Promise.resolve(this.#handOut(rec, stack, t));
        return this.#request(signal, stack, (w) => this.#prepareFor(w, rec));
      }
      if (this.#open < this.#limit) {
        this.#open++;
        return this.#request(signal, stack, (w) => this.#openFor(w));
      }
    }
    return this.#enqueue(signal, stack);
  }

  /** SQLAlchemy's status line: `Pool size: 5  Connections in pool: 2 Current Overflow: -3 Current Checked out connections: 0`. */
  status(): string {
    const { poolSize } = this.#o;
    const checkedIn = this.#idle.length;
    return `Pool size: ${poolSize}  Connections in pool: ${checkedIn} Current Overflow: ${this.#open - poolSize} Current Checked out connections: ${this.#open - checkedIn}`;
  }

  /** Gauges and cumulative counters, as one flat object (`waitTimeTotal` in seconds). */
  stats(): PoolStats {
    const { poolSize, maxOverflow } = this.#o;
    const { created, closed, checkouts, timeouts, invalidated, recycled, pingFailures } = this.#counters;
    const checkedIn = this.#idle.length;
    return {
      poolSize, maxOverflow, open: this.#open, checkedIn, checkedOut: this.#open - checkedIn,
      overflow: this.#open - poolSize, waiting: this.#waiters.size,
      created, closed, checkouts, timeouts, invalidated, recycled, pingFailures, waitTimeTotal: this.#waiters.waitedMs / 1000,
    };
  }

  /**
   * Close idle connections and reject waiters with PoolClosedError. Checked-out connections
   * keep working and are closed when they come back. The pool stays usable afterwards.
   */
  async dispose(): Promise<void> {
    this.#epoch++;
    this.#active = false;
    this.#housekeeper.stop();
    this.#refiller.stop();
    this.#waiters.stopTimer();
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) this.#fail(w, new PoolClosedError());
    const closing = this.#idle.splice(0).map((rec) => {
      rec.idle = false;
      this.#open--;
      return this.#close(rec, 'closed', 'pool disposed');
    });
    await Promise.all(closing);
  }

  // ---- checkout ------------------------------------------------------------------------

  #activate(): void {
    this.#active = true;
    this.#housekeeper.start();
    this.#refiller.start();
  }

  #takeIdle(): ConnRecord<Raw> | undefined {
    const rec = this.#o.poolUseLifo ? this.#idle.pop() : this.#idle.shift();
    if (rec !== undefined) rec.idle = false;
    return rec;
  }

  #removeIdle(rec: ConnRecord<Raw>): void {
    const at = this.#idle.indexOf(rec);
    if (at >= 0) this.#idle.splice(at, 1);
    rec.idle = false;
  }

  /** Run the checks; whatever fails is closed and replaced in the same slot. */
  async #prepare(rec: ConnRecord<Raw>): Promise<ConnRecord<Raw>> {
    const t = now();
    const stale = this.#fresh.staleReason(rec, t);
    if (stale !== undefined) {
      this.#retire(rec, stale[0], stale[1]);
      return this.#openRecord();
    }
    if (this.#fresh.pingDue(rec, t)) {
      try {
        await this.#opener.ping(rec.raw);
        rec.healthyAt = now();
      } catch (error) {
        this.#counters.pingFailures++;
        if (this.#isDisconnect(error)) this.#fresh.invalidateAll();
        this.#retire(rec, 'invalidated', `pre-ping failed: ${describeError(error)}`, error);
        return this.#openRecord();
      }
    }
    return rec;
  }

  async #openRecord(): Promise<ConnRecord<Raw>> {
    const epoch = this.#epoch;
    const raw = await this.#opener.open();
    const rec = new ConnRecord(raw, this.#fresh.nextId(), epoch, now());
    this.#counters.created++;
    this.#driver = this.#opener.driver;
    this.#driver.onDead?.(raw, (error) => this.#onDead(rec, error));
    this.#emit('connect', rec.info);
    return rec;
  }

  /** `t`: now() when the caller read it (always when `stack` is given), for the leak clock. */
  #handOut(rec: ConnRecord<Raw>, stack: string | undefined, t: number): PooledConnection<Raw> {
    const info = rec.info;
    info.uses++;
    this.#counters.checkouts++;
    if (stack !== undefined) {
      rec.outSince = t;
      rec.outStack = stack;
      rec.leakReported = false;
      this.#out.add(rec);
    }
    const conn = new PooledConnection(this.#owner, rec);
    this.#emit('checkout', info);
    return conn;
  }

  // ---- callers that cannot be answered synchronously -------------------------------------

  #request(signal: AbortSignal | undefined, stack: string | undefined, start: (w: Waiter<PooledConnection<Raw>>) => void): Promise<PooledConnection<Raw>> {
    return new Promise<PooledConnection<Raw>>((resolve, reject) => start(this.#waiter(resolve, reject, signal, stack)));
  }

  #waiter(resolve: Waiter<PooledConnection<Raw>>['resolve'], reject: Waiter<PooledConnection<Raw>>['reject'], signal: AbortSignal | undefined, stack: string | undefined): Waiter<PooledConnection<Raw>> {
    const w = new Waiter<PooledConnection<Raw>>(resolve, reject, signal, stack);
    if (signal !== undefined) {
      w.onAbort = () => this.#abort(w);
      signal.addEventListener('abort', w.onAbort, { once: true });
    }
    return w;
  }

  #enqueue(signal: AbortSignal | undefined, stack: string | undefined): Promise<PooledConnection<Raw>> {
    const { maxWaiting } = this.#o;
    if (maxWaiting > 0 && this.#waiters.size >= maxWaiting) {
      return Promise.reject(new PoolOverloadError(`${this.#waiters.size} callers are already waiting for a connection (maxWaiting ${maxWaiting}); try again later`));
    }
    if (this.#o.poolTimeout === 0) return Promise.reject(this.#timedOut(0));
    // The busy path under load: no start callback, the waiter goes straight into the queue.
    return new Promise<PooledConnection<Raw>>((resolve, reject) => this.#waiters.push(this.#waiter(resolve, reject, signal, stack)));
  }

  #abort(w: Waiter<PooledConnection<Raw>>): void {
    if (w.settled) return;
    this.#waiters.cancel(w);
    w.settled = true;
    w.reject(w.signal?.reason);
  }

  #deliver(w: Waiter<PooledConnection<Raw>>, rec: ConnRecord<Raw>, t: number): void {
    if (w.onAbort !== undefined) w.signal?.removeEventListener('abort', w.onAbort);
    if (w.settled) {
      // The caller gave up (abort) while this connection was being readied: it goes to the pool.
      void this.#place(rec, t, t);
      return;
    }
    w.settled = true;
    w.resolve(this.#handOut(rec, w.stack, t));
  }

  #fail(w: Waiter<PooledConnection<Raw>>, error: unknown): void {
    if (w.onAbort !== undefined) w.signal?.removeEventListener('abort', w.onAbort);
    if (w.settled) return;
    w.settled = true;
    w.reject(error);
  }

  #prepareFor(w: Waiter<PooledConnection<Raw>>, rec: ConnRecord<Raw>): void {
    this.#prepare(rec).then((ready) => this.#deliver(w, ready, now()), (error: unknown) => this.#slotFailed(w, error));
  }

  #openFor(w: Waiter<PooledConnection<Raw>>): void {
    this.#openRecord().then((rec) => this.#deliver(w, rec, now()), (error: unknown) => this.#slotFailed(w, error));
  }

  /** A failed open frees its slot at once and rejects that caller only. */
  #slotFailed(w: Waiter<PooledConnection<Raw>>, error: unknown): void {
    this.#open--;
    this.#fail(w, error);
    this.#dispatch();
    this.#refiller.run();
  }

  #serve(w: Waiter<PooledConnection<Raw>>, rec: ConnRecord<Raw>, t: number): void {
    if (this.#fresh.needsCheck(rec, t)) this.#prepareFor(w, rec);
    else this.#deliver(w, rec, t);
  }

  /** Pair waiters, oldest first, with idle connections, then with free slots. */
  #dispatch(): void {
    while (this.#waiters.size > 0) {
      if (this.#idle.length > 0) {
        const t = now();
        this.#serve(this.#waiters.shift(t)!, this.#takeIdle()!, t);
      } else if (this.#open < this.#limit) {
        const w = this.#waiters.shift()!;
        this.#open++;
        this.#openFor(w);
      } else {
        return;
      }
    }
  }

  #timedOut(waitedMs: number): PoolTimeoutError {
    const { poolSize, maxOverflow, poolTimeout } = this.#o;
    const error = new PoolTimeoutError(`QueuePool limit of size ${poolSize} overflow ${maxOverflow} reached, connection timed out, timeout ${poolTimeout.toFixed(2)}`);
    this.#counters.timeouts++;
    this.#emit('timeout', { waited: waitedMs / 1000, error });
    return error;
  }

  // ---- return ------------------------------------------------------------------------------

  #giveBack(rec: ConnRecord<Raw>): Promise<void> {
    if (this.#tracking) this.#out.delete(rec);
    const t = now();
    rec.info.lastUsedAt = toEpoch(t);
    if (rec.dead) return this.#discard(rec, 'invalidated', 'the connection died while checked out');
    if (rec.epoch !== this.#epoch) return this.#discard(rec, 'closed', 'pool disposed');
    if (this.#fresh.isStale(rec)) return this.#discard(rec, 'invalidated', 'opened before a disconnect was seen');
    const mode = this.#o.resetOnReturn;
    // Skip the round trip when the driver knows there is no transaction; unknown means reset.
    if (mode !== false && this.#driver!.inTransaction?.(rec.raw) !== false) return this.#resetThenCheckin(rec, mode);
    return this.#checkin(rec, t);
  }

  async #resetThenCheckin(rec: ConnRecord<Raw>, mode: 'rollback' | 'commit'): Promise<void> {
    const driver = this.#opener.driver;
    try {
      await (mode === 'commit' ? driver.commit(rec.raw) : driver.rollback(rec.raw));
    } catch (error) {
      if (this.#isDisconnect(error)) this.#fresh.invalidateAll();
      this.#o.logger.warn(`@pool: reset on return (${mode}) failed on connection ${rec.info.id}; closing it: ${describeError(error)}`);
      return this.#discard(rec, 'invalidated', `reset on return failed: ${describeError(error)}`, error);
    }
    this.#emit('reset', rec.info, mode);
    if (rec.dead || rec.closed) return this.#discard(rec, 'invalidated', 'the connection died during reset');
    return this.#checkin(rec, now());
  }

  #checkin(rec: ConnRecord<Raw>, t: number): Promise<void> {
    rec.healthyAt = t;
    this.#emit('checkin', rec.info);
    const maxUses = this.#o.maxUses;
    if (maxUses > 0 && rec.info.uses >= maxUses) return this.#discard(rec, 'recycled', `reached maxUses (${maxUses})`);
    // dispose() may have run during the reset, or in a checkin listener.
    if (rec.epoch !== this.#epoch) return this.#discard(rec, 'closed', 'pool disposed');
    // Alive: both return paths checked that just before.
    return this.#settle(rec, t, t);
  }

  /**
   * A healthy connection with no holder: to the first waiter, else idle, else closed as overflow.
   * `t` is now() when the caller already read it (a return); `idleSince` may be older (keepalive).
   */
  #place(rec: ConnRecord<Raw>, idleSince: number, t?: number): Promise<void> {
    if (rec.closed) return RESOLVED;
    if (rec.dead) return this.#discard(rec, 'invalidated', 'the connection died');
    if (rec.epoch !== this.#epoch) return this.#discard(rec, 'closed', 'pool disposed');
    return this.#settle(rec, idleSince, t);
  }

  /** #place for a connection known to be open, alive and of this epoch. */
  #settle(rec: ConnRecord<Raw>, idleSince: number, t?: number): Promise<void> {
    if (this.#waiters.size > 0) {
      const at = t ?? now();
      this.#serve(this.#waiters.shift(at)!, rec, at);
      return RESOLVED;
    }
    const { poolSize } = this.#o;
    if (poolSize === 0 || this.#idle.length < poolSize) {
      rec.idle = true;
      rec.idleSince = idleSince;
      this.#idle.push(rec);
      return RESOLVED;
    }
    return this.#discard(rec, 'closed', 'overflow connection returned while the pool holds poolSize idle');
  }

  // ---- loss ----------------------------------------------------------------------------------

  #watch<T>(rec: ConnRecord<Raw>, operation: Promise<T>): Promise<T> {
    return operation.then(undefined, (error: unknown) => {
      this.#noteError(rec, error);
      throw error;
    });
  }

  #noteError(rec: ConnRecord<Raw>, error: unknown): boolean {
    if (rec.closed || !this.#isDisconnect(error)) return false;
    markDisconnect(error);
    this.#fresh.invalidateAll();
    void this.#discard(rec, 'invalidated', `disconnect: ${describeError(error)}`, error);
    return true;
  }

  #isDisconnect(error: unknown): boolean {
    try {
      return this.#opener.driver.isDisconnect(error) || this.#o.isDisconnect?.(error) === true;
    } catch (thrown) {
      this.#o.logger.error('@pool: isDisconnect threw; treating the error as a disconnect', thrown);
      return true;
    }
  }

  #onDead(rec: ConnRecord<Raw>, error: unknown): void {
    if (rec.closed) return;
    if (!rec.idle) {
      rec.dead = true;
      return;
    }
    this.#o.logger.info(`@pool: idle connection ${rec.info.id} died: ${describeError(error)}`);
    void this.#discard(rec, 'invalidated', 'the connection died while idle', error);
  }

  /** Close a connection and free its slot; a waiter or the minSize refill may use it at once. */
  #discard(rec: ConnRecord<Raw>, kind: Kind, reason: string, error?: unknown): Promise<void> {
    if (rec.closed) return RESOLVED;
    if (rec.idle) this.#removeIdle(rec);
    this.#open--;
    const closing = this.#close(rec, kind, reason, error);
    this.#dispatch();
    this.#refiller.run();
    return closing;
  }

  /** Close a connection whose slot is reused at once by its replacement. */
  #retire(rec: ConnRecord<Raw>, kind: Kind, reason: string, error?: unknown): void {
    void this.#close(rec, kind, reason, error);
  }

  #close(rec: ConnRecord<Raw>, kind: Kind, reason: string, error?: unknown): Promise<void> {
    rec.closed = true;
    rec.closeReason = reason;
    rec.idle = false;
    this.#out.delete(rec);
    this.#counters.closed++;
    if (kind !== 'closed') this.#counters[kind]++;
    if (kind === 'invalidated') this.#emit('invalidate', rec.info, reason, error);
    this.#emit('close', rec.info, reason);
    return this.#opener.close(rec.raw);
  }

  // ---- events -------------------------------------------------------------------------------

  #emit<K extends keyof PoolEvents>(event: K, ...args: PoolEvents[K]): void {
    // Checkout and checkin emit on every cycle; with nobody listening, skip the call and its
    // arguments. Node's count of events with listeners answers that for all events at once; if it
    // is ever missing, listenerCount() still does.
    if ((this as { _eventsCount?: number })._eventsCount === 0 || this.listenerCount(event) === 0) return;
    try {
      (this.emit as (event: K, ...args: PoolEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      // A throwing listener must not corrupt the pool's accounting.
      this.#o.logger.error(`@pool: a listener for "${event}" threw`, error);
    }
  }

  #echo(): void {
    const log = this.#o.logger;
    for (const event of POOL_EVENTS) {
      this.on(event, (...args: unknown[]) => log.debug(`@pool: ${event}`, ...args));
    }
  }
}

function captureStack(): string {
  const holder: { stack?: string } = {};
  // eslint-disable-next-line @typescript-eslint/unbound-method -- a frame marker, never called
  Error.captureStackTrace(holder, Pool.prototype.connect);
  return (holder.stack ?? '').replace(/^Error\n/, '');
}
