import { promisify } from 'node:util';
import type { LeakDetail } from '@pool/core';
import { toMysqlPool } from '@pool/mysql';
import { waitFor } from '@pool/testkit';
import { count, sql } from 'drizzle-orm';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import type { Pool } from 'mysql2';
import type { PoolConnection } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import type { LibraryClient, LibraryUnderTest } from './library-harness.js';
import { describeLibraryScenarios, libraryFixture, serverIds } from './library-harness.js';
import { packageVersion } from './package-version.js';

const items = mysqlTable('items', { id: int('id').primaryKey(), v: varchar('v', { length: 100 }) });

/** A statement's first result, as Drizzle's mysql2 driver returns `[rows or header, fields]`. */
type Rows = [Record<string, unknown>[], unknown];

const name = `Drizzle ${packageVersion('drizzle-orm')}`;

const drizzleLib: LibraryUnderTest = {
  name,
  shutdownEndsPool: true,
  open(engine) {
    const pool = toMysqlPool(engine);
    const db = drizzle({ client: pool });
    const client: LibraryClient = {
      async selectTwo() {
        const [rows] = (await db.execute(sql`select 1 + 1 as two`)) as unknown as Rows;
        return Number(rows[0]?.two);
      },
      async insert(id, v) {
        const [header] = await db.insert(items).values({ id, v });
        return header.affectedRows;
      },
      async count() {
        const [row] = await db.select({ n: count() }).from(items);
        return Number(row?.n);
      },
      async transaction(ids, fail) {
        await db.transaction(async (tx) => {
          for (const id of ids) await tx.insert(items).values({ id, v: `v${id}` });
          if (fail) throw new Error('rolled back on purpose');
        });
      },
      async sleep(seconds) {
        await db.execute(sql`select sleep(${seconds})`);
      },
      // Drizzle has no shutdown of its own: the application ends the pool it gave it.
      shutdown: () => promisify(pool.end.bind(pool))(),
    };
    return Promise.resolve(client);
  },
};

describeLibraryScenarios(drizzleLib);

describe(`${name} over toMysqlPool: its transaction API, streaming and pitfalls`, () => {
  it('nested transactions are savepoints: the inner one rolls back alone', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const db = drizzle({ client: toMysqlPool(fixture.engine) });
    await db.transaction(async (tx) => {
      await tx.insert(items).values({ id: 1, v: 'outer' });
      await expect(tx.transaction(async (inner) => {
        await inner.insert(items).values({ id: 2, v: 'inner' });
        throw new Error('inner only');
      })).rejects.toThrow('inner only');
      await tx.insert(items).values({ id: 3, v: 'outer again' });
    });
    expect(await serverIds(fixture)).toEqual([1, 3]);
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0);
  });

  it('iterator() streams on a checked-out connection and gives it back (its conn.end() releases)', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const db = drizzle({ client: toMysqlPool(fixture.engine) });
    await db.insert(items).values(Array.from({ length: 100 }, (_, i) => ({ id: i + 1, v: `v${i + 1}` })));
    let seen = 0;
    for await (const row of db.select().from(items).orderBy(items.id).iterator()) {
      seen++;
      expect(row.id).toBe(seen);
    }
    expect(seen).toBe(100);
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0, { what: 'the streaming connection to come back' });
    expect(fixture.engine.pool.stats()).toMatchObject({ created: 1, invalidated: 0 });
  });

  it('a connection returned inside a transaction is rolled back; releasing it twice does nothing', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const pool = toMysqlPool(fixture.engine);
    const conn: PoolConnection = await pool.promise().getConnection();
    const onConn = drizzle({ client: conn });
    await onConn.execute(sql`start transaction`);
    await onConn.insert(items).values({ id: 1, v: 'never committed' });
    conn.release();
    conn.release();
    const [rows] = (await drizzle({ client: pool }).execute(sql`select @@in_transaction as t`)) as unknown as Rows;
    expect(Number(rows[0]?.t)).toBe(0);
    expect(await serverIds(fixture)).toEqual([]);
  });

  it('BEGIN failing: the transaction rejects; Drizzle never releases that connection, and leakDetection reports it', async () => {
    await using fixture = await libraryFixture({ poolSize: 2, maxOverflow: 0, leakDetection: 0.2 });
    const pool: Pool = toMysqlPool(fixture.engine);
    const db = drizzle({ client: pool });
    const leaks: LeakDetail[] = [];
    fixture.engine.pool.on('leak', (_info, detail) => leaks.push(detail));
    // An XA transaction left open makes BEGIN fail (ER_XAER_RMFAIL).
    pool.once('acquire', (raw: { query(sql: string, callback: () => void): void }) => raw.query("XA START 'drizzle-begin-fails'", () => undefined));
    await expect(db.transaction(async (tx) => tx.insert(items).values({ id: 1, v: 'x' }))).rejects.toMatchObject({ cause: { code: 'ER_XAER_RMFAIL' } });
    // Drizzle 0.45 sends BEGIN before its try/finally: the connection stays checked out.
    await waitFor(() => leaks.length === 1, { what: 'leakDetection to report the connection Drizzle kept' });
    expect(fixture.engine.pool.stats().checkedOut).toBe(1);
    // The other slot still serves.
    await db.transaction(async (tx) => tx.insert(items).values({ id: 2, v: 'after' }));
    expect(await serverIds(fixture)).toEqual([2]);
  });
});
