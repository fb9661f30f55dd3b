import { DatabaseUrl } from '@pool/core';
import type { ConformanceTarget, TargetScope } from '@pool/testkit';
import { uniqueName } from '@pool/testkit';
import type { SqliteDatabase } from '../src/index.js';
import { driver } from '../src/index.js';
import { quietLogger } from '@pool/testkit';
import { sqliteEngine, tempFolder } from './helpers.js';

/**
 * @pool/sqlite as the conformance suite sees it. There is no server: a scope is a database file
 * in a fresh folder, and its admin session a connection of its own outside the pool. SQLite has
 * no row locks to observe, no sessions to list or kill, no password and no port.
 */
export const sqliteTarget: ConformanceTarget<SqliteDatabase> = {
  name: 'sqlite',
  createEngine: (url, options) => sqliteEngine(url, { logger: quietLogger(), ...options }),
  sql: {
    param: () => '?',
    // Only the server-session groups use it, and they do not run for SQLite.
    sleep: () => {
      throw new Error('SQLite has no server-side sleep');
    },
    begin: 'BEGIN',
  },
  rowLocks: false,
  serverSessions: false,
  scope: () => fileScope(),
  inTransaction: (raw) => driver.inTransaction(raw),
};

async function fileScope(): Promise<TargetScope> {
  const folder = tempFolder();
  const url = folder.url('scope.db');
  const signal = new AbortController().signal;
  const admin = await driver.connect(DatabaseUrl.parse(url), { connectTimeout: 5, tcpKeepAlive: false, connectArgs: {}, signal });
  const run = async (sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]> => (await driver.query(admin, sql, params)).rows;
  return {
    url,
    async createTable() {
      const table = `pool_${uniqueName()}`;
      await run(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, v VARCHAR(100))`);
      await run(`INSERT INTO ${table} VALUES (1, 'one')`);
      return table;
    },
    admin: run,
    async [Symbol.asyncDispose]() {
      await driver.close(admin);
      folder[Symbol.dispose]();
    },
  };
}
