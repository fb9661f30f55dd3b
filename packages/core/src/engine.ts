import type { Driver, QueryResult } from './driver.js';
import { engineUrl } from './driver-url.js';
import { ConfigError } from './errors.js';
import { driverPackageFor, loadDriverPackage } from './internal/driver-loader.js';
import { validateDriverSettings } from './internal/driver-settings.js';
import { Opener } from './internal/opener.js';
import type { EngineOptions, ResolvedOptions } from './options.js';
import { POOL_QUERY_KEYS, resolveOptions } from './options.js';
import type { ConnectOptions } from './pool.js';
import { Pool } from './pool.js';
import type { PooledConnection } from './pooled-connection.js';
import { pinSqliteMemory } from './sqlite-memory.js';
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
  const parsed = engineUrl(url);
  const resolved = resolveOptions<Raw>(pinSqliteMemory(parsed, options ?? {}), { url: parsed, env: process.env });
  const driverQuery = Object.fromEntries(Object.entries(parsed.query).filter(([key]) => !POOL_QUERY_KEYS.has(key)));
  const driverUrl = parsed.with({ query: driverQuery });
  const loadDriver = driverLoader(resolved, driverUrl, parsed.backend);
  const opener = new Opener<Raw>({ url: driverUrl, options: resolved, loadDriver });
  return new Engine<Raw>(parsed, resolved, new Pool<Raw>({ options: resolved, opener }));
}

/**
 * How the engine gets its driver, with the driver's settings checked before any connection: a
 * given driver is checked here, in createEngine; one found by the URL scheme when it loads.
 */
function driverLoader<Raw>(resolved: ResolvedOptions<Raw>, url: DatabaseUrl, backend: string): () => Promise<Driver<Raw>> {
  const given = resolved.driver;
  if (given !== undefined) {
    validateDriverSettings(given, url, resolved.connectArgs);
    return () => Promise.resolve(given);
  }
  const pkg = driverPackageFor(backend);
  return async () => {
    const driver = (await loadDriverPackage(pkg)) as Driver<Raw>;
    validateDriverSettings(driver, url, resolved.connectArgs);
    return driver;
  };
}
