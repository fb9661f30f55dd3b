/**
 * The parts of mysql2 this driver uses, typed structurally so that `mysql2` stays a peer
 * dependency. `conn.raw` is a real mysql2 `Connection` (the callback API; `conn.raw.promise()`
 * gives the promise API): cast it to mysql2's own `Connection` type for the rest of it.
 */

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
}

/** mysql2's answer to a statement that returns no rows (an OK packet). */
export interface MysqlOkPacket {
  readonly affectedRows: number;
  readonly insertId: number | string;
  readonly serverStatus?: number;
}
