import type { QueryResult } from './driver.js';
import { ConnectionReleasedError } from './errors.js';
import type { ConnectionInfo } from './events.js';
import type { ConnRecord } from './internal/conn-record.js';
import type { ConnectionOwner } from './internal/connection-owner.js';

/**
 * One checkout of a pooled connection. Give it back with `release()` or `await using`;
 * after that every method throws `ConnectionReleasedError` (a second release is a no-op).
 */
export class PooledConnection<Raw = unknown> implements AsyncDisposable {
  readonly #owner: ConnectionOwner<Raw>;
  #rec: ConnRecord<Raw> | undefined;
  readonly #info: ConnectionInfo;

  /** @internal Made by the pool at checkout. */
  constructor(owner: ConnectionOwner<Raw>, rec: ConnRecord<Raw>) {
    this.#owner = owner;
    this.#rec = rec;
    this.#info = rec.info;
  }

  /** The driver's own client (pg.Client, mysql2 Connection, better-sqlite3 Database). */
  get raw(): Raw {
    return this.#live().raw;
  }

  /** id, createdAt, lastUsedAt and uses of the underlying connection; readable after release. */
  get info(): ConnectionInfo {
    return this.#info;
  }

  /** Whether this checkout is over (released, invalidated, or lost to a disconnect). */
  get released(): boolean {
    return this.#rec === undefined || this.#rec.state === 'closed';
  }

  /** Run one statement with the driver's placeholders (`$1` for pg, `?` for mysql and sqlite). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    const rec = this.#rec;
    if (rec === undefined || rec.state === 'closed') return this.#rejectReleased();
    return this.#owner.run(rec, this.#owner.driver.query(rec.raw, sql, params)) as Promise<QueryResult<Row>>;
  }

  /** Start a transaction. */
  begin(): Promise<void> {
    const rec = this.#rec;
    if (rec === undefined || rec.state === 'closed') return this.#rejectReleased();
    return this.#owner.run(rec, this.#owner.driver.begin(rec.raw));
  }

  /** Commit the open transaction. */
  commit(): Promise<void> {
    const rec = this.#rec;
    if (rec === undefined || rec.state === 'closed') return this.#rejectReleased();
    return this.#owner.run(rec, this.#owner.driver.commit(rec.raw));
  }

  /** Roll back the open transaction. */
  rollback(): Promise<void> {
    const rec = this.#rec;
    if (rec === undefined || rec.state === 'closed') return this.#rejectReleased();
    return this.#owner.run(rec, this.#owner.driver.rollback(rec.raw));
  }

  /** The server's id for this session (`pg_backend_pid()`, `CONNECTION_ID()`); asked once, then cached. */
  async backendPid(): Promise<number> {
    const rec = this.#live();
    rec.pid ??= await this.#owner.run(rec, this.#owner.driver.backendPid(rec.raw));
    return rec.pid;
  }

  /**
   * Tell the pool about an error seen on `raw` outside `query()` (a library using the client
   * directly). A disconnect error (the driver's rules and `isDisconnect`) discards this connection
   * and makes the older ones suspect, exactly as one seen through `query()`. Returns whether it was one.
   */
  reportError(error: unknown): boolean {
    const rec = this.#rec;
    if (rec === undefined || rec.state === 'closed') return false;
    return this.#owner.noteError(rec, error);
  }

  /** Close the connection instead of returning it, and free its slot. Resolves once it is closed. */
  invalidate(reason?: string): Promise<void> {
    const rec = this.#rec;
    this.#rec = undefined;
    if (rec === undefined || rec.state === 'closed') return Promise.resolve();
    return this.#owner.invalidate(rec, reason ?? 'invalidated by the application');
  }

  /** Give the connection back: resolves once it is reset and back in the pool (or closed). Never throws. */
  release(): Promise<void> {
    const rec = this.#rec;
    this.#rec = undefined;
    if (rec === undefined || rec.state === 'closed') return Promise.resolve();
    return this.#owner.release(rec);
  }

  /** `await using conn = await engine.connect()` releases at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }

  #live(): ConnRecord<Raw> {
    const rec = this.#rec;
    if (rec === undefined || rec.state === 'closed') throw this.#releasedError();
    return rec;
  }

  #rejectReleased(): Promise<never> {
    return Promise.reject(this.#releasedError());
  }

  #releasedError(): ConnectionReleasedError {
    const reason = this.#rec?.closeReason;
    return reason === undefined ? new ConnectionReleasedError() : new ConnectionReleasedError(`this connection can no longer be used: ${reason}`);
  }
}
