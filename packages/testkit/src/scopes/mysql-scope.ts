import { DatabaseUrl } from '@pool/core';
import type { TargetScope } from '../conformance/target.js';
import { mysqlAdminClient } from '../servers/mysql-client.js';
import { waitFor } from '../wait.js';
import { uniqueName } from './unique-name.js';

/**
 * A scope on a MySQL / MariaDB server: a database of its own, so `information_schema.processlist`
 * tells this test's sessions (DB = that database) from everyone else's, and only those are
 * ever killed. The database is dropped with the scope.
 */
export async function mysqlScope(baseUrl: string): Promise<TargetScope> {
  const database = uniqueName();
  const url = DatabaseUrl.parse(baseUrl).with({ database }).render({ hidePassword: false });
  const admin = await mysqlAdminClient(baseUrl);
  await admin.query(`CREATE DATABASE ${database}`);
  const sessions = async (): Promise<number[]> => {
    const rows = await admin.query("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND <> 'Killed' ORDER BY ID", [database]);
    return rows.map((row) => Number(row.id));
  };
  return {
    url,
    sessions,
    async kill(pid) {
      if (!(await sessions()).includes(pid)) throw new Error(`id ${pid} is not a session of this test (${database})`);
      await admin.query(`KILL CONNECTION ${Number(pid)}`);
      // The session is really gone (not just marked Killed) when kill() resolves, whatever the
      // pool has noticed yet.
      await waitFor(async () => (await admin.query('SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ?', [pid])).length === 0, { what: `session ${pid} to end` });
    },
    async createTable() {
      const name = `${database}.${uniqueName('t')}`;
      await admin.query(`CREATE TABLE ${name} (id int PRIMARY KEY, v varchar(100)) ENGINE=InnoDB`);
      await admin.query(`INSERT INTO ${name} VALUES (1, 'one')`);
      return name;
    },
    admin: (sql, params) => admin.query(sql, params === undefined ? undefined : [...params]),
    async [Symbol.asyncDispose]() {
      try {
        for (const id of await sessions()) await admin.query(`KILL CONNECTION ${id}`).catch(() => undefined);
        await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      } finally {
        await admin.end();
      }
    },
  };
}
