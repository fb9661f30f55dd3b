import { isDeepStrictEqual } from 'node:util';
import type { EngineOptions } from '@pool/core';
import { ConfigError, DatabaseUrl } from '@pool/core';
import type { PgClient } from './pg-client.js';

/** A `pg.Pool` config as libraries pass it to `new Pool(config)` (a connection string is `{ connectionString }`). */
export type PgPoolConfig = Readonly<Record<string, unknown>>;

/** What a `pg.Pool` config means for an engine: where to connect, the Client settings, the limits. */
export interface PgPoolConfigParts {
  /** From `connectionString`, else from `host`, `port`, `user`, `password`, `database` (absent parts: node-postgres's defaults). */
  readonly url: DatabaseUrl;
  /** Every other Client setting given (`ssl`, `types`, `application_name`, `statement_timeout`, …): the engine's `connectArgs`. */
  readonly connectArgs: Record<string, unknown>;
  /** pg-pool's limits in the engine's terms: `max` → `poolSize` (no overflow), `min`, `idleTimeoutMillis`, … */
  readonly poolOptions: EngineOptions<PgClient>;
}

const URL_KEYS = new Set(['connectionString', 'host', 'port', 'user', 'password', 'database']);
/** pg-pool's own options: the engine's limits stand for them. */
const POOL_KEYS = new Set(['max', 'min', 'poolSize', 'idleTimeoutMillis', 'maxUses', 'maxLifetimeSeconds', 'allowExitOnIdle', 'log', 'Promise']);
/** pg-pool options a facade cannot honour: refused, not silently dropped. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  Client: 'clients are opened by the engine\'s driver: give createEngine (or toPgModule) the module with that Client as `pg`',
  verify: 'run the check in a listener of the pool\'s "connect" event instead',
  onConnect: 'run it in a listener of the pool\'s "connect" event instead',
};

/**
 * Split a `pg.Pool` config into an engine's URL, `connectArgs` and pool options. Settings a
 * library gives its pool (TypeORM's `ssl`, MikroORM's `types`, `application_name`, `extra`, …)
 * become `connectArgs`, so they reach every connection the engine opens.
 */
export function pgPoolConfigParts(config: PgPoolConfig, pgClient?: unknown): PgPoolConfigParts {
  const connectArgs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || URL_KEYS.has(key) || POOL_KEYS.has(key)) continue;
    if (key === 'connectionTimeoutMillis') continue;
    if (key in UNSUPPORTED && !(key === 'Client' && value === pgClient)) {
      throw new ConfigError(key, `pg.Pool option ${key} is not supported over @pool: ${UNSUPPORTED[key]}`);
    }
    if (key !== 'Client') connectArgs[key] = value;
  }
  return { url: urlOf(config), connectArgs, poolOptions: poolOptionsOf(config) };
}

/**
 * The settings of a config that an existing engine would not apply: Client settings that differ
 * from the ones its connections are opened with (`engineView`: the facade's `options`).
 */
export function settingsAtOdds(config: PgPoolConfig, engineView: Readonly<Record<string, unknown>>, parse: (url: string) => Record<string, unknown>): string[] {
  const given: Record<string, unknown> = {};
  if (typeof config.connectionString === 'string') Object.assign(given, withoutEmpty(parse(config.connectionString)));
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && key !== 'connectionString' && !POOL_KEYS.has(key) && key !== 'connectionTimeoutMillis') given[key] = value;
  }
  return Object.keys(given).filter((key) => !sameSetting(given[key], engineView[key]));
}

function sameSetting(given: unknown, engine: unknown): boolean {
  // Ports and other numbers arrive as strings from a connection string.
  if (typeof given !== 'object' || typeof engine !== 'object') return String(given) === String(engine);
  return given === engine || isDeepStrictEqual(given, engine);
}

function withoutEmpty(parsed: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

function urlOf(config: PgPoolConfig): DatabaseUrl {
  if (typeof config.connectionString === 'string' && config.connectionString !== '') {
    return DatabaseUrl.parse(config.connectionString);
  }
  const host = optionalText(config.host, 'host');
  const port = config.port === undefined || config.port === null || config.port === '' ? undefined : Number(config.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new ConfigError('port', `pg.Pool option port must be a port number, got ${JSON.stringify(config.port)}`);
  }
  // A unix socket directory goes in the query, as node-postgres reads it from a URL.
  const socket = host?.startsWith('/') === true;
  return new DatabaseUrl({
    drivername: 'postgresql',
    username: optionalText(config.user, 'user'),
    password: optionalText(config.password, 'password'),
    host: socket ? undefined : host,
    port,
    database: optionalText(config.database, 'database'),
    query: socket && host !== undefined ? { host } : {},
  });
}

function optionalText(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    // A password may be given as a function (node-postgres resolves it per connection).
    const what = key === 'password' ? 'a string (a password function cannot be turned into a URL)' : 'a string';
    throw new ConfigError(key, `pg.Pool option ${key} must be ${what}, got ${typeof value}`);
  }
  return value;
}

function poolOptionsOf(config: PgPoolConfig): EngineOptions<PgClient> {
  const options: { -readonly [K in keyof EngineOptions<PgClient>]: EngineOptions<PgClient>[K] } = {};
  const max = positive(config, 'max') ?? positive(config, 'poolSize');
  if (max !== undefined && Number.isFinite(max)) {
    // pg-pool's max is a hard cap on open clients: poolSize with no overflow.
    options.poolSize = max;
    options.maxOverflow = 0;
  }
  const min = positive(config, 'min');
  if (min !== undefined) options.minSize = Math.min(min, max ?? min);
  const idle = positive(config, 'idleTimeoutMillis');
  if (idle !== undefined) options.idleTimeout = idle / 1000;
  const connectMs = positive(config, 'connectionTimeoutMillis');
  if (connectMs !== undefined) {
    // pg-pool waits this long for a client, whether it opens one or waits for one.
    options.connectTimeout = connectMs / 1000;
    options.poolTimeout = connectMs / 1000;
  }
  const maxUses = positive(config, 'maxUses');
  if (maxUses !== undefined && Number.isFinite(maxUses)) options.maxUses = maxUses;
  const lifetime = positive(config, 'maxLifetimeSeconds');
  if (lifetime !== undefined) options.poolRecycle = lifetime;
  return options;
}

/** A positive number (Infinity allowed), or undefined when absent or pg-pool's "off" (0). */
function positive(config: PgPoolConfig, key: string): number | undefined {
  const value = config[key];
  if (value === undefined || value === null || value === 0) return undefined;
  const n = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
  if (!(n > 0)) throw new ConfigError(key, `pg.Pool option ${key} must be a positive number, got ${JSON.stringify(value) ?? typeof value}`);
  return n;
}
