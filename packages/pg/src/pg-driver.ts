import type { DatabaseUrl, Driver, DriverConnectOptions, QueryResult } from '@pool/core';
import { DeathWatch } from '@pool/core';
import { loadPg } from './internal/load-pg.js';
import type { PgClient, PgLibrary, PgResult } from './pg-client.js';
import { pgClientConfig } from './pg-config.js';
import { validatePgSettings } from './pg-settings.js';
import { isPgDisconnect } from './pg-disconnect.js';
import { isPgSessionRefused } from './pg-session-refused.js';

/** How long `close()` waits for the server to acknowledge Terminate before dropping the socket. */
const CLOSE_GRACE_MS = 2000;

/**
 * The node-postgres driver. Ping is an empty query; the transaction state comes from the
 * ReadyForQuery status node-postgres records (`getTransactionStatus()`), so a connection that
 * is idle is returned without a round trip; the backend PID is `pg_backend_pid()`.
 */
export class PgDriver implements Driver<PgClient> {
  readonly name = 'pg';
  readonly #library: PgLibrary;
  readonly #watches = new WeakMap<PgClient, DeathWatch>();

  /** `library` is for tests and bundlers; by default `pg` is loaded from beside this package. */
  constructor(library: PgLibrary = loadPg()) {
    this.#library = library;
  }

  /** The node-postgres module this driver opens clients with, and its URL parser. */
  get library(): PgLibrary {
    return this.#library;
  }

  /** URL parameters node-postgres would ignore as misspelt, and what it cannot read: ConfigErrors. */
  validate(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>): void {
    validatePgSettings(url, connectArgs, this.#library);
  }

  async connect(url: DatabaseUrl, options: DriverConnectOptions): Promise<PgClient> {
    options.signal.throwIfAborted();
    const client = new this.#library.pg.Client(pgClientConfig(url, options, this.#library.parseConnectionString));
    const watch = new DeathWatch();
    this.#watches.set(client, watch);
    // Attached before any I/O: a socket error must never become an unhandled 'error' event.
    client.on('error', (error) => watch.died(error));
    client.on('end', () => watch.died(new Error('Connection terminated')));
    const abort = (): void => client.connection.stream.destroy();
    options.signal.addEventListener('abort', abort, { once: true });
    try {
      await client.connect();
    } catch (error) {
      watch.closing();
      client.connection.stream.destroy();
      throw error;
    } finally {
      options.signal.removeEventListener('abort', abort);
    }
    return client;
  }

  async close(client: PgClient): Promise<void> {
    this.#watches.get(client)?.closing();
    const stream = client.connection.stream;
    // A server that stopped answering never acknowledges Terminate: drop the socket then.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_GRACE_MS).unref();
    });
    // A library may shadow client.end while it holds the client (pg-promise locks it, printing an
    // error if anything calls it): the pool closing a dead connection goes to the class's own end.
    const owner = Object.hasOwn(client, 'end') ? (Object.getPrototypeOf(client) as PgClient) : client;
    try {
      await Promise.race([owner.end.call(client), grace]);
    } finally {
      clearTimeout(timer);
      stream.destroy();
    }
  }

  async ping(client: PgClient): Promise<void> {
    await client.query({ text: '' });
  }

  query(client: PgClient, sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    // Not async: one promise hop fewer on every statement.
    return client.query(params === undefined ? sql : { text: sql, values: [...params] }).then(toQueryResult);
  }

  async begin(client: PgClient): Promise<void> {
    await client.query({ text: 'BEGIN' });
  }

  async commit(client: PgClient): Promise<void> {
    await client.query({ text: 'COMMIT' });
  }

  async rollback(client: PgClient): Promise<void> {
    await client.query({ text: 'ROLLBACK' });
  }

  /** From the last ReadyForQuery: `'I'` is outside a transaction; `'T'` and `'E'` (failed) are inside. */
  inTransaction(client: PgClient): boolean | undefined {
    const status = client.getTransactionStatus?.();
    return status === 'I' ? false : status === 'T' || status === 'E' ? true : undefined;
  }

  async backendPid(client: PgClient): Promise<number> {
    const { rows } = await this.query(client, 'SELECT pg_backend_pid() AS pid');
    return Number(rows[0]?.pid);
  }

  isDisconnect(error: unknown): boolean {
    return isPgDisconnect(error);
  }

  isSessionRefused(error: unknown): boolean {
    return isPgSessionRefused(error);
  }

  onDead(client: PgClient, listener: (error?: unknown) => void): void {
    this.#watches.get(client)?.listen(listener);
  }
}

/**
 * node-postgres' answer as the pool's QueryResult. A multi-statement string gives one result
 * per statement: answer with the last one that returned rows, else the last one.
 */
function toQueryResult(result: PgResult | PgResult[]): QueryResult {
  if (!Array.isArray(result)) return { rows: result.rows, rowCount: result.rowCount };
  const answer = result.findLast((one) => (one.fields?.length ?? 0) > 0) ?? result.at(-1);
  return { rows: answer?.rows ?? [], rowCount: answer?.rowCount ?? null };
}
