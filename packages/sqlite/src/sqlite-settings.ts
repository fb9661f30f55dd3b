import { resolve } from 'node:path';
import type { DatabaseUrl } from '@pool/core';
import { closestName, ConfigError, isSqliteMemoryUrl, POOL_QUERY_KEYS } from '@pool/core';

/** How a transaction started by `begin()` takes its locks (SQLite's BEGIN DEFERRED/IMMEDIATE/EXCLUSIVE). */
export type TransactionMode = 'deferred' | 'immediate' | 'exclusive';

/** What one connection is opened with, from the URL query and `connectArgs` (which win). */
export interface SqliteSettings {
  /** Absolute path of the database file, or `:memory:`. */
  readonly filename: string;
  readonly memory: boolean;
  readonly readonly: boolean;
  readonly fileMustExist: boolean;
  /** Seconds a statement waits for a lock held by another connection before SQLITE_BUSY. */
  readonly timeout: number;
  /** `journal_mode` set on file databases; `wal` unless asked otherwise. */
  readonly journalMode: string;
  readonly transactionMode: TransactionMode;
}

/** Default busy timeout in seconds, as Python's sqlite3 and better-sqlite3 have it. */
export const DEFAULT_TIMEOUT = 5;

const QUERY_KEYS = ['timeout', 'mode', 'journal_mode', 'transaction_mode'] as const;
const ARG_KEYS = ['timeout', 'readonly', 'fileMustExist', 'journalMode', 'transactionMode'] as const;
const JOURNAL_MODES = new Set(['wal', 'delete', 'truncate', 'persist', 'memory', 'off']);
const TRANSACTION_MODES = new Set<string>(['deferred', 'immediate', 'exclusive']);
// SQLite URI modes: ro = read-only, rw = read-write on an existing file, rwc = create if missing.
const MODES = new Set(['ro', 'rw', 'rwc', 'memory']);

/**
 * Whether a URL names SQLite's in-memory database (`sqlite:///:memory:`, `sqlite://`, `?mode=memory`):
 * `@pool/core`'s rule, the one that pins such an engine to one shared connection.
 */
export const isMemoryUrl: (url: DatabaseUrl) => boolean = isSqliteMemoryUrl;

/**
 * Read the settings of `sqlite:///relative.db`, `sqlite:////absolute.db` or `sqlite:///:memory:`.
 * A bad one is a ConfigError naming the URL parameter (option `url`) or the `connectArgs` key.
 */
export function sqliteSettings(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>> = {}): SqliteSettings {
  if (url.host !== undefined || url.port !== undefined || url.username !== undefined) {
    throw new ConfigError('url', `sqlite URLs name a file, not a server: use sqlite:///relative.db, sqlite:////absolute.db or sqlite:///:memory: (got ${url.render()})`);
  }
  const query = readQuery(url);
  for (const key of Object.keys(connectArgs)) {
    if (!(ARG_KEYS as readonly string[]).includes(key)) throw new ConfigError('connectArgs', `sqlite: unknown connectArgs key "${key}"${meant(key, ARG_KEYS)}: use ${ARG_KEYS.join(', ')}`);
  }
  const mode = query.mode ?? 'rwc';
  if (!MODES.has(mode)) throw new ConfigError('url', `sqlite: URL parameter mode must be one of ${[...MODES].join(', ')}, got "${mode}"`);
  const memory = isMemoryUrl(url);
  const readonly = flag(connectArgs.readonly, 'readonly') ?? mode === 'ro';
  const timeout = connectArgs.timeout ?? query.timeout ?? DEFAULT_TIMEOUT;
  const transactionMode = oneOf(connectArgs.transactionMode, query.transaction_mode, readonly ? 'deferred' : 'immediate', TRANSACTION_MODES, 'transaction_mode');
  const journalMode = oneOf(connectArgs.journalMode, query.journal_mode, 'wal', JOURNAL_MODES, 'journal_mode');
  return {
    filename: memory ? ':memory:' : resolve(url.database!),
    memory,
    readonly,
    fileMustExist: flag(connectArgs.fileMustExist, 'fileMustExist') ?? (mode === 'ro' || mode === 'rw'),
    timeout: seconds(timeout, connectArgs.timeout === undefined ? 'url' : 'connectArgs'),
    journalMode,
    transactionMode: transactionMode as TransactionMode,
  };
}

function readQuery(url: DatabaseUrl): Partial<Record<(typeof QUERY_KEYS)[number], string>> {
  const query: Partial<Record<(typeof QUERY_KEYS)[number], string>> = {};
  for (const [key, value] of Object.entries(url.query)) {
    if (!(QUERY_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError('url', `sqlite: unknown URL parameter "${key}"${meant(key, [...QUERY_KEYS, ...POOL_QUERY_KEYS])}: use ${QUERY_KEYS.join(', ')} (or a pool option such as pool_size)`);
    }
    if (typeof value !== 'string') throw new ConfigError('url', `sqlite: URL parameter "${key}" is given more than once`);
    query[key as (typeof QUERY_KEYS)[number]] = value;
  }
  return query;
}

/** The `connectArgs` value, else the URL parameter's, else the default; one of `allowed`. */
function oneOf(fromArgs: unknown, fromUrl: string | undefined, fallback: string, allowed: ReadonlySet<string>, name: string): string {
  const value = fromArgs ?? fromUrl ?? fallback;
  const text = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (text === undefined || !allowed.has(text)) {
    throw new ConfigError(fromArgs === undefined ? 'url' : 'connectArgs', `sqlite: ${name} must be one of ${[...allowed].join(', ')}, got ${JSON.stringify(value)}`);
  }
  return text;
}

function seconds(value: unknown, option: 'url' | 'connectArgs'): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new ConfigError(option, `sqlite: timeout must be a number of seconds ≥ 0, got ${JSON.stringify(value)}`);
  return n;
}

function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new ConfigError('connectArgs', `sqlite: connectArgs.${name} must be true or false, got ${JSON.stringify(value)}`);
}

function meant(key: string, known: readonly string[]): string {
  const match = closestName(key, known);
  return match === undefined ? '' : ` (did you mean ${match}?)`;
}
