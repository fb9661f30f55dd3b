import type { DatabaseUrl } from './url.js';

/** What a query returns, whatever the database. */
export interface QueryResult<Row = Record<string, unknown>> {
  /** The rows, as plain objects keyed by column name. */
  readonly rows: Row[];
  /** Rows returned or affected (`null` when the driver cannot tell). */
  readonly rowCount: number | null;
}

/** What the pool hands a driver when it opens one connection. */
export interface DriverConnectOptions {
  /** Seconds allowed for opening the connection; 0 = no limit. The pool enforces it too. */
  readonly connectTimeout: number;
  /** Whether to set SO_KEEPALIVE on the socket. */
  readonly tcpKeepAlive: boolean;
  /** Passed through untouched from the `connectArgs` option (ssl, statement_timeout, …). */
  readonly connectArgs: Readonly<Record<string, unknown>>;
  /** Aborted when `connectTimeout` passes: give up and free whatever was opened. */
  readonly signal: AbortSignal;
}

/**
 * The contract between the pool and a database library. `Raw` is the library's client.
 * Optional methods are capabilities a driver may lack; the pool then takes the safe path.
 */
export interface Driver<Raw = unknown> {
  /** `'pg' | 'mysql' | 'sqlite'` or yours; shown in logs. */
  readonly name: string;
  /**
   * Check the driver's settings once, before any connection is opened: the URL's parameters that
   * are not pool options (`url.query`) and `connectArgs`. Throw a `ConfigError` naming the
   * setting (option `url` for a URL parameter, `connectArgs` for a key of it); anything else
   * thrown becomes one. Synchronous, no I/O but reading files the settings name. Called by
   * `createEngine` when the driver is given (the `driver` option, a driver package's own
   * `createEngine`), and when the driver is loaded by the URL scheme (at the first `connect()`).
   * A ConfigError is never retried; without this method a bad setting fails each connect instead.
   */
  validate?(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>): void;
  /** Open one connection. `url.query` holds the URL parameters that are not pool options. */
  connect(url: DatabaseUrl, options: DriverConnectOptions): Promise<Raw>;
  /** Close the connection; must not throw for a connection that is already dead. */
  close(raw: Raw): Promise<void>;
  /** Resolve when the connection is usable; reject when it is not. */
  ping(raw: Raw): Promise<void>;
  /** Run one statement with the driver's own placeholders. */
  query(raw: Raw, sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /** Start a transaction. */
  begin(raw: Raw): Promise<void>;
  /** Commit the open transaction. */
  commit(raw: Raw): Promise<void>;
  /** Roll back the open transaction. */
  rollback(raw: Raw): Promise<void>;
  /** `false` when the connection is known to be outside a transaction (the reset is skipped); `undefined` when unknown. */
  inTransaction?(raw: Raw): boolean | undefined;
  /** The server-side session id (`pg_backend_pid()`, `CONNECTION_ID()`, a serial for SQLite). */
  backendPid(raw: Raw): Promise<number>;
  /** Whether this error means the connection (and probably the server session) is gone. */
  isDisconnect(error: unknown): boolean;
  /**
   * Whether a failed open was the server answering that it takes no session now (too many
   * connections, out of resources, authentication refused), as opposed to not being reached. The
   * pool then probes it at most once a second instead of every 100 ms. Absent: never.
   */
  isSessionRefused?(error: unknown): boolean;
  /** Call `listener` when the connection dies on its own (socket closed or errored while idle). */
  onDead?(raw: Raw, listener: (error?: unknown) => void): void;
}
