import { DatabaseUrl } from '@pool/core';
import type { MysqlConnection } from '@pool/mysql';
import { createEngine, driver } from '@pool/mysql';
import type { ConformanceTarget } from '@pool/testkit';
import { mysqlScope, mysqlUrl, quietLogger, startPrivateMariadb, uniqueName } from '@pool/testkit';

/** @pool/mysql as the conformance suite sees it: the shared server, plus private ones to restart. */
export const mysqlTarget: ConformanceTarget<MysqlConnection> = {
  name: 'mysql',
  createEngine: (url, options) => createEngine(url, { logger: quietLogger(), ...options }),
  sql: { param: () => '?', sleep: (seconds) => `SELECT SLEEP(${seconds})`, begin: 'START TRANSACTION' },
  rowLocks: true,
  serverSessions: true,
  scope: () => mysqlScope(mysqlUrl()),
  inTransaction: (raw) => driver.inTransaction?.(raw),
  startPrivateServer: () => startPrivateMariadb(),
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
