import { describe, expect, it } from 'vitest';
import type { ConformanceTarget, TargetScope } from './target.js';

async function count(scope: TargetScope, table: string): Promise<number> {
  const rows = await scope.admin(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

/** Whether the admin session can lock row 1 right now (NOWAIT: fails at once if another session holds it). */
async function rowIsFree(scope: TargetScope, table: string): Promise<boolean> {
  try {
    await scope.admin(`SELECT v FROM ${table} WHERE id = 1 FOR UPDATE NOWAIT`);
    return true;
  } catch {
    return false;
  }
}

/** What a connection returned inside a transaction leaves behind: nothing (test 4 of the suite). */
export function describeResetOnReturn<Raw>(target: ConformanceTarget<Raw>): void {
  const { sql } = target;
  describe(`${target.name}: reset on return`, () => {
    it('a connection returned inside a transaction is rolled back before anyone else gets it', async () => {
      await using scope = await target.scope();
      const table = await scope.createTable();
      await using engine = target.createEngine(scope.url, { poolSize: 1, maxOverflow: 0 });
      const conn = await engine.connect();
      const pid = await conn.backendPid();
      await conn.query(sql.begin);
      await conn.query(`INSERT INTO ${table} VALUES (${sql.param(1)}, ${sql.param(2)})`, [2, 'two']);
      if (target.rowLocks) {
        await conn.query(`SELECT v FROM ${table} WHERE id = 1 FOR UPDATE`);
        expect(await rowIsFree(scope, table)).toBe(false);
      }
      await conn.release();
      // release() resolved: the rollback has run. Its row is gone and its locks are released.
      expect(await count(scope, table)).toBe(1);
      if (target.rowLocks) expect(await rowIsFree(scope, table)).toBe(true);
      await using next = await engine.connect();
      expect(await next.backendPid()).toBe(pid);
      if (target.inTransaction !== undefined) expect(target.inTransaction(next.raw)).toBe(false);
      expect((await next.query(`SELECT v FROM ${table} ORDER BY id`)).rows).toEqual([{ v: 'one' }]);
    });

    it('a transaction that failed half-way is rolled back too, and the next checkout is usable', async () => {
      await using scope = await target.scope();
      const table = await scope.createTable();
      await using engine = target.createEngine(scope.url, { poolSize: 1, maxOverflow: 0 });
      {
        await using conn = await engine.connect();
        await conn.begin();
        await conn.query(`INSERT INTO ${table} VALUES (${sql.param(1)}, ${sql.param(2)})`, [2, 'two']);
        await expect(conn.query('SELECT * FROM pool_no_such_table')).rejects.toThrow();
      }
      expect(await count(scope, table)).toBe(1);
      // Same session: had the transaction stayed open, it would see its own row (or, on
      // PostgreSQL, refuse every statement until the end of the failed transaction).
      await using next = await engine.connect();
      const { rows } = await next.query(`SELECT count(*) AS n FROM ${table}`);
      expect(Number(rows[0]?.n)).toBe(1);
    });

    it("resetOnReturn 'commit' commits what the returned connection left open", async () => {
      await using scope = await target.scope();
      const table = await scope.createTable();
      await using engine = target.createEngine(scope.url, { poolSize: 1, maxOverflow: 0, resetOnReturn: 'commit' });
      {
        await using conn = await engine.connect();
        await conn.query(sql.begin);
        await conn.query(`INSERT INTO ${table} VALUES (${sql.param(1)}, ${sql.param(2)})`, [2, 'two']);
      }
      expect(await count(scope, table)).toBe(2);
      if (target.rowLocks) expect(await rowIsFree(scope, table)).toBe(true);
      await using next = await engine.connect();
      if (target.inTransaction !== undefined) expect(target.inTransaction(next.raw)).toBe(false);
    });

    it('a connection known to be outside a transaction comes back without a reset round trip', async () => {
      await using scope = await target.scope();
      const table = await scope.createTable();
      await using engine = target.createEngine(scope.url, { poolSize: 1, maxOverflow: 0 });
      let resets = 0;
      engine.pool.on('reset', () => resets++);
      await engine.transaction(async (conn) => {
        await conn.query(`UPDATE ${table} SET v = ${sql.param(1)} WHERE id = 1`, ['uno']);
      });
      expect(resets).toBe(0);
      await engine.query('SELECT 1 AS one');
      expect(resets).toBe(0);
      {
        await using conn = await engine.connect();
        await conn.begin();
      }
      expect(resets).toBe(1);
      expect((await scope.admin(`SELECT v FROM ${table}`))).toEqual([{ v: 'uno' }]);
    });
  });
}
