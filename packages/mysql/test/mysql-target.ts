import { DatabaseUrl } from '@pool/core';
import type { MysqlRaw } from '@pool/mysql';
import { createEngine, driver } from '@pool/mysql';
import type { ConformanceTarget } from '@pool/testkit';
import { mysqlScope, mysqlUrl, quietLogger, startPrivateMariadb, uniqueName } from '@pool/testkit';

/** mysql2's query with an options object, which the driver's structural type leaves out. */
interface RawQuery {
  query(options: { sql: string; timeout: number }, callback: (error: Error | null, rows?: unknown) => void): unknown;
}

/** @pool/mysql as the conformance suite sees it: the shared server, plus private ones to restart. */
export const mysqlTarget: ConformanceTarget<MysqlRaw> = {
  name: 'mysql',
  createEngine: (url, options) => createEngine(url, { logger: quietLogger(), ...options }),
  sql: {
    param: () => '?',
    sleep: (seconds) => `SELECT SLEEP(${seconds})`,
    begin: 'START TRANSACTION',
    // A SQLSTATE and a text of the user's choosing (ER_SIGNAL_EXCEPTION), and mysql2's own words as a table name.
    disconnectLookalikes: [
      "SIGNAL SQLSTATE '08S01' SET MESSAGE_TEXT = 'Connection lost: The server closed the connection.'",
      'SELECT * FROM `PROTOCOL_CONNECTION_LOST`',
    ],
  },
  rowLocks: true,
  serverSessions: true,
  scope: (url) => mysqlScope(url ?? mysqlUrl()),
  inTransaction: (raw) => driver.inTransaction?.(raw),
  startPrivateServer: (options) =>
    startPrivateMariadb(options?.maxConnections === undefined ? {} : { settings: { 'max-connections': String(options.maxConnections) } }),
  // mysql2's typings leave out the connection's socket: it is there all the same.
  clientPort: (raw) => (raw as unknown as { stream: { localPort?: number } }).stream.localPort,
  clientTimeout: {
    // mysql2 has no connection-wide statement timeout, only a per-query `timeout` on its own API:
    // an error seen there reaches the pool through conn.reportError().
    options: () => ({}),
    query: (conn, sql, ms) =>
      new Promise((resolve, reject) => {
        (conn.raw as unknown as RawQuery).query({ sql, timeout: ms }, (error, rows) => {
          if (error === null) return resolve(rows);
          conn.reportError(error);
          reject(error);
        });
      }),
  },
  async wrongPassword() {
    const password = `Wr0ng-${uniqueName()}`;
    return {
      url: DatabaseUrl.parse(mysqlUrl()).with({ password }).render({ hidePassword: false }),
      password,
      isAuthError: (error) => (error as { code?: unknown } | undefined)?.code === 'ER_ACCESS_DENIED_ERROR',
      [Symbol.asyncDispose]: () => Promise.resolve(),
    };
  },
  urlFor: (host, port) => `mysql://root@${host}:${port}/test`,
};
