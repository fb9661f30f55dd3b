import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '@pool/core';
import { quietLogger } from '@pool/testkit';
import type { SqliteDatabase, SqliteEngineOptions } from '../src/index.js';
import { createEngine } from '../src/index.js';

/** A temporary folder for database files, removed at the end of the scope. */
export interface TempFolder extends Disposable {
  readonly dir: string;
  /** `sqlite:////<dir>/<name>` with an optional query string. */
  url(name?: string, query?: string): string;
}

export function tempFolder(): TempFolder {
  const dir = mkdtempSync(join(tmpdir(), 'pool-sqlite-test-'));
  return {
    dir,
    url: (name = 'test.db', query = '') => `sqlite:///${join(dir, name)}${query === '' ? '' : `?${query}`}`,
    [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }),
  };
}


/** An engine from @pool/sqlite with a quiet logger, disposed by `await using`. */
export function sqliteEngine(url: string, options: SqliteEngineOptions = {}): Engine<SqliteDatabase> {
  return createEngine(url, { logger: quietLogger(), ...options });
}

/** Rows of `SELECT … AS n` as numbers. */
export async function count(engine: Engine<SqliteDatabase>, sql: string): Promise<number> {
  const { rows } = await engine.query<{ n: number }>(sql);
  return Number(rows[0]?.n);
}
