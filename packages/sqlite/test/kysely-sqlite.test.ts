import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '@pool/core';
import { createEngine as createAnyEngine } from '@pool/core';
import type { SqliteDatabase } from '@pool/sqlite';
import { PoolSqliteDialect } from '@pool/sqlite/kysely';
import type { PoolSqliteDialectConfig } from '@pool/sqlite/kysely';
import { sampleMax, waitFor } from '@pool/testkit';
import * as kysely028 from 'kysely';
import * as kysely029 from 'kysely-029';
import { describe, expect, it } from 'vitest';
import { quietLogger } from '@pool/testkit';
import { sqliteEngine, tempFolder } from './helpers.js';

interface Database {
  items: { id: number; v: string };
}

function versionOf(name: string): string {
  const manifest = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * PoolSqliteDialect takes Kysely's adapter, compiler and introspector from the application's
 * `kysely` (0.28 in this workspace). For 0.29 the test gives it 0.29's own, so only the driver,
 * which is ours, is shared between the two runs.
 */
class PoolSqliteDialect029 extends PoolSqliteDialect {
  override createQueryCompiler(): kysely028.QueryCompiler {
    return new kysely029.SqliteQueryCompiler() as unknown as kysely028.QueryCompiler;
  }

  override createAdapter(): kysely028.DialectAdapter {
    // As PoolSqliteAdapter: connections side by side (0.29's SqliteAdapter says one at a time).
    return new (class extends kysely029.SqliteAdapter {
      override get supportsMultipleConnections(): boolean {
        return true;
      }
    })() as unknown as kysely028.DialectAdapter;
  }

  override createIntrospector(db: kysely028.Kysely<unknown>): kysely028.DatabaseIntrospector {
    return new kysely029.SqliteIntrospector(db as never) as unknown as kysely028.DatabaseIntrospector;
  }
}

const versions = [
  { name: `Kysely ${versionOf('kysely')}`, lib: kysely028, Dialect: PoolSqliteDialect },
  { name: `Kysely ${versionOf('kysely-029')}`, lib: kysely029 as unknown as typeof kysely028, Dialect: PoolSqliteDialect029 },
];

for (const { name, lib, Dialect } of versions) {
  const { Kysely, sql } = lib;

  async function open(engine: Engine<SqliteDatabase>, config: Omit<PoolSqliteDialectConfig, 'engine'> = {}): Promise<kysely028.Kysely<Database>> {
    const db = new Kysely<Database>({ dialect: new Dialect({ engine, ...config }) });
    await db.schema.createTable('items').ifNotExists().addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('v', 'text').execute();
    return db;
  }

  describe(`${name} over PoolSqliteDialect`, () => {
    it('selects, inserts with the affected count and the insert id, and updates', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url());
      const db = await open(engine);
      expect((await sql<{ two: number }>`select 1 + 1 as two`.execute(db)).rows).toEqual([{ two: 2 }]);
      const inserted = await db.insertInto('items').values({ id: 7, v: 'seven' }).executeTakeFirstOrThrow();
      expect(inserted).toMatchObject({ numInsertedOrUpdatedRows: 1n, insertId: 7n });
      await db.insertInto('items').values([{ id: 8, v: 'x' }, { id: 9, v: 'x' }]).execute();
      expect((await db.updateTable('items').set({ v: 'y' }).where('v', '=', 'x').executeTakeFirstOrThrow()).numUpdatedRows).toBe(2n);
      expect(await db.insertInto('items').values({ id: 10, v: 'ten' }).returning(['id', 'v']).executeTakeFirstOrThrow()).toEqual({ id: 10, v: 'ten' });
      expect(await db.selectFrom('items').select('id').orderBy('id').execute()).toEqual([{ id: 7 }, { id: 8 }, { id: 9 }, { id: 10 }]);
      expect(engine.pool.stats().checkedOut).toBe(0);
      await db.destroy();
    });

    it('a transaction commits, one that throws rolls back, and a savepoint rolls back alone', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url());
      const db = await open(engine);
      await db.transaction().execute(async (trx) => trx.insertInto('items').values([{ id: 1, v: 'a' }, { id: 2, v: 'b' }]).execute());
      await expect(db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 3, v: 'c' }).execute();
        throw new Error('rolled back on purpose');
      })).rejects.toThrow('rolled back on purpose');
      const trx = await db.startTransaction().execute();
      await trx.insertInto('items').values({ id: 4, v: 'kept' }).execute();
      const saved = await trx.savepoint('sp').execute();
      await saved.insertInto('items').values({ id: 5, v: 'undone' }).execute();
      const back = await saved.rollbackToSavepoint('sp').execute();
      await back.commit().execute();
      expect((await db.selectFrom('items').select('id').orderBy('id').execute()).map((row) => row.id)).toEqual([1, 2, 4]);
      await db.destroy();
    });

    it('a burst of 50 with poolSize 5, maxOverflow 0 never opens more than 5 connections, and writers queue on the lock', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url(), { poolSize: 5, maxOverflow: 0 });
      const db = await open(engine);
      const sampler = sampleMax(() => Promise.resolve(engine.pool.stats().open), 1);
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: i, v: `v${i}` }).execute();
        await new Promise((resolve) => setTimeout(resolve, 2));
      })));
      const most = await sampler.stop();
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(most).toBeLessThanOrEqual(5);
      // Connections side by side (Kysely 0.29 alone would use one at a time), never more than the limit.
      expect(engine.pool.stats().checkedOut).toBe(0);
      expect(engine.pool.stats().created).toBeGreaterThanOrEqual(2);
      expect(engine.pool.stats().created).toBeLessThanOrEqual(5);
      expect(Number((await db.selectFrom('items').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(50);
      await db.destroy();
    });

    it('a connection closed behind the pool\'s back is replaced by prePing; Kysely sees no error', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url(), { poolSize: 2, maxOverflow: 0, prePing: true, prePingBypass: 0 });
      const raws = new Set<SqliteDatabase>();
      const db = await open(engine, { onCreateConnection: (connection) => Promise.resolve(void raws.add((connection as unknown as { pooled: { raw: SqliteDatabase } }).pooled.raw)) });
      await Promise.all([sql`select 1`.execute(db), sql`select 1`.execute(db)]);
      for (const raw of raws) raw.close();
      const answers = await Promise.all(Array.from({ length: 6 }, () => sql<{ one: number }>`select 1 as one`.execute(db)));
      expect(answers.map((result) => result.rows)).toEqual(Array.from({ length: 6 }, () => [{ one: 1 }]));
      expect(engine.pool.stats().pingFailures).toBeGreaterThanOrEqual(1);
      await db.destroy();
    });

    it('streams rows in chunks; breaking out early frees the connection for the next statement', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url(), { poolSize: 1, maxOverflow: 0 });
      const db = await open(engine);
      await db.insertInto('items').values(Array.from({ length: 250 }, (_, i) => ({ id: i + 1, v: `v${i + 1}` }))).execute();
      let seen = 0;
      for await (const row of db.selectFrom('items').selectAll().orderBy('id').stream(100)) expect(row.id).toBe(++seen);
      expect(seen).toBe(250);
      for await (const row of db.selectFrom('items').selectAll().orderBy('id').stream()) if (row.id === 3) break;
      // One connection: had the iterator stayed open, better-sqlite3 would refuse this ("connection is busy").
      await db.insertInto('items').values({ id: 1000, v: 'after' }).execute();
      await expect((async () => {
        for await (const row of db.insertInto('items').values({ id: 1001, v: 'x' }).stream()) void row;
      })()).rejects.toThrow(/only statements that return rows/);
      expect(engine.pool.stats().checkedOut).toBe(0);
      await db.destroy();
    });

    it('a connection given back inside a transaction is rolled back before reuse', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url(), { poolSize: 1, maxOverflow: 0 });
      const db = await open(engine);
      await db.connection().execute(async (conn) => {
        await sql`begin`.execute(conn);
        await conn.insertInto('items').values({ id: 1, v: 'never committed' }).execute();
      });
      expect(await db.selectFrom('items').selectAll().execute()).toEqual([]);
      await db.destroy();
    });

    it('BEGIN failing (the write lock held elsewhere past timeout): the transaction rejects, the connection comes back', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url('locked.db', 'timeout=0.2'), { poolSize: 2, maxOverflow: 0 });
      const db = await open(engine);
      await using holder = await engine.connect();
      await holder.begin();
      await expect(db.transaction().execute(async (trx) => trx.insertInto('items').values({ id: 1, v: 'x' }).execute())).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      expect(engine.pool.stats().checkedOut).toBe(1);
      await holder.rollback();
      await db.transaction().execute(async (trx) => trx.insertInto('items').values({ id: 2, v: 'after' }).execute());
      expect(await db.selectFrom('items').select('id').execute()).toEqual([{ id: 2 }]);
      await db.destroy();
    });

    it('an error that means the connection is gone is reported to the engine, which replaces it', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url(), { poolSize: 1, maxOverflow: 0 });
      let sabotage = false;
      const db = await open(engine, {
        onReserveConnection: (connection) => {
          if (sabotage) (connection as unknown as { pooled: { raw: SqliteDatabase } }).pooled.raw.close();
          sabotage = false;
          return Promise.resolve();
        },
      });
      sabotage = true;
      await expect(sql`select 1`.execute(db)).rejects.toThrow('The database connection is not open');
      expect(engine.pool.stats()).toMatchObject({ invalidated: 1, open: 0 });
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
      await db.destroy();
    });

    it('destroy() leaves the engine to its owner; with disposeEngine it closes every connection', async () => {
      using folder = tempFolder();
      await using engine = sqliteEngine(folder.url(), { poolSize: 3, maxOverflow: 0 });
      const raws = new Set<SqliteDatabase>();
      const track = { onCreateConnection: (connection: kysely028.DatabaseConnection) => Promise.resolve(void raws.add((connection as unknown as { pooled: { raw: SqliteDatabase } }).pooled.raw)) };
      const db = await open(engine, track);
      await Promise.all([sql`select 1`.execute(db), sql`select 1`.execute(db), sql`select 1`.execute(db)]);
      await db.destroy();
      expect(engine.pool.stats().open).toBeGreaterThanOrEqual(1);
      expect((await engine.query('select count(*) as n from items')).rows).toEqual([{ n: 0 }]);
      await expect(sql`select 1`.execute(db)).rejects.toThrow();
      const owner = await open(engine, { ...track, disposeEngine: true });
      await Promise.all([sql`select 1`.execute(owner), sql`select 1`.execute(owner)]);
      await owner.destroy();
      expect(engine.pool.stats()).toMatchObject({ open: 0, checkedOut: 0 });
      await waitFor(() => [...raws].every((raw) => !raw.open), { what: 'every connection to be closed' });
    });

    it('sqlite:///:memory: through @pool/core: every Kysely checkout sees the one shared database', async () => {
      await using engine = createAnyEngine<SqliteDatabase>('sqlite:///:memory:', { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
      const db = await open(engine);
      await Promise.all(Array.from({ length: 10 }, (_, i) => db.insertInto('items').values({ id: i, v: 'm' }).execute()));
      expect(Number((await db.selectFrom('items').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(10);
      expect(engine.pool.stats().created).toBe(1);
      await db.destroy();
    });
  });
}

describe('PoolSqliteDialect: what it refuses', () => {
  it('needs an engine on a sqlite:// URL', () => {
    expect(() => new PoolSqliteDialect({ engine: {} as never })).toThrow(expect.objectContaining({ code: 'POOL_CONFIG', option: 'engine' }) as Error);
    expect(() => new PoolSqliteDialect({ engine: createAnyEngine('mysql://u@h/d', { logger: quietLogger() }) })).toThrow(/sqlite:\/\//);
  });
});
