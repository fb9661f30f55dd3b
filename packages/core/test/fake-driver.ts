import type { Driver, DriverConnectOptions, QueryResult } from '../src/index.js';
import type { DatabaseUrl } from '../src/index.js';

/** One in-memory "server session". */
export class FakeConn {
  readonly pid: number;
  closed = false;
  /** Killed "server-side": ping and queries fail with a disconnect error. */
  killed = false;
  inTx = false;
  /** Rows written inside the open transaction, and committed rows (shared "database"). */
  pending: string[] = [];
  deadListener: ((error?: unknown) => void) | undefined;

  constructor(pid: number) {
    this.pid = pid;
  }
}

/** What a full server answers a connect with: the fake driver's isSessionRefused says yes. */
export function tooManyClients(): Error {
  return Object.assign(new Error('sorry, too many clients already'), { code: 'TOO_MANY_CLIENTS' });
}

/** An error the fake driver classifies as a disconnect. */
export function disconnectError(message = 'server closed the connection unexpectedly'): Error {
  return Object.assign(new Error(message), { code: 'FAKE_DISCONNECT' });
}

export interface FakeDriverOptions {
  /** Milliseconds each connect takes. */
  connectDelay?: number;
  /** Milliseconds each rollback or commit takes. */
  resetDelay?: number;
  /** Milliseconds each ping takes. */
  pingDelay?: number;
  /** Whether the driver reports transaction state (otherwise the pool always resets). */
  knowsTransactions?: boolean;
}

/**
 * A driver whose "server" lives in memory: tests drive failures (connect errors, killed
 * sessions, idle deaths, hanging connects) and read back what the server would see.
 */
export class FakeDriver implements Driver<FakeConn> {
  readonly name = 'fake';
  readonly options: FakeDriverOptions;
  readonly live = new Set<FakeConn>();
  readonly committed: string[] = [];
  opened = 0;
  closedCount = 0;
  pings = 0;
  rollbacks = 0;
  commits = 0;
  maxLive = 0;
  /** Every connect() call, failed or not. */
  attempts = 0;
  /** connect() calls in flight now, and the most at once. */
  connectingNow = 0;
  /** ping() calls in flight now. */
  pingingNow = 0;
  maxConnectingNow = 0;
  /** Errors the next connects reject with, in order. */
  connectFailures: unknown[] = [];
  /** When set, connects never settle until aborted. */
  hangConnects = false;
  /** When set, every connect fails with this error. */
  serverDown: unknown = undefined;
  /** When set, rollback/commit reject with this error. */
  resetFailure: unknown = undefined;
  lastConnectOptions: DriverConnectOptions | undefined;
  lastUrl: DatabaseUrl | undefined;
  #pid = 1000;

  constructor(options: FakeDriverOptions = {}) {
    this.options = { knowsTransactions: true, ...options };
  }

  async connect(url: DatabaseUrl, options: DriverConnectOptions): Promise<FakeConn> {
    this.attempts++;
    this.maxConnectingNow = Math.max(this.maxConnectingNow, ++this.connectingNow);
    try {
      return await this.#connect(url, options);
    } finally {
      this.connectingNow--;
    }
  }

  async #connect(url: DatabaseUrl, options: DriverConnectOptions): Promise<FakeConn> {
    this.lastConnectOptions = options;
    this.lastUrl = url;
    if (this.hangConnects) {
      await new Promise<never>((_, reject) => options.signal.addEventListener('abort', () => reject(options.signal.reason as Error)));
    }
    if (this.options.connectDelay !== undefined) await sleep(this.options.connectDelay);
    const failure = this.connectFailures.length > 0 ? this.connectFailures.shift() : this.serverDown;
    if (failure !== undefined) throw failure;
    const conn = new FakeConn(++this.#pid);
    this.opened++;
    this.live.add(conn);
    this.maxLive = Math.max(this.maxLive, this.live.size);
    return conn;
  }

  close(conn: FakeConn): Promise<void> {
    if (!conn.closed) {
      conn.closed = true;
      this.closedCount++;
      this.live.delete(conn);
    }
    return Promise.resolve();
  }

  async ping(conn: FakeConn): Promise<void> {
    this.pings++;
    this.pingingNow++;
    try {
      if (this.options.pingDelay !== undefined) await sleep(this.options.pingDelay);
      this.#check(conn);
    } finally {
      this.pingingNow--;
    }
  }

  query(conn: FakeConn, sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    try {
      this.#check(conn);
    } catch (error) {
      return Promise.reject(error);
    }
    const upper = sql.trim().toUpperCase();
    if (upper === 'BEGIN' || upper === 'START TRANSACTION') conn.inTx = true;
    if (upper.startsWith('INSERT')) {
      const row = String(params?.[0]);
      if (conn.inTx) conn.pending.push(row);
      else this.committed.push(row);
    }
    if (upper === 'FAIL') return Promise.reject(new Error('syntax error at or near "FAIL"'));
    // `SLEEP 200`: a statement that takes 200 ms (pg_sleep).
    if (upper.startsWith('SLEEP ')) return sleep(Number(upper.slice(6))).then(() => ({ rows: [], rowCount: 0 }));
    if (upper === 'SELECT ROWS') return Promise.resolve({ rows: this.committed.map((value) => ({ value })), rowCount: this.committed.length });
    return Promise.resolve({ rows: [{ pid: conn.pid, params: params ?? [] }], rowCount: 1 });
  }

  begin(conn: FakeConn): Promise<void> {
    return this.query(conn, 'BEGIN').then(() => undefined);
  }

  commit(conn: FakeConn): Promise<void> {
    this.commits++;
    if (this.resetFailure !== undefined) return Promise.reject(this.resetFailure);
    try {
      this.#check(conn);
    } catch (error) {
      return Promise.reject(error);
    }
    this.committed.push(...conn.pending);
    conn.pending = [];
    conn.inTx = false;
    return Promise.resolve();
  }

  async rollback(conn: FakeConn): Promise<void> {
    this.rollbacks++;
    if (this.options.resetDelay !== undefined) await sleep(this.options.resetDelay);
    if (this.resetFailure !== undefined) return Promise.reject(this.resetFailure);
    try {
      this.#check(conn);
    } catch (error) {
      return Promise.reject(error);
    }
    conn.pending = [];
    conn.inTx = false;
    return Promise.resolve();
  }

  inTransaction(conn: FakeConn): boolean | undefined {
    return this.options.knowsTransactions === true ? conn.inTx : undefined;
  }

  backendPid(conn: FakeConn): Promise<number> {
    return Promise.resolve(conn.pid);
  }

  isDisconnect(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === 'FAKE_DISCONNECT';
  }

  isSessionRefused(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === 'TOO_MANY_CLIENTS';
  }

  onDead(conn: FakeConn, listener: (error?: unknown) => void): void {
    conn.deadListener = listener;
  }

  /** Kill sessions server-side (pg_terminate_backend): they fail on next use. */
  kill(...conns: FakeConn[]): void {
    for (const conn of conns.length > 0 ? conns : [...this.live]) conn.killed = true;
  }

  /** The socket of an idle session dies: the driver reports it. */
  die(conn: FakeConn): void {
    conn.killed = true;
    conn.deadListener?.(disconnectError('socket closed'));
  }

  #check(conn: FakeConn): void {
    if (conn.closed) throw new Error('Client was closed and is not queryable');
    if (conn.killed) throw disconnectError();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Let pending promise callbacks run (several microtask turns and one macrotask). */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}
