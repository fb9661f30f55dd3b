import { ConnectError, PoolClosedError, PoolError, PoolOverloadError, PoolTimeoutError, QueryTimeoutError } from './errors.js';
import { AbortWatch } from './internal/abort-watch.js';
import { now, toEpoch } from './internal/clock.js';
import { ConnRecord } from './internal/conn-record.js';
import { ConnectFailures } from './internal/connect-failures.js';
import type { ConnectionOwner } from './internal/connection-owner.js';
import { withDeadline } from './internal/deadline.js';
import { describeError } from './internal/describe-error.js';
import { markDisconnect } from './internal/disconnect-marks.js';
import { Freshness } from './internal/freshness.js';
import { Housekeeping } from './internal/housekeeping.js';
import type { Opener } from './internal/opener.js';
import { PoolEmitter } from './internal/pool-emitter.js';
import { Waiter, WaiterQueue } from './internal/waiter-queue.js';
import type { ResolvedOptions } from './options.js';
import type { PoolStats } from './pool-stats.js';
import { PooledConnection } from './pooled-connection.js';

/** Options of `connect()`. */
export interface ConnectOptions {
  /** Abort the wait: `connect()` rejects with `signal.reason` and leaves no trace in the pool. */
  readonly signal?: AbortSignal;
}

/** What the engine hands the pool. */
export interface PoolInit<Raw> {
  readonly options: ResolvedOptions<Raw>;
  readonly opener: Opener<Raw>;
}

type Conn<Raw> = PooledConnection<Raw>;
/** How a closed connection is counted: `invalidated` (unusable), `recycled` (age, uses) or just `closed`. */
type CloseKind = 'invalidated' | 'recycled' | 'closed';
type Verdict = readonly [CloseKind, string];

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * SQLAlchemy's QueuePool, asynchronous and fair, with HikariCP's hand-off.
 *
 * The state, and only this class writes it:
 * - `#idle`: connections nobody holds, ready (FIFO, or LIFO with poolUseLifo);
 * - `#waiters`: callers not served yet, oldest first. A caller stays there until it is served,
 *   whatever the pool does meanwhile: the first connection to become free (returned, opened,
 *   pinged) goes to the oldest waiter, so nobody waits for "its own" open while another is free;
 * - `#open`: slots in use, connections open or being opened; only `#takeSlot` and `#freeSlot`
 *   change it. Checked out (held, being reset or pinged, being opened) is `open − idle`, computed;
 * - `#connecting` (opens in flight, at most maxConnecting) and `#checking` (idle connections being
 *   pinged for waiters): supply on its way, so `#fill` opens only for waiters beyond it;
 * - `#failures`: while opens keep failing, callers that would need a new one fail at once and one
 *   probe at a time retries with backoff.
 *
 * Invariants, between any two calls into the pool: open ≤ poolSize + maxOverflow; connecting ≤
 * maxConnecting (per generation: dispose() starts a new one); an idle connection exists only if every
 * waiter is covered by a check in flight (so in practice `waiting > 0 ⇒ checkedIn = 0`); and once
 * nothing is in flight, `open` equals the driver's live connections.
 *
 * Paths: `connect → idle (checks) → #handOut`, else `#wait`; `release → #reset → #checkin →
 * #addToPool`; an open or a ping ends in `#addToPool` too, which gives the connection to the oldest
 * waiter, keeps it idle, or closes it. Every change ends in `#dispatch`.
 */
export class Pool<Raw = unknown> extends PoolEmitter {
  readonly #options: ResolvedOptions<Raw>;
  readonly #opener: Opener<Raw>;
  readonly #limit: number;
  readonly #maxConnecting: number;
  readonly #queryTimeoutMs: number;
  readonly #fresh: Freshness;
  readonly #housekeeping: Housekeeping;
  /**
   * An idle checkout needs the time only to judge prePing's bypass or the recycle age, or to start a
   * leak clock. Without those it reads no clock: on this hot path a clock read costs more than the rest.
   */
  readonly #checkoutClock: boolean;
  readonly #idle: ConnRecord<Raw>[] = [];
  readonly #waiters: WaiterQueue<Conn<Raw>>;
  /** Checked-out connections, kept only while leakDetection walks them. */
  readonly #inUse = new Set<ConnRecord<Raw>>();
  readonly #aborts = new AbortWatch<Waiter<Conn<Raw>>>((w, reason) => this.#abort(w, reason));
  readonly #failures = new ConnectFailures();
  readonly #counters = { created: 0, closed: 0, checkouts: 0, timeouts: 0, overloads: 0, invalidated: 0, recycled: 0, pingFailures: 0 };
  readonly #lender: ConnectionOwner<Raw>;
  #open = 0;
  #connecting = 0;
  #checking = 0;
  #lastId = 0;
  /** Bumped by dispose(): connections of an older generation are closed when they come back. */
  #generation = 0;
  #active = false;
  /** A caller was refused while opens were failing: a reason to probe even with nobody waiting. */
  #refused = false;
  /**
   * The last open failed with an error no retry can fix (a missing driver package, bad settings):
   * minSize stops refilling until an open succeeds, and no probes run; each caller still tries.
   */
  #misconfigured: unknown;
  #probeTimer: NodeJS.Timeout | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;

  /** @internal Made by `createEngine`. */
  constructor(init: PoolInit<Raw>) {
    super(init.options.name, init.options.logger, init.options.echoPool);
    const options = (this.#options = init.options);
    this.#opener = init.opener;
    const { poolSize, maxOverflow, maxConnecting, poolTimeout, queryTimeout } = options;
    this.#limit = poolSize === 0 || maxOverflow === -1 ? Infinity : poolSize + maxOverflow;
    this.#maxConnecting = maxConnecting === 0 ? Infinity : maxConnecting;
    this.#queryTimeoutMs = queryTimeout > 0 ? queryTimeout * 1000 : 0;
    this.#fresh = new Freshness(options);
    this.#housekeeping = new Housekeeping(options);
    this.#checkoutClock = this.#housekeeping.tracksLeaks || options.prePing || options.poolRecycle >= 0;
    // poolTimeout 0 admits only callers the pool has room for; they wait for that open, bounded by connectTimeout.
    this.#waiters = new WaiterQueue(poolTimeout === 0 ? Infinity : poolTimeout * 1000, (w, waitedMs) => this.#fail(w, this.#timedOut(waitedMs)));
    const opener = init.opener;
    this.#lender = {
      get driver() {
        return opener.driver;
      },
      release: (rec) => this.#release(rec),
      invalidate: (rec, reason) => this.#discard(rec, 'invalidated', reason),
      run: (rec, operation) => this.#run(rec, operation),
      noteError: (rec, error) => this.#noteError(rec, error),
    };
    if (options.minSize > 0) this.#activate();
  }

  /**
   * Check a connection out: an idle one (after the checkout checks), else the first connection to
   * become free, waiting at most `poolTimeout` seconds from this call whatever the pool does meanwhile.
   */
  connect(options?: ConnectOptions): Promise<Conn<Raw>> {
    const signal = options?.signal;
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (!this.#active) this.#activate();
    const stack = this.#housekeeping.tracksLeaks ? captureStack() : undefined;
    const timed = this.observed.timed;
    if (this.#waiters.size === 0 && this.#idle.length > 0) {
      // 0 when no check needs the time: needsCheck() then only asks whether the connection is suspect.
      const t = this.#checkoutClock || timed ? now() : 0;
      const rec = this.#takeIdle();
      if (!this.#fresh.needsCheck(rec, t)) return Promise.resolve(this.#handOut(rec, stack, t, t));
      this.#check(rec);
      return this.#wait(signal, stack, timed ? t : undefined);
    }
    return this.#wait(signal, stack, timed ? now() : undefined);
  }

  /** SQLAlchemy's status line: `Pool size: 5  Connections in pool: 2 Current Overflow: -3 Current Checked out connections: 0`. */
  status(): string {
    const { poolSize } = this.#options;
    const checkedIn = this.#idle.length;
    return `Pool size: ${poolSize}  Connections in pool: ${checkedIn} Current Overflow: ${this.#open - poolSize} Current Checked out connections: ${this.#open - checkedIn}`;
  }

  /** Gauges and cumulative counters, as one flat object (`waitTimeTotal` in seconds). */
  stats(): PoolStats {
    const { name, poolSize, maxOverflow } = this.#options;
    const checkedIn = this.#idle.length;
    return {
      name, poolSize, maxOverflow, open: this.#open, checkedIn, checkedOut: this.#open - checkedIn,
      overflow: this.#open - poolSize, waiting: this.#waiters.size, connecting: this.#connecting,
      ...this.#counters, waitTimeTotal: this.#waiters.waitedMs / 1000,
    };
  }

  /**
   * Close idle connections and reject waiters with PoolClosedError. Checked-out connections
   * keep working and are closed when they come back. The pool stays usable afterwards.
   */
  async dispose(): Promise<void> {
    this.#generation++;
    this.#active = false;
    clearInterval(this.#sweepTimer);
    clearTimeout(this.#probeTimer);
    this.#sweepTimer = this.#probeTimer = undefined;
    this.#failures.reset();
    this.#refused = false;
    this.#misconfigured = undefined;
    // Opens and pings in flight belong to the old generation: they close when they land.
    this.#connecting = this.#checking = 0;
    this.#waiters.stopTimer();
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) this.#fail(w, new PoolClosedError());
    await Promise.all(this.#idle.slice().map((rec) => this.#discard(rec, 'closed', 'pool disposed')));
  }

  // ---- checkout --------------------------------------------------------------------------------

  #activate(): void {
    this.#active = true;
    const { periodMs } = this.#housekeeping;
    if (periodMs > 0) this.#sweepTimer = setInterval(() => this.#sweep(), periodMs).unref();
    this.#fill();
  }

  #takeIdle(): ConnRecord<Raw> {
    const rec = (this.#options.poolUseLifo ? this.#idle.pop() : this.#idle.shift())!;
    rec.state = 'reserved';
    return rec;
  }

  #removeIdle(rec: ConnRecord<Raw>): void {
    this.#idle.splice(this.#idle.indexOf(rec), 1);
    rec.state = 'reserved';
  }

  /** Queue the caller, unless it must be refused at once; then see what can serve it. */
  #wait(signal: AbortSignal | undefined, stack: string | undefined, t: number | undefined): Promise<Conn<Raw>> {
    const refusal = this.#refusal();
    if (refusal !== undefined) return Promise.reject(refusal);
    return new Promise<Conn<Raw>>((resolve, reject) => {
      const w = new Waiter<Conn<Raw>>(resolve, reject, signal, stack);
      if (signal !== undefined) this.#aborts.watch(signal, w);
      this.#waiters.push(w, t);
      // A full pool with nothing idle (the busy case) has nothing to pair or open: the next return serves it.
      if (this.#idle.length > 0 || this.#open < this.#limit) this.#dispatch();
    });
  }

  /** Why a caller that found nothing idle may not wait: too many waiting, a full pool with poolTimeout 0, or a failing database. */
  #refusal(): unknown {
    const { maxWaiting, poolTimeout } = this.#options;
    if (maxWaiting > 0 && this.#waiters.size >= maxWaiting) {
      this.#counters.overloads++;
      return new PoolOverloadError(`${this.#waiters.size} callers are already waiting for a connection (maxWaiting ${maxWaiting}); try again later`);
    }
    if (this.#idle.length > 0 || this.#connecting + this.#checking > this.#waiters.size) return undefined;
    if (this.#failures.failing && (poolTimeout === 0 || this.#open === this.#idle.length + this.#connecting)) {
      // Nothing held could come back for it (or it may not wait for that): it would need a new connection.
      this.#refused = true;
      this.#scheduleProbe();
      return this.#failures.error;
    }
    if (poolTimeout === 0 && this.#open >= this.#limit) return this.#timedOut(0);
    return undefined;
  }

  /** Pair waiters with idle connections (checking those that need it), then open what is still wanted. */
  #dispatch(): void {
    while (this.#idle.length > 0 && this.#waiters.size > this.#checking) {
      const t = now();
      const rec = this.#takeIdle();
      if (this.#fresh.needsCheck(rec, t)) this.#check(rec);
      else this.#serve(rec, t);
    }
    this.#fill();
    this.#failStranded();
  }

  /** Whether another connection is wanted: waiters beyond the supply on its way, or fewer than minSize open. */
  #wanted(): boolean {
    return this.#waiters.size > this.#connecting + this.#checking || (this.#active && this.#open < this.#options.minSize && this.#misconfigured === undefined);
  }

  #fill(): void {
    if (this.#failures.failing) {
      if (this.#refused || this.#wanted()) this.#scheduleProbe();
      return;
    }
    while (this.#open < this.#limit && this.#connecting < this.#maxConnecting && this.#wanted()) this.#startOpen();
  }

  /** While opens fail, waiters that nothing in flight or held can serve get the open's error. */
  #failStranded(): void {
    if (!this.#failures.failing || this.#waiters.size === 0 || this.#connecting + this.#checking > 0) return;
    if (this.#open > this.#idle.length && this.#options.poolTimeout > 0) return;
    const error = this.#failures.error;
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) this.#fail(w, error);
    // They were refused: probe soon, so that their retries find the database back if it is.
    this.#refused = true;
    this.#scheduleProbe();
  }

  /** Replace a connection too old, or ping one that is due; the result lands in #addToPool. */
  #check(rec: ConnRecord<Raw>): void {
    if (this.#fresh.tooOld(rec, now())) void this.#discard(rec, 'recycled', `older than poolRecycle (${this.#options.poolRecycle} s)`);
    else this.#ping(rec, true);
  }

  /**
   * Ping a connection that has no holder: for waiters (a checkout check, counted in #checking as
   * supply on its way) or as a keepalive. Alive, it goes back through #addToPool; dead, it is closed,
   * and a disconnect makes the other connections suspect.
   */
  #ping(rec: ConnRecord<Raw>, forWaiters: boolean): void {
    const generation = this.#generation;
    if (forWaiters) this.#checking++;
    const settled = (): void => {
      if (forWaiters && generation === this.#generation) this.#checking--;
    };
    this.#opener.ping(rec.raw).then(
      () => {
        settled();
        this.#proven(rec);
        this.#addToPool(rec, rec.healthyAt, forWaiters ? rec.healthyAt : rec.idleSince);
        // One check fewer in flight: the waiters it covered may now want an open.
        this.#fill();
      },
      (error: unknown) => {
        settled();
        this.#counters.pingFailures++;
        if (this.#isDisconnect(error)) this.#fresh.suspectAll();
        void this.#discard(rec, 'invalidated', `${forWaiters ? 'pre-ping' : 'keepalive ping'} failed: ${describeError(error)}`, error);
      },
    );
  }

  /** A round trip just succeeded: healthy now, and no longer suspect. */
  #proven(rec: ConnRecord<Raw>): void {
    rec.healthyAt = now();
    rec.verified = this.#fresh.disconnects;
  }

  #serve(rec: ConnRecord<Raw>, t: number): void {
    const w = this.#waiters.shift(t)!;
    this.#settled(w);
    w.resolve(this.#handOut(rec, w.stack, t, w.enqueuedAt));
  }

  /** `t`: now() when the caller read it (always with leak tracking or timings), else 0. */
  #handOut(rec: ConnRecord<Raw>, stack: string | undefined, t: number, askedAt: number): Conn<Raw> {
    rec.state = 'in-use';
    const info = rec.info;
    info.uses++;
    this.#counters.checkouts++;
    rec.outAt = t;
    if (stack !== undefined) {
      rec.outStack = stack;
      rec.leakReported = false;
      this.#inUse.add(rec);
    }
    const conn = new PooledConnection(this.#lender, rec);
    if (this.observed.checkout) this.tell('checkout', info, { wait: (t - askedAt) / 1000 });
    return conn;
  }

  #settled(w: Waiter<Conn<Raw>>): void {
    if (w.signal !== undefined) this.#aborts.forget(w.signal, w);
  }

  #fail(w: Waiter<Conn<Raw>>, error: unknown): void {
    this.#settled(w);
    w.reject(error);
  }

  #abort(w: Waiter<Conn<Raw>>, reason: unknown): void {
    if (!w.queued) return;
    this.#waiters.cancel(w);
    w.reject(reason);
    // Fewer waiters: a check or an open in flight for it now lands idle; nothing else changes.
  }

  #timedOut(waitedMs: number): PoolTimeoutError {
    const { name, poolSize, maxOverflow, poolTimeout } = this.#options;
    // The cause says why no connection could be opened meanwhile, when that is what kept the caller waiting.
    const cause = this.#failures.failing ? { cause: this.#failures.error } : undefined;
    const error = new PoolTimeoutError(`QueuePool limit of size ${poolSize} overflow ${maxOverflow} reached, connection timed out, timeout ${poolTimeout.toFixed(2)}`, cause);
    this.#counters.timeouts++;
    this.tell('timeout', { pool: name, waited: waitedMs / 1000, error });
    return error;
  }

  // ---- opening -----------------------------------------------------------------------------------

  #startOpen(): void {
    this.#takeSlot();
    this.#connecting++;
    const generation = this.#generation;
    // Always timed: one clock read is nothing next to a connect, and minSize's first opens start in
    // createEngine, before anyone could listen for their `connect` event.
    const startedAt = now();
    this.#opener.open().then(
      (raw) => this.#opened(raw, generation, startedAt),
      (error: unknown) => this.#openFailed(error, generation, startedAt),
    );
  }

  #opened(raw: Raw, generation: number, startedAt: number): void {
    if (generation === this.#generation) this.#connecting--;
    const t = now();
    const rec = new ConnRecord(raw, { pool: this.#options.name, id: ++this.#lastId, generation, bornAt: t, verified: this.#fresh.disconnects });
    this.#counters.created++;
    this.#opener.driver.onDead?.(raw, (error) => this.#onDead(rec, error));
    if (generation === this.#generation) this.#misconfigured = undefined;
    const failedBefore = generation === this.#generation ? this.#failures.reset() : 0;
    if (failedBefore > 0) {
      clearTimeout(this.#probeTimer);
      this.#probeTimer = undefined;
      this.log('info', { failedAttempts: failedBefore }, `a connection opened again after ${failedBefore} failed attempt${failedBefore === 1 ? '' : 's'}`);
    }
    if (this.observed.has('connect')) this.tell('connect', rec.info, { duration: (t - startedAt) / 1000 });
    this.#addToPool(rec, t);
    // One open fewer in flight: another may start.
    this.#fill();
  }

  #openFailed(error: unknown, generation: number, startedAt: number): void {
    this.#freeSlot();
    if (this.observed.has('connectError')) this.tell('connectError', { pool: this.#options.name, duration: (now() - startedAt) / 1000, error });
    if (generation === this.#generation && isPermanent(error)) {
      this.#connecting--;
      if (this.#misconfigured === undefined) this.log('error', { err: error }, `cannot open connections: ${describeError(error)}`);
      this.#misconfigured = error;
      // Every waiter would meet the same error: tell them now rather than retrying for them.
      for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) this.#fail(w, error);
    } else if (generation === this.#generation) {
      this.#connecting--;
      if (!this.#failures.failing) {
        this.log('warn', { err: error }, `opening a connection failed: ${describeError(error)}; callers that need a new connection fail at once while the pool retries with backoff (at most 1 s apart)`);
      }
      this.#failures.failed(error, this.#sessionRefused(error));
    }
    this.#dispatch();
  }

  #scheduleProbe(): void {
    if (this.#probeTimer !== undefined || this.#connecting > 0) return;
    this.#probeTimer = setTimeout(() => {
      this.#probeTimer = undefined;
      this.#probe();
    }, this.#failures.nextDelay()).unref();
  }

  /** One open while opens are failing, if anyone wants a connection; its result decides what follows. */
  #probe(): void {
    if (!this.#failures.failing || this.#connecting > 0 || this.#open >= this.#limit) return;
    if (!this.#refused && !this.#wanted()) return;
    this.#refused = false;
    this.#startOpen();
  }

  // ---- return ------------------------------------------------------------------------------------

  #release(rec: ConnRecord<Raw>): Promise<void> {
    if (rec.outStack !== undefined) this.#inUse.delete(rec);
    rec.state = 'reserved';
    const t = now();
    rec.info.lastUsedAt = toEpoch(t);
    const verdict = this.#unusable(rec);
    // No reset for a session that is gone or about to be closed: closing ends its transaction.
    if (verdict !== undefined) return this.#discard(rec, ...verdict);
    const mode = this.#options.resetOnReturn;
    // Skip the round trip when the driver knows there is no transaction; unknown means reset.
    if (mode !== false && this.#opener.driver.inTransaction?.(rec.raw) !== false) return this.#reset(rec, mode, t);
    this.#checkin(rec, t, t);
    return RESOLVED;
  }

  async #reset(rec: ConnRecord<Raw>, mode: 'rollback' | 'commit', returnedAt: number): Promise<void> {
    const driver = this.#opener.driver;
    const { queryTimeout } = this.#options;
    try {
      const reset = mode === 'commit' ? driver.commit(rec.raw) : driver.rollback(rec.raw);
      await withDeadline(reset, this.#queryTimeoutMs, () => new QueryTimeoutError(`reset on return (${mode}) took longer than queryTimeout (${queryTimeout} s)`));
    } catch (error) {
      if (this.#isDisconnect(error)) this.#fresh.suspectAll();
      this.log('warn', { id: rec.info.id, err: error }, `reset on return (${mode}) failed on connection ${rec.info.id}; closing it: ${describeError(error)}`);
      return this.#discard(rec, 'invalidated', `reset on return failed: ${describeError(error)}`, error);
    }
    if (rec.state === 'closed') return;
    this.#proven(rec);
    this.tell('reset', rec.info, mode);
    this.#checkin(rec, returnedAt, rec.healthyAt);
  }

  /** Back from a caller, healthy: `checkin`, then to the next waiter, idle, or closed. */
  #checkin(rec: ConnRecord<Raw>, returnedAt: number, t: number): void {
    rec.healthyAt = t;
    if (this.observed.checkin) this.tell('checkin', rec.info, { use: rec.outAt > 0 ? (returnedAt - rec.outAt) / 1000 : 0 });
    rec.outAt = 0;
    this.#addToPool(rec, t);
  }

  /** Why a connection with no holder must be closed rather than kept: lost, disposed, or used up. */
  #unusable(rec: ConnRecord<Raw>): Verdict | undefined {
    if (rec.lost) return ['invalidated', 'the connection died'];
    if (rec.generation !== this.#generation) return ['closed', 'pool disposed'];
    const { maxUses } = this.#options;
    if (maxUses > 0 && rec.info.uses >= maxUses) return ['recycled', `reached maxUses (${maxUses})`];
    return undefined;
  }

  /**
   * A connection with no holder (opened, pinged, returned): to the oldest waiter, else idle, else
   * closed. `t` is a clock reading the caller just took (one read per return is all it costs).
   */
  #addToPool(rec: ConnRecord<Raw>, t: number, idleSince = t): void {
    // Closed while the pool worked on it (a statement of its last holder timed out, dispose, a death): its slot is gone.
    if (rec.state === 'closed') return;
    const verdict = this.#unusable(rec);
    if (verdict !== undefined) {
      void this.#discard(rec, ...verdict);
      return;
    }
    if (this.#waiters.size > 0) {
      if (this.#fresh.needsCheckInPassing(rec, t)) this.#check(rec);
      else this.#serve(rec, t);
      return;
    }
    const { poolSize } = this.#options;
    if (poolSize === 0 || this.#idle.length < poolSize) {
      rec.state = 'idle';
      rec.idleSince = idleSince;
      this.#idle.push(rec);
      return;
    }
    void this.#discard(rec, 'closed', 'overflow connection returned while the pool holds poolSize idle');
  }

  // ---- statements and loss -----------------------------------------------------------------------

  #run<T>(rec: ConnRecord<Raw>, operation: Promise<T>): Promise<T> {
    const guarded = this.#queryTimeoutMs > 0 ? withDeadline(operation, this.#queryTimeoutMs, () => this.#queryTimedOut(rec)) : operation;
    return guarded.then(undefined, (error: unknown) => {
      this.#noteError(rec, error);
      throw error;
    });
  }

  /** The statement is abandoned: close its connection, so the server aborts it and nobody reuses the session. */
  #queryTimedOut(rec: ConnRecord<Raw>): QueryTimeoutError {
    const reason = `a statement ran longer than queryTimeout (${this.#options.queryTimeout} s)`;
    void this.#discard(rec, 'invalidated', reason);
    return new QueryTimeoutError(`${reason}; its connection was closed`);
  }

  #noteError(rec: ConnRecord<Raw>, error: unknown): boolean {
    if (rec.state === 'closed' || !this.#isDisconnect(error)) return false;
    markDisconnect(error);
    this.#fresh.suspectAll();
    void this.#discard(rec, 'invalidated', `disconnect: ${describeError(error)}`, error);
    return true;
  }

  /** The driver's word on a failed open (ConnectError wraps the driver's error as its cause). */
  #sessionRefused(error: unknown): boolean {
    const cause = error instanceof ConnectError ? error.cause : error;
    try {
      return this.#opener.loaded?.isSessionRefused?.(cause) === true;
    } catch {
      return false;
    }
  }

  #isDisconnect(error: unknown): boolean {
    try {
      return this.#opener.driver.isDisconnect(error) || this.#options.isDisconnect?.(error) === true;
    } catch (thrown) {
      this.log('error', { err: thrown }, 'isDisconnect threw; treating the error as a disconnect');
      return true;
    }
  }

  #onDead(rec: ConnRecord<Raw>, error: unknown): void {
    if (rec.state === 'closed') return;
    if (rec.state !== 'idle') {
      rec.lost = true;
      return;
    }
    this.log('info', { id: rec.info.id, err: error }, `idle connection ${rec.info.id} died: ${describeError(error)}`);
    void this.#discard(rec, 'invalidated', 'the connection died while idle', error);
  }

  /** Close a connection and free its slot; a waiter or minSize may use the slot at once. */
  #discard(rec: ConnRecord<Raw>, kind: CloseKind, reason: string, error?: unknown): Promise<void> {
    if (rec.state === 'closed') return RESOLVED;
    if (rec.state === 'idle') this.#removeIdle(rec);
    this.#inUse.delete(rec);
    rec.state = 'closed';
    rec.closeReason = reason;
    this.#freeSlot();
    this.#counters.closed++;
    if (kind !== 'closed') this.#counters[kind]++;
    if (kind === 'invalidated') this.tell('invalidate', rec.info, reason, error);
    this.tell('close', rec.info, reason);
    const closing = this.#opener.close(rec.raw);
    this.#dispatch();
    return closing;
  }

  #takeSlot(): void {
    this.#open++;
  }

  #freeSlot(): void {
    this.#open--;
  }

  // ---- housekeeping ------------------------------------------------------------------------------

  /** The periodic sweep: idleTimeout, keepalive pings, leak reports. */
  #sweep(): void {
    const t = now();
    const { idleTimeout, leakDetection } = this.#options;
    for (const rec of this.#housekeeping.expired(this.#idle, this.#open, t)) void this.#discard(rec, 'closed', `idle longer than idleTimeout (${idleTimeout} s)`);
    for (const rec of this.#housekeeping.keepaliveDue(this.#idle, t)) {
      // Out of the idle list while pinged, so no caller gets it mid-ping.
      this.#removeIdle(rec);
      this.#ping(rec, false);
    }
    for (const rec of this.#housekeeping.leaks(this.#inUse, t)) {
      rec.leakReported = true;
      const heldFor = (t - rec.outAt) / 1000;
      const stack = rec.outStack ?? '';
      this.log('warn', { id: rec.info.id, heldFor, stack }, `connection ${rec.info.id} has been checked out for ${heldFor.toFixed(1)} s (leakDetection ${leakDetection} s) and not returned. It was checked out at:\n${stack}`);
      this.tell('leak', rec.info, { heldFor, stack });
    }
  }
}

/** A missing driver package or a setting the driver rejects: the same open fails the same way until someone fixes it. */
function isPermanent(error: unknown): boolean {
  return error instanceof PoolError && !(error instanceof ConnectError);
}

function captureStack(): string {
  const holder: { stack?: string } = {};
  // eslint-disable-next-line @typescript-eslint/unbound-method -- a frame marker, never called
  Error.captureStackTrace(holder, Pool.prototype.connect);
  return (holder.stack ?? '').replace(/^Error\n/, '');
}
