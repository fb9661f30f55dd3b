import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, varchar } from 'drizzle-orm/pg-core';
import type { PgEngine } from '@pool/pg';
import { createEngine, toPgPool } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import type { LibraryHandle } from './library-suite.js';
import { describeLibrary } from './library-suite.js';
import { versionOf } from './version-of.js';

const rowsOf = (table: string) => pgTable(table, { id: integer('id').primaryKey(), v: varchar('v', { length: 100 }) });

function drizzleOver(engine: PgEngine) {
  const pool = toPgPool(engine, { pg });
  return { pool, db: drizzle({ client: pool }) };
}

describeLibrary({
  name: `Drizzle ${versionOf('drizzle-orm')} (node-postgres)`,
  async open(engine): Promise<LibraryHandle> {
    const { pool, db } = drizzleOver(engine);
    return {
      async selectNumber(n) {
        const { rows } = await db.execute<{ n: number }>(sql`SELECT ${n}::int AS n`);
        return rows[0]!.n;
      },
      async backendPid() {
        const { rows } = await db.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
        return rows[0]!.pid;
      },
      async sleep(seconds) {
        await db.execute(sql`SELECT pg_sleep(${seconds})`);
      },
      async insert(table, rows) {
        const result = await db.insert(rowsOf(table)).values([...rows]);
        return result.rowCount ?? -1;
      },
      async transaction(table, row, error) {
        await db.transaction(async (tx) => {
          await tx.insert(rowsOf(table)).values(row);
          if (error) throw error;
        });
      },
      async raw(text) {
        await db.execute(sql.raw(text));
      },
      // Drizzle leaves the pool to its owner.
      close: () => pool.end(),
    };
  },
});

describe('Drizzle on @pool: what only Drizzle does', () => {
  it('sees a pool (instanceof pg.Pool): its transaction runs on one checked-out client, so a rollback undoes the insert', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 3, maxOverflow: 0, logger: quietLogger() });
    const { pool, db } = drizzleOver(engine);
    const table = await scope.createTable();
    const t = rowsOf(table);
    await expect(db.transaction(async (tx) => {
      await tx.insert(t).values({ id: 2, v: 'two' });
      // Other work on the pool meanwhile must not land in, or see, this transaction.
      await Promise.all([db.execute(sql`SELECT 1`), db.execute(sql`SELECT 2`)]);
      expect(await scope.admin(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 1 }]);
      tx.rollback();
    })).rejects.toThrow(/Rollback/);
    expect(await scope.admin(`SELECT id FROM ${table}`)).toEqual([{ id: 1 }]);
    await waitFor(() => engine.pool.stats().checkedOut === 0);
    await pool.end();
  });

  it('nested transactions use savepoints: an inner rollback keeps the outer work', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
    const { pool, db } = drizzleOver(engine);
    const table = await scope.createTable();
    const t = rowsOf(table);
    await db.transaction(async (tx) => {
      await tx.insert(t).values({ id: 2, v: 'outer' });
      await expect(tx.transaction(async (inner) => {
        await inner.insert(t).values({ id: 3, v: 'inner' });
        inner.rollback();
      })).rejects.toThrow(/Rollback/);
    });
    expect(await scope.admin(`SELECT id FROM ${table} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
    await pool.end();
  });

  it('relational and typed selects come back mapped (rowMode array, named statements)', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 2, maxOverflow: 0, logger: quietLogger() });
    const { pool, db } = drizzleOver(engine);
    const table = await scope.createTable();
    const t = rowsOf(table);
    expect(await db.select().from(t)).toEqual([{ id: 1, v: 'one' }]);
    const prepared = db.select({ v: t.v }).from(t).where(sql`${t.id} = ${sql.placeholder('id')}`).prepare('pool_drizzle_by_id');
    for (let i = 0; i < 3; i++) expect(await prepared.execute({ id: 1 })).toEqual([{ v: 'one' }]);
    await pool.end();
  });
});
