import type { Engine, EngineOptions, PooledConnection } from '@pool/core';
import type { PrivateServer } from '../servers/private-server.js';

/** Pool options a conformance test passes: every option but `driver` (the target's own). */
export type TargetEngineOptions<Raw> = Omit<EngineOptions<Raw>, 'driver'>;

/** The SQL a target speaks, as far as the suite needs it. */
export interface TargetSql {
  /** The n-th placeholder (from 1): `$1` or `?`. */
  param(n: number): string;
  /** A statement that keeps the session busy for `seconds`. */
  sleep(seconds: number): string;
  /** Raw SQL that opens a transaction (`BEGIN`, `START TRANSACTION`). */
  readonly begin: string;
  /**
   * Statements that fail with an ordinary error whose text reads like a lost connection
   * (`SELECT 'Connection terminated'::int`): the fault scenarios' row 1. Servers only.
   */
  readonly disconnectLookalikes?: readonly string[];
}

/** Options of a private server a fault scenario starts. */
export interface PrivateServerOptions {
  /** Most client sessions it accepts, superusers included (the server-full scenario). */
  readonly maxConnections?: number;
}

/** How a driver times a statement out by itself, client-side, the way its users set that up. */
export interface ClientTimeout<Raw> {
  /** Engine options that arm it (pg: `connectArgs: { query_timeout }`); `{}` when it is given per statement. */
  options(ms: number): TargetEngineOptions<Raw>;
  /** Run `sql` on `conn` with a `ms` client-side timeout; rejects with the driver's own timeout error. */
  query(conn: PooledConnection<Raw>, sql: string, ms: number): Promise<unknown>;
}

/**
 * An isolated corner of the shared server for one test: a URL whose sessions only this test
 * opens, tables dropped with it, and an admin session outside the pool to look from the
 * server's side. Disposing it ends whatever sessions of its own are left.
 */
export interface TargetScope extends AsyncDisposable {
  /** Connect here: the server can tell these sessions from everyone else's. */
  readonly url: string;
  /** Make a table `(id int primary key, v varchar(100))` holding the row `(1, 'one')`; dropped with the scope. */
  createTable(): Promise<string>;
  /** Run a statement on the admin session (not through the pool). */
  admin(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Capability: the server-side ids of this scope's live sessions, as the server lists them. */
  sessions?(): Promise<number[]>;
  /** Capability: terminate one of this scope's sessions server-side (refuses anyone else's); resolves once the server no longer lists it. */
  kill?(pid: number): Promise<void>;
}

/** A URL for the connect-failure tests, with the password the test must not see leak. */
export interface WrongPassword extends AsyncDisposable {
  readonly url: string;
  readonly password: string;
  /** Whether an error is the driver's "authentication failed". */
  isAuthError(error: unknown): boolean;
}

/**
 * What the conformance suite needs to know about a driver. Optional members are capabilities
 * the suite tests only where the target has them ("wherever the behaviour applies"); a field
 * is a property of the database.
 */
export interface ConformanceTarget<Raw = unknown> {
  /** Shown in test names: `pg`, `mysql`, `sqlite`. */
  readonly name: string;
  /** An engine bound to this driver. */
  createEngine(url: string, options?: TargetEngineOptions<Raw>): Engine<Raw>;
  readonly sql: TargetSql;
  /** Whether `SELECT … FOR UPDATE NOWAIT` takes row locks another session can observe. */
  readonly rowLocks: boolean;
  /** Whether the server lists and kills sessions: its scopes then have `sessions()` and `kill()`. */
  readonly serverSessions: boolean;
  /** A fresh scope on the shared server, or on the server at `url` (a private one). */
  scope(url?: string): Promise<TargetScope>;
  /** Capability: the driver's own answer to "is this connection in a transaction?". */
  inTransaction?(raw: Raw): boolean | undefined;
  /** Capability: a private server the test may restart, fill or put behind a fault proxy (never the shared one). */
  startPrivateServer?(options?: PrivateServerOptions): Promise<PrivateServer>;
  /** Capability: the local port of the connection's socket, to find it among a fault proxy's connections. */
  clientPort?(raw: Raw): number | undefined;
  /** Capability: the driver's own client-side statement timeout (node-postgres's `query_timeout`, mysql2's per-query `timeout`). */
  readonly clientTimeout?: ClientTimeout<Raw>;
  /** Capability: a server that checks passwords, and a URL with a wrong one. */
  wrongPassword?(): Promise<WrongPassword>;
  /** Capability: this driver's URL for a TCP host and port (unreachable and silent servers). */
  urlFor?(host: string, port: number): string;
}
