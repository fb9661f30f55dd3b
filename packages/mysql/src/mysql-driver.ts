import type { DatabaseUrl, Driver, DriverConnectOptions, QueryResult } from '@pool/core';
import { DeathWatch } from '@pool/core';
import { endCheckout } from './internal/checkout.js';
import { CommandErrors } from './internal/command-errors.js';
import { loadMysql } from './internal/load-mysql.js';
import { TransactionTracker } from './internal/transaction-tracker.js';
import { mysqlConnectConfig, sessionStatement } from './mysql-config.js';
import type { MysqlConnection, MysqlModule } from './mysql-connection.js';
import { isMysqlDisconnect } from './mysql-disconnect.js';
import { isMysqlSessionRefused } from './mysql-session-refused.js';
import { validateMysqlSettings } from './mysql-settings.js';

/** How long `close()` waits for the server to close after COM_QUIT before dropping the socket. */
const CLOSE_GRACE_MS = 2000;

interface Watched {
  readonly death: DeathWatch;
  readonly transaction: TransactionTracker;
}

/**
 * The mysql2 driver, for MySQL and MariaDB. Ping is COM_PING; the transaction state comes from
 * the server status flags of each statement's OK packet (see TransactionTracker), so a connection
 * known to be outside a transaction is returned without a round trip; the backend PID is
 * `CONNECTION_ID()`. Parameters use `?` and are escaped client-side (mysql2's `query`).
 */
export class MysqlDriver implements Driver<MysqlConnection> {
  readonly name = 'mysql';
  readonly #mysql: MysqlModule;
  readonly #watched = new WeakMap<MysqlConnection, Watched>();

  /** `mysql` is for tests and bundlers; by default `mysql2` is loaded from beside this package. */
  constructor(mysql: MysqlModule = loadMysql()) {
    this.#mysql = mysql;
  }

  /** Options mysql2 does not know or rejects (charset, SSL profile, timezone), and unreadable SSL files: ConfigErrors. */
  validate(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>): void {
    validateMysqlSettings(url, connectArgs, this.#mysql);
  }

  async connect(url: DatabaseUrl, options: DriverConnectOptions): Promise<MysqlConnection> {
    options.signal.throwIfAborted();
    const config = mysqlConnectConfig(url, options);
    const connection = this.#mysql.createConnection(config.options);
    const death = new DeathWatch();
    this.#watched.set(connection, { death, transaction: TransactionTracker.attach(connection) });
    // Errors of statements a library sends past the pool (toMysqlPool): silent until a checkout listens.
    CommandErrors.attach(connection);
    // Attached before any I/O: a socket error must never become an unhandled 'error' event.
    connection.on('error', (error) => death.died(error));
    connection.on('end', () => death.died(new Error('Connection lost: the server closed the connection')));
    try {
      await handshake(connection, options.signal);
      const set = sessionStatement(config.sessionVariables);
      if (set !== undefined) await this.query(connection, set.sql, set.values);
    } catch (error) {
      death.closing();
      connection.stream.destroy();
      throw error;
    }
    return connection;
  }

  async close(connection: MysqlConnection): Promise<void> {
    // A toMysqlPool checkout's release/end/config overlay must not be what the close runs on.
    endCheckout(connection);
    this.#watched.get(connection)?.death.closing();
    const stream = connection.stream;
    if (!stream.destroyed) {
      // COM_QUIT, then wait for the server to close; one that stopped answering gets dropped.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_GRACE_MS).unref();
        stream.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        connection.end(() => undefined);
      });
    }
    stream.destroy();
  }

  ping(connection: MysqlConnection): Promise<void> {
    return new Promise((resolve, reject) => {
      connection.ping((error) => (error ? reject(error) : resolve()));
    });
  }

  query(connection: MysqlConnection, sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return new Promise((resolve, reject) => {
      connection.query(sql, params === undefined ? undefined : [...params], (error, result, fields) => {
        if (error) reject(error);
        else resolve(toQueryResult(result, fields));
      });
    });
  }

  async begin(connection: MysqlConnection): Promise<void> {
    await this.query(connection, 'START TRANSACTION');
  }

  async commit(connection: MysqlConnection): Promise<void> {
    await this.query(connection, 'COMMIT');
  }

  async rollback(connection: MysqlConnection): Promise<void> {
    await this.query(connection, 'ROLLBACK');
  }

  inTransaction(connection: MysqlConnection): boolean | undefined {
    return this.#watched.get(connection)?.transaction.inTransaction;
  }

  async backendPid(connection: MysqlConnection): Promise<number> {
    const { rows } = await this.query(connection, 'SELECT CONNECTION_ID() AS pid');
    return Number(rows[0]?.pid);
  }

  isDisconnect(error: unknown): boolean {
    return isMysqlDisconnect(error);
  }

  isSessionRefused(error: unknown): boolean {
    return isMysqlSessionRefused(error);
  }

  onDead(connection: MysqlConnection, listener: (error?: unknown) => void): void {
    this.#watched.get(connection)?.death.listen(listener);
  }
}

/** Wait for the handshake; an abort (connectTimeout) drops the socket at once. */
function handshake(connection: MysqlConnection, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const abort = (): void => {
      connection.stream.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    connection.connect((error) => {
      signal.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve();
    });
  });
}

/**
 * Rows for a statement that returns rows, the affected count for one that does not. With
 * several result sets (multi-statement strings, CALL) the answer is the last row set, else the
 * last result.
 */
function toQueryResult(result: unknown, fields: unknown): QueryResult {
  if (isMultiResult(fields) && Array.isArray(result)) {
    const sets = result as unknown[];
    const at = fields.findLastIndex((one) => one !== undefined);
    return at >= 0 ? toQueryResult(sets[at], fields[at]) : toQueryResult(sets.at(-1), undefined);
  }
  if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], rowCount: result.length };
  const affected = (result as { affectedRows?: unknown } | undefined)?.affectedRows;
  return { rows: [], rowCount: typeof affected === 'number' ? affected : null };
}

/** mysql2 gives one fields entry per result set (undefined for an OK) when there are several. */
function isMultiResult(fields: unknown): fields is unknown[] {
  return Array.isArray(fields) && fields.length > 0 && (fields[0] === undefined || Array.isArray(fields[0]));
}
