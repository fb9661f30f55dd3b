import type { Driver } from './driver.js';
import { ConfigError } from './errors.js';
import { boolean, describeValue, func, integer, object, resetMode, seconds, secondsOrNever, text } from './internal/option-kinds.js';
import type { Parsed } from './internal/option-kinds.js';
import type { DatabaseUrl } from './url.js';

/** What runs on a connection when it comes back to the pool. */
export type ResetOnReturn = 'rollback' | 'commit' | false;

/**
 * One log call in pino's order: fields first (`pool`, the connection `id`, an error as `err`),
 * then the message, so a structured logger keeps the error object and its stack.
 */
export type LogFn = (fields: Record<string, unknown>, message: string) => void;

/** Where log lines go; pino and `console` both fit. */
export interface PoolLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/**
 * Options of `createEngine`. Durations are in seconds, fractions allowed. Typed for code:
 * numbers are numbers and `resetOnReturn` is one of its values. Text (`'30'`, `'true'`,
 * `'rollback'`) belongs in the URL query and the `POOL_*` environment, which are parsed;
 * JavaScript that passes text in code gets it parsed the same way, and a bad value is a ConfigError.
 */
export interface EngineOptions<Raw = unknown> {
  /** Connections kept in the pool once opened; 0 = no limit. Default 5. */
  poolSize?: number;
  /** Extra connections beyond poolSize while busy; -1 = unlimited. Default 10. */
  maxOverflow?: number;
  /** Seconds `connect()` waits when every connection is out. Default 30. */
  poolTimeout?: number;
  /** Replace connections older than this at checkout; -1 = never. Default -1. */
  poolRecycle?: number;
  /** Test liveness at checkout and replace dead connections. Default false. */
  prePing?: boolean;
  /** With prePing, skip the ping for a connection returned healthy less than this ago. Default 0.5. */
  prePingBypass?: number;
  /** What runs on return: 'rollback', 'commit' or false. Default 'rollback'. */
  resetOnReturn?: ResetOnReturn | null;
  /** Reuse the most recently returned connection first. Default false (FIFO). */
  poolUseLifo?: boolean;
  /** Keep at least this many connections open, refilled in the background. Default 0. */
  minSize?: number;
  /** Close connections above minSize idle this long; -1 = never. Default -1. */
  idleTimeout?: number;
  /** Close a connection after this many checkouts; 0 = unlimited. Default 0. */
  maxUses?: number;
  /** Ping each idle connection every N seconds, discarding failures; -1 = off. Default -1. */
  keepalive?: number;
  /** SO_KEEPALIVE on driver sockets. Default true. */
  tcpKeepAlive?: boolean;
  /** Seconds allowed to open one connection; 0 = no limit. Default 10. */
  connectTimeout?: number;
  /** Most callers allowed to wait; beyond it `connect()` fails with PoolOverloadError. 0 = unlimited. Default 0. */
  maxWaiting?: number;
  /** Most connections being opened at once; 0 = no limit. Default 2. */
  maxConnecting?: number;
  /** Most seconds one statement may run through the pool, then QueryTimeoutError and the connection is closed; -1 = none. Default -1. */
  queryTimeout?: number;
  /** The pool's name in stats, events, logs and metrics. Default `host:port/database`. */
  name?: string;
  /** Warn with the checkout stack when a connection is held longer than this; -1 = off. Default -1. */
  leakDetection?: number;
  /** Extra errors that mean "this connection is dead". Default: the driver's rules only. */
  isDisconnect?: (error: unknown) => boolean;
  /** Where log lines go. Default: warnings and errors to the console. */
  logger?: Partial<PoolLogger>;
  /** Log every pool event at debug level. Default false. */
  echoPool?: boolean;
  /** A driver object, bypassing the scheme lookup. Default: by URL scheme. */
  driver?: Driver<Raw>;
  /** Passed through to the driver's connect. Default {}. */
  connectArgs?: Record<string, unknown>;
}

/** Options after resolution: every value present, validated and frozen. */
export interface ResolvedOptions<Raw = unknown> {
  readonly poolSize: number;
  readonly maxOverflow: number;
  readonly poolTimeout: number;
  readonly poolRecycle: number;
  readonly prePing: boolean;
  readonly prePingBypass: number;
  readonly resetOnReturn: ResetOnReturn;
  readonly poolUseLifo: boolean;
  readonly minSize: number;
  readonly idleTimeout: number;
  readonly maxUses: number;
  readonly keepalive: number;
  readonly tcpKeepAlive: boolean;
  readonly connectTimeout: number;
  readonly maxWaiting: number;
  readonly maxConnecting: number;
  readonly queryTimeout: number;
  readonly name: string;
  readonly leakDetection: number;
  readonly isDisconnect: ((error: unknown) => boolean) | undefined;
  readonly logger: PoolLogger;
  readonly echoPool: boolean;
  readonly driver: Driver<Raw> | undefined;
  readonly connectArgs: Readonly<Record<string, unknown>>;
}

interface OptionSpec {
  readonly parse: (raw: unknown) => Parsed<unknown>;
  readonly default: unknown;
  /** snake_case name in the URL query and (upper-cased) the environment; absent for code-only options. */
  readonly snake?: string;
}

const SPECS: Readonly<Record<keyof EngineOptions, OptionSpec>> = {
  poolSize: { parse: integer(0), default: 5, snake: 'pool_size' },
  maxOverflow: { parse: integer(-1), default: 10, snake: 'max_overflow' },
  poolTimeout: { parse: seconds, default: 30, snake: 'pool_timeout' },
  poolRecycle: { parse: secondsOrNever(false), default: -1, snake: 'pool_recycle' },
  prePing: { parse: boolean, default: false, snake: 'pre_ping' },
  prePingBypass: { parse: seconds, default: 0.5, snake: 'pre_ping_bypass' },
  resetOnReturn: { parse: resetMode, default: 'rollback', snake: 'reset_on_return' },
  poolUseLifo: { parse: boolean, default: false, snake: 'pool_use_lifo' },
  minSize: { parse: integer(0), default: 0, snake: 'min_size' },
  idleTimeout: { parse: secondsOrNever(false), default: -1, snake: 'idle_timeout' },
  maxUses: { parse: integer(0), default: 0, snake: 'max_uses' },
  keepalive: { parse: secondsOrNever(true), default: -1, snake: 'keepalive' },
  tcpKeepAlive: { parse: boolean, default: true, snake: 'tcp_keepalive' },
  connectTimeout: { parse: seconds, default: 10, snake: 'connect_timeout' },
  maxWaiting: { parse: integer(0), default: 0, snake: 'max_waiting' },
  maxConnecting: { parse: integer(0), default: 2, snake: 'max_connecting' },
  queryTimeout: { parse: secondsOrNever(true), default: -1, snake: 'query_timeout' },
  name: { parse: text, default: undefined, snake: 'pool_name' },
  leakDetection: { parse: secondsOrNever(true), default: -1, snake: 'leak_detection' },
  isDisconnect: { parse: func, default: undefined },
  logger: { parse: object, default: undefined },
  echoPool: { parse: boolean, default: false, snake: 'echo_pool' },
  driver: { parse: object, default: undefined },
  connectArgs: { parse: object, default: {} },
};

/** `pool_size` → `POOL_SIZE`, `pre_ping` → `POOL_PRE_PING`: every variable starts with POOL_ once. */
export function envName(snake: string): string {
  const upper = snake.toUpperCase();
  return upper.startsWith('POOL_') ? upper : `POOL_${upper}`;
}

/** The snake_case URL query names that are pool options; every other query parameter goes to the driver. */
export const POOL_QUERY_KEYS: ReadonlySet<string> = new Set(
  Object.values(SPECS).flatMap((spec) => (spec.snake === undefined ? [] : [spec.snake])),
);

const DRIVER_METHODS = ['connect', 'close', 'ping', 'query', 'begin', 'commit', 'rollback', 'backendPid', 'isDisconnect'] as const;

/** Where resolution reads from, besides code. */
export interface OptionSources {
  readonly url: DatabaseUrl;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Resolve every option: code > URL query (snake_case) > `POOL_*` environment > default.
 * Unknown keys and bad values are `ConfigError`s naming the option and where the value came from.
 */
export function resolveOptions<Raw>(code: EngineOptions<Raw>, sources: OptionSources): ResolvedOptions<Raw> {
  if (typeof code !== 'object' || code === null) throw new ConfigError('options', `options must be an object, got ${describeValue(code)}`);
  const given = code as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(SPECS, key)) throw new ConfigError(key, `Unknown pool option "${key}"${suggest(key)}`);
  }
  const resolved: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const [name, spec] of Object.entries(SPECS) as [keyof EngineOptions, OptionSpec][]) {
    const found = lookup(name, spec, given, sources);
    origin[name] = found.source;
    if (found.raw === undefined) {
      resolved[name] = spec.default;
      continue;
    }
    const parsed = spec.parse(found.raw);
    if (!parsed.ok) {
      throw new ConfigError(name, `Invalid pool option ${name}: expected ${parsed.expected}, got ${describeValue(found.raw)} (from ${found.source})`);
    }
    resolved[name] = parsed.value;
  }
  checkCombinations(resolved, origin);
  resolved.name ??= defaultName(sources.url);
  resolved.logger = makeLogger(resolved.logger as Partial<PoolLogger> | undefined, resolved.echoPool as boolean);
  resolved.connectArgs = Object.freeze({ ...(resolved.connectArgs as Record<string, unknown>) });
  return Object.freeze(resolved) as unknown as ResolvedOptions<Raw>;
}

function lookup(name: string, spec: OptionSpec, code: Record<string, unknown>, sources: OptionSources): { raw: unknown; source: string } {
  if (code[name] !== undefined) return { raw: code[name], source: 'code' };
  if (spec.snake === undefined) return { raw: undefined, source: 'default' };
  const fromUrl = sources.url.query[spec.snake];
  if (fromUrl !== undefined) {
    // A repeated key is ambiguous; take the last, as most URL libraries do.
    const raw = typeof fromUrl === 'string' ? fromUrl : fromUrl[fromUrl.length - 1];
    return { raw, source: `URL query parameter ${spec.snake}` };
  }
  const variable = envName(spec.snake);
  const fromEnv = sources.env[variable];
  // An empty variable counts as unset: `POOL_SIZE= node app.js` must not mean 0.
  if (fromEnv !== undefined && fromEnv !== '') return { raw: fromEnv, source: `environment variable ${variable}` };
  return { raw: undefined, source: 'default' };
}

function checkCombinations(resolved: Record<string, unknown>, origin: Record<string, string>): void {
  const poolSize = resolved.poolSize as number;
  const minSize = resolved.minSize as number;
  if (poolSize > 0 && minSize > poolSize) {
    throw new ConfigError('minSize', `Invalid pool option minSize: ${minSize} (from ${origin.minSize}) is larger than poolSize ${poolSize} (from ${origin.poolSize})`);
  }
  const driver = resolved.driver as Record<string, unknown> | undefined;
  if (driver !== undefined) {
    const missing = DRIVER_METHODS.filter((method) => typeof driver[method] !== 'function');
    if (missing.length > 0 || typeof driver.name !== 'string') {
      const what = missing.length > 0 ? `methods ${missing.join(', ')}` : 'a string name';
      throw new ConfigError('driver', `Invalid pool option driver: the object lacks ${what} (see the Driver interface)`);
    }
  }
  const logger = resolved.logger as Record<string, unknown> | undefined;
  if (logger !== undefined) {
    const wrong = (['debug', 'info', 'warn', 'error'] as const).filter((level) => logger[level] !== undefined && typeof logger[level] !== 'function');
    if (wrong.length > 0) throw new ConfigError('logger', `Invalid pool option logger: ${wrong.join(', ')} must be functions`);
  }
}

/** `host:port/database` (no credentials); for a file database, its path. */
function defaultName(url: DatabaseUrl): string {
  if (url.host === undefined) return url.database ?? url.backend;
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  return `${host}${url.port === undefined ? '' : `:${url.port}`}/${url.database ?? ''}`;
}

const noop = (): void => {};

/** The console as a PoolLogger: the message first, prefixed with the pool's name, then the error if there is one. */
function consoleLine(write: (...data: unknown[]) => void): LogFn {
  return (fields, message) => {
    const line = `@pool (${String(fields.pool)}): ${message}`;
    if (fields.err === undefined) write(line);
    else write(line, fields.err);
  };
}

function makeLogger(given: Partial<PoolLogger> | undefined, echoPool: boolean): PoolLogger {
  /* eslint-disable no-console -- the default logger is the console, as the spec says */
  const fallback: PoolLogger = given === undefined
    ? { debug: echoPool ? consoleLine(console.debug.bind(console)) : noop, info: noop, warn: consoleLine(console.warn.bind(console)), error: consoleLine(console.error.bind(console)) }
    : { debug: noop, info: noop, warn: noop, error: noop };
  /* eslint-enable no-console */
  // Call through the given object so loggers that use `this` (pino) keep working.
  const pick = (level: keyof PoolLogger): LogFn =>
    given?.[level] === undefined ? fallback[level] : (fields, message) => (given as PoolLogger)[level](fields, message);
  return Object.freeze({ debug: pick('debug'), info: pick('info'), warn: pick('warn'), error: pick('error') });
}

function suggest(key: string): string {
  const lower = key.toLowerCase().replace(/[_-]/g, '');
  const match = Object.keys(SPECS).find((name) => name.toLowerCase() === lower);
  return match === undefined ? `; known options: ${Object.keys(SPECS).join(', ')}` : ` (did you mean ${match}?)`;
}
