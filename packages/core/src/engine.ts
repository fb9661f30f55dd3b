import type { Driver, QueryResult } from './driver.js';
import { ConfigError } from './errors.js';
import { driverPackageFor, loadDriverPackage } from './internal/driver-loader.js';
import { Opener } from './internal/opener.js';
import type { EngineOptions, ResolvedOptions } from './options.js';
import { POOL_QUERY_KEYS, resolveOptions } from './options.js';
import type { ConnectOptions } from './pool.js';
import { Pool } from './pool.js';
import type { PooledConnection } from './pooled-connection.js';
import { DatabaseUrl } from './url.js';

/**
 * A database URL bound to a pool. Check connections out with `connect()` (and `await using`),
 * or let `query()` and `transaction()` do it; `dispose()` on shutdown.
 */
export class Engine<Raw = unknown> implements AsyncDisposable {
  /** The URL as given; `String(engine.url)` shows the password as `***`. */
  readonly url: DatabaseUrl;
  /** The pool: status(), stats() and events. The same object for the engine's whole life. */
  readonly pool: Pool<Raw>;
  /** Every option after resolution (code > URL > environment > default). */
  readonly options: ResolvedOptions<Raw>;

  /** @internal Use `createEngine()`. */
  constructor(url: DatabaseUrl, options: ResolvedOptions<Raw>, pool: Pool<Raw>) {
    this.url = url;
    this.options = options;
    this.pool = pool;
  }

  /** Check a connection out; give it back with `release()` or `await using`. */
  connect(options?: ConnectOptions): Promise<PooledConnection<Raw>> {
    return this.pool.connect(options);
  }

  /** Check out, run one statement, give back. */
  async query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
    const conn = await this.pool.connect();
    try {
      return await conn.query<Row>(sql, params);
    } finally {
      await conn.release();
    }
  }

  /** BEGIN, run `fn`, COMMIT when it resolves, ROLLBACK when it throws (and rethrow). */
  async transaction<T>(fn: (conn: PooledConnection<Raw>) => Promise<T>, options?: ConnectOptions): Promise<T> {
    const conn = await this.pool.connect(options);
    try {
      await conn.begin();
      let result: T;
      try {
        result = await fn(conn);
      } catch (error) {
        // The caller's error matters more than a failed rollback; reset on return runs anyway.
        if (!conn.released) await conn.rollback().catch(() => undefined);
        throw error;
      }
      await conn.commit();
      return result;
    } finally {
      await conn.release();
    }
  }

  /** Close idle connections and reject waiters; the engine stays usable afterwards. */
  dispose(): Promise<void> {
    return this.pool.dispose();
  }

  /** `await using engine = createEngine(…)` disposes at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  toString(): string {
    return `Engine(${this.url.render()})`;
  }
}

/**
 * Make an engine for a URL (`DATABASE_URL` when none is given). The driver comes from the
 * URL scheme (`postgresql` → @pool/pg, `mysql`/`mariadb` → @pool/mysql, `sqlite` → @pool/sqlite),
 * loaded at the first connect, or from the `driver` option.
 */
export function createEngine<Raw = unknown>(url?: string | DatabaseUrl | EngineOptions<Raw>, options?: EngineOptions<Raw>): Engine<Raw> {
  if (typeof url === 'object' && url !== null && !(url instanceof DatabaseUrl)) {
    if (options !== undefined) throw new ConfigError('url', 'createEngine(url, options): the URL must be a string or a DatabaseUrl');
    return createEngine<Raw>(undefined, url);
  }
  const parsed = toUrl(url);
  const resolved = resolveOptions<Raw>(options ?? {}, { url: parsed, env: process.env });
  const driver = resolved.driver;
  let loadDriver: () => Promise<Driver<Raw>>;
  if (driver !== undefined) {
    loadDriver = () => Promise.resolve(driver);
  } else {
    const pkg = driverPackageFor(parsed.backend);
    loadDriver = () => loadDriverPackage(pkg) as Promise<Driver<Raw>>;
  }
  const driverQuery = Object.fromEntries(Object.entries(parsed.query).filter(([key]) => !POOL_QUERY_KEYS.has(key)));
  const opener = new Opener<Raw>({ url: parsed.with({ query: driverQuery }), options: resolved, loadDriver });
  return new Engine<Raw>(parsed, resolved, new Pool<Raw>({ options: resolved, opener }));
}

function toUrl(url: string | DatabaseUrl | undefined): DatabaseUrl {
  if (url instanceof DatabaseUrl) return url;
  if (url === undefined) {
    const fromEnv = process.env.DATABASE_URL;
    if (fromEnv === undefined || fromEnv === '') {
      throw new ConfigError('url', 'No database URL: pass one to createEngine() or set DATABASE_URL');
    }
    return DatabaseUrl.parse(fromEnv);
  }
  if (typeof url !== 'string') throw new ConfigError('url', `The database URL must be a string, got ${typeof url}`);
  return DatabaseUrl.parse(url);
}
