import { DatabaseUrl } from '@pool/core';
import type { TargetScope } from '../conformance/target.js';
import { pgAdminClient } from '../servers/pg-client.js';
import { waitFor } from '../wait.js';
import { uniqueName } from './unique-name.js';

/**
 * A scope on a PostgreSQL server: the URL carries a unique `application_name`, so
 * `pg_stat_activity` tells this test's sessions from everyone else's (other test files share
 * the server), and only those are ever terminated.
 */
export async function pgScope(baseUrl: string): Promise<TargetScope> {
  const tag = uniqueName();
  const base = DatabaseUrl.parse(baseUrl);
  const url = base.with({ query: { ...base.query, application_name: tag } }).render({ hidePassword: false });
  const admin = await pgAdminClient(baseUrl);
  const tables: string[] = [];
  const sessions = async (): Promise<number[]> => {
    const { rows } = await admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND backend_type = 'client backend' ORDER BY pid", [tag]);
    return rows.map((row) => Number(row.pid));
  };
  return {
    url,
    sessions,
    async kill(pid) {
      if (!(await sessions()).includes(pid)) throw new Error(`pid ${pid} is not a session of this test (${tag})`);
      // With a timeout (PostgreSQL 14+) it returns once the backend has exited: the session is
      // really gone when kill() resolves, whatever the pool has or has not noticed yet.
      await admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]);
      await waitFor(async () => !(await sessions()).includes(pid), { what: `session ${pid} to end` });
    },
    async createTable() {
      const name = uniqueName('pool_it_t');
      await admin.query(`CREATE TABLE ${name} (id int PRIMARY KEY, v varchar(100))`);
      tables.push(name);
      await admin.query(`INSERT INTO ${name} VALUES (1, 'one')`);
      return name;
    },
    async admin(sql, params) {
      return (await admin.query(sql, params === undefined ? undefined : [...params])).rows;
    },
    async [Symbol.asyncDispose]() {
      try {
        await admin.query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = $1', [tag]);
        for (const table of tables) await admin.query(`DROP TABLE IF EXISTS ${table}`);
      } finally {
        await admin.end();
      }
    },
  };
}
