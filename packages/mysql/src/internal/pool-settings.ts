import { isDeepStrictEqual } from 'node:util';
import type { Engine } from '@pool/core';
import { ConfigError, POOL_QUERY_KEYS } from '@pool/core';
import { mysqlConnectConfig } from '../mysql-config.js';
import type { MysqlLibrary } from './load-mysql.js';

// What a library hands `mysql.createPool(settings)`, sorted by who can honour it.

/** Read by mysql2 at each statement from `connection.config`: laid over each checkout of this adapter. */
const PER_STATEMENT = new Set([
  'typeCast', 'timezone', 'supportBigNumbers', 'bigNumberStrings', 'decimalNumbers', 'dateStrings',
  'jsonStrings', 'stringifyObjects', 'namedPlaceholders', 'rowsAsArray', 'nestTables', 'queryFormat',
  'infileStreamFactory', 'debug', 'trace', 'disableEval',
]);

/** Fixed when a connection opens (handshake, socket, flags): must match the engine's connections. */
const AT_OPEN = new Set([
  'uri', 'host', 'port', 'localAddress', 'socketPath', 'user', 'password', 'password1', 'password2',
  'password3', 'passwordSha1', 'database', 'ssl', 'charset', 'charsetNumber', 'flags',
  'multipleStatements', 'compress', 'connectAttributes', 'authPlugins', 'authSwitchHandler',
  'insecureAuth', 'enableCleartextPlugin', 'maxPreparedStatements', 'stream', 'isServer',
]);

/** The pool's size, waits, idle handling and how connections open: the engine's options decide. */
const ENGINE_GOVERNED = new Set([
  'connectionLimit', 'maxIdle', 'idleTimeout', 'queueLimit', 'waitForConnections', 'resetOnRelease',
  'connectTimeout', 'enableKeepAlive', 'keepAliveInitialDelay', 'acquireTimeout', 'pool',
]);

/** Never shown in a message: secrets, or objects that may hold one. */
const UNSHOWN = new Set(['uri', 'password', 'password1', 'password2', 'password3', 'passwordSha1', 'ssl', 'authPlugins', 'authSwitchHandler', 'stream']);
const PASSWORD_FIELDS = ['password', 'password2', 'password3', 'passwordSha1'];

/** The settings of one pool adapter, resolved once. */
export interface AdapterSettings {
  /** mysql2's ConnectionConfig for this adapter (engine's options + the per-statement settings), without passwords. */
  readonly connectionConfig: Record<string, unknown>;
  /** Per-statement settings to lay over `connection.config` while this adapter holds a connection. */
  readonly overlay: readonly (readonly [key: string, value: unknown])[];
  /** `Promise` given in the settings: the default implementation of `promise()`. */
  readonly promiseImpl: PromiseConstructorLike | undefined;
  /** `gracefulEnd`: `connection.end()` closes the connection instead of releasing it. */
  readonly gracefulEnd: boolean;
}

/**
 * Sort the settings a library gives its pool: per-statement ones (`typeCast`, `timezone`,
 * `bigNumberStrings`, …) apply to this adapter's checkouts; ones fixed at open (`ssl`, `charset`,
 * `database`, …) must equal the engine's, else a ConfigError names them; sizes and timeouts are
 * the engine's. Undefined values count as not given.
 */
export function adapterSettings(engine: Engine<unknown>, mysql: MysqlLibrary, settings: Readonly<Record<string, unknown>>): AdapterSettings {
  const opened = engineConnectOptions(engine);
  const perStatement: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined || key === 'Promise' || key === 'gracefulEnd' || ENGINE_GOVERNED.has(key)) continue;
    if (PER_STATEMENT.has(key)) perStatement[key] = value;
    else if (key === 'uri') checkUri(mysql, opened, value);
    else if (AT_OPEN.has(key)) checkSameAtOpen(mysql, opened, key, value);
    else unknown.push(key);
  }
  if (unknown.length > 0) {
    engine.options.logger.warn({ pool: engine.options.name, settings: unknown }, `toMysqlPool ignores settings mysql2 does not know: ${unknown.join(', ')}`);
  }
  const connectionConfig = new mysql.ConnectionConfig(forConfig({ ...opened, ...perStatement }));
  for (const field of PASSWORD_FIELDS) connectionConfig[field] = undefined;
  return {
    connectionConfig,
    overlay: Object.keys(perStatement).map((key) => [key, connectionConfig[key]] as const),
    promiseImpl: settings.Promise as PromiseConstructorLike | undefined,
    gracefulEnd: settings.gracefulEnd === true,
  };
}

/** The mysql2 options the engine's driver opens connections with (URL parameters and connectArgs). */
function engineConnectOptions(engine: Engine<unknown>): Record<string, unknown> {
  const query = Object.fromEntries(Object.entries(engine.url.query).filter(([key]) => !POOL_QUERY_KEYS.has(key)));
  const { connectArgs, connectTimeout, tcpKeepAlive } = engine.options;
  return mysqlConnectConfig(engine.url.with({ query }), { connectArgs, connectTimeout, tcpKeepAlive, signal: new AbortController().signal }).options;
}

/** A `uri` is checked part by part, as if each had been given on its own. */
function checkUri(mysql: MysqlLibrary, opened: Record<string, unknown>, uri: unknown): void {
  if (typeof uri !== 'string') throw new ConfigError('uri', `toMysqlPool: uri must be a string, got ${typeof uri}`);
  for (const [key, value] of Object.entries(mysql.ConnectionConfig.parseUrl(uri))) {
    // parseUrl gives '' and NaN for the parts a URL leaves out.
    if (value !== undefined && value !== '' && !Number.isNaN(value) && AT_OPEN.has(key)) checkSameAtOpen(mysql, opened, key, value);
  }
}

/** A setting fixed at open must leave mysql2's normalized config (charset number, flags, ssl, …) as the engine's. */
function checkSameAtOpen(mysql: MysqlLibrary, opened: Record<string, unknown>, key: string, value: unknown): void {
  const engines = new mysql.ConnectionConfig(forConfig(opened));
  const asked = new mysql.ConnectionConfig(forConfig({ ...opened, [key]: value }));
  const differing = Object.keys(asked).find((field) => !isDeepStrictEqual(asked[field], engines[field]));
  if (differing === undefined) return;
  const show = !UNSHOWN.has(key) && !PASSWORD_FIELDS.includes(differing);
  const detail = show ? ` (${describe(value)}; the engine's: ${describe(engines[differing])})` : '';
  throw new ConfigError(key, `toMysqlPool: the pool settings ask for another ${key} than the engine's connections are opened with${detail}. It is fixed when a connection opens, so one engine cannot vary it per checkout: set it in the engine's URL or connectArgs, or leave it out of the library's settings`);
}

/** mysql2's ConnectionConfig writes into `ssl`: give it a copy. */
function forConfig(options: Record<string, unknown>): Record<string, unknown> {
  const { ssl } = options;
  return typeof ssl === 'object' && ssl !== null ? { ...options, ssl: { ...ssl } } : options;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  return typeof value;
}
