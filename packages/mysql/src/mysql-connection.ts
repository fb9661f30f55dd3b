import type { MysqlConnectionOr } from '../types/mysql2-types.js';

/**
 * The parts of mysql2 this driver uses, typed structurally so that `mysql2` stays a peer
 * dependency. What an application sees as `conn.raw` is `MysqlRaw`.
 */

/**
 * `conn.raw`: mysql2's own callback `Connection` type (`conn.raw.promise()` gives the promise
 * API), or the structural `MysqlConnection` where mysql2's types cannot be resolved.
 */
export type MysqlRaw = MysqlConnectionOr<MysqlConnection>;

/** A callback-style mysql2 `Connection`. */
export interface MysqlConnection {
  /** The connection id the server sent in its handshake. */
  readonly threadId: number | null;
  query(sql: string, values: unknown[] | undefined, callback: (error: Error | null, result?: unknown, fields?: unknown) => void): unknown;
  ping(callback: (error: Error | null) => void): unknown;
  end(callback: (error?: Error | null) => void): unknown;
  destroy(): void;
  connect(callback: (error: Error | null) => void): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  readonly stream: MysqlSocket;
}

/** The connection's socket (a `net.Socket` or `tls.TLSSocket`). */
export interface MysqlSocket {
  destroy(error?: Error): void;
  readonly destroyed: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/** The `mysql2` module. */
export interface MysqlModule {
  createConnection(config: Record<string, unknown>): MysqlConnection;
  /** mysql2's option checker: throws for a bad charset or SSL profile, warns about unknown options (absent in test doubles). */
  readonly ConnectionConfig?: new (options: Record<string, unknown>) => object;
}

/** mysql2's answer to a statement that returns no rows (an OK packet). */
export interface MysqlOkPacket {
  readonly affectedRows: number;
  readonly insertId: number | string;
  readonly serverStatus?: number;
}
