import { resolve } from 'node:path';
import type { DatabaseUrl } from '@pool/core';

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

/** Whether a URL names SQLite's in-memory database (`sqlite:///:memory:`, `sqlite://`, `?mode=memory`). */
export function isMemoryUrl(url: DatabaseUrl): boolean {
  return url.database === undefined || url.database === ':memory:' || url.query.mode === 'memory';
}

/** Read the settings of `sqlite:///relative.db`, `sqlite:////absolute.db` or `sqlite:///:memory:`. */
export function sqliteSettings(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>> = {}): SqliteSettings {
  if (url.host !== undefined || url.port !== undefined || url.username !== undefined) {
    throw new Error(`sqlite URLs name a file, not a server: use sqlite:///relative.db, sqlite:////absolute.db or sqlite:///:memory: (got host "${url.host ?? ''}")`);
  }
  const query = readQuery(url);
  for (const key of Object.keys(connectArgs)) {
    if (!(ARG_KEYS as readonly string[]).includes(key)) throw new Error(`sqlite: unknown connectArgs key "${key}": use ${ARG_KEYS.join(', ')}`);
  }
  const mode = query.mode ?? 'rwc';
  if (!MODES.has(mode)) throw new Error(`sqlite: URL parameter mode must be one of ${[...MODES].join(', ')}, got "${mode}"`);
  const memory = isMemoryUrl(url);
  const readonly = flag(connectArgs.readonly, 'readonly') ?? mode === 'ro';
  const timeout = connectArgs.timeout ?? query.timeout ?? DEFAULT_TIMEOUT;
  const transactionMode = oneOf(connectArgs.transactionMode ?? query.transaction_mode ?? (readonly ? 'deferred' : 'immediate'), TRANSACTION_MODES, 'transaction_mode');
  const journalMode = oneOf(connectArgs.journalMode ?? query.journal_mode ?? 'wal', JOURNAL_MODES, 'journal_mode');
  return {
    filename: memory ? ':memory:' : resolve(url.database!),
    memory,
    readonly,
    fileMustExist: flag(connectArgs.fileMustExist, 'fileMustExist') ?? (mode === 'ro' || mode === 'rw'),
    timeout: seconds(timeout),
    journalMode,
    transactionMode: transactionMode as TransactionMode,
  };
}

function readQuery(url: DatabaseUrl): Partial<Record<(typeof QUERY_KEYS)[number], string>> {
  const query: Partial<Record<(typeof QUERY_KEYS)[number], string>> = {};
  for (const [key, value] of Object.entries(url.query)) {
    if (!(QUERY_KEYS as readonly string[]).includes(key)) {
      throw new Error(`sqlite: unknown URL parameter "${key}": use ${QUERY_KEYS.join(', ')} (or a pool option such as pool_size)`);
    }
    if (typeof value !== 'string') throw new Error(`sqlite: URL parameter "${key}" is given more than once`);
    query[key as (typeof QUERY_KEYS)[number]] = value;
  }
  return query;
}

function oneOf(value: unknown, allowed: ReadonlySet<string>, name: string): string {
  const text = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (text === undefined || !allowed.has(text)) throw new Error(`sqlite: ${name} must be one of ${[...allowed].join(', ')}, got ${JSON.stringify(value)}`);
  return text;
}

function seconds(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`sqlite: timeout must be a number of seconds ≥ 0, got ${JSON.stringify(value)}`);
  return n;
}

function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new Error(`sqlite: connectArgs.${name} must be true or false, got ${JSON.stringify(value)}`);
}
