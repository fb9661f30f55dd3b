import type { Engine } from '@pool/core';
import type { MysqlRaw } from '@pool/mysql';
import { toMysqlModule } from '@pool/mysql';
import { waitFor } from '@pool/testkit';
import { DataSource, EntitySchema } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { LibraryClient, LibraryUnderTest } from './library-harness.js';
import { describeLibraryScenarios, libraryFixture, serverIds } from './library-harness.js';
import { packageVersion } from './package-version.js';

interface Item {
  id: number;
  v: string;
}

const ItemSchema = new EntitySchema<Item>({
  name: 'Item',
  tableName: 'items',
  columns: { id: { type: Number, primary: true }, v: { type: String, length: 100 } },
});

const name = `TypeORM ${packageVersion('typeorm')}`;

/** TypeORM's `driver` option takes the mysql2 module; toMysqlModule's createPool is over the engine. */
async function dataSourceOver(engine: Engine<MysqlRaw>): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'mysql', driver: toMysqlModule(engine), entities: [ItemSchema], logging: false });
  return dataSource.initialize();
}

const typeorm: LibraryUnderTest = {
  name,
  shutdownEndsPool: true,
  async open(engine) {
    const ds = await dataSourceOver(engine);
    const items = ds.getRepository(ItemSchema);
    const client: LibraryClient = {
      async selectTwo() {
        const rows = await ds.query<{ two: number }[]>('select 1 + 1 as two');
        return Number(rows[0]?.two);
      },
      async insert(id, v) {
        const result = await items.insert({ id, v });
        return (result.raw as { affectedRows: number }).affectedRows;
      },
      count: () => items.count(),
      async transaction(ids, fail) {
        await ds.transaction(async (manager) => {
          for (const id of ids) await manager.insert(ItemSchema, { id, v: `v${id}` });
          if (fail) throw new Error('rolled back on purpose');
        });
      },
      async sleep(seconds) {
        await ds.query('select sleep(?)', [seconds]);
      },
      shutdown: () => ds.destroy(),
    };
    return client;
  },
};

describeLibraryScenarios(typeorm);

describe(`${name} over toMysqlModule: its settings, query runners and pitfalls`, () => {
  it('the settings TypeORM gives its pool (supportBigNumbers, bigNumberStrings) reach its connections', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const ds = await dataSourceOver(fixture.engine);
    expect(await ds.query('select cast(9007199254740993 as unsigned) as big')).toEqual([{ big: '9007199254740993' }]);
    await ds.destroy();
    // The engine's own checkouts keep the engine's settings.
    expect((await fixture.engine.query('select cast(1 as unsigned) as one')).rows).toEqual([{ one: 1 }]);
  });

  it('a query runner released inside a transaction is rolled back; releasing it twice does nothing', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const ds = await dataSourceOver(fixture.engine);
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.query('START TRANSACTION');
    await runner.query("INSERT INTO items VALUES (1, 'never committed')");
    await runner.release();
    await runner.release();
    const [row] = await ds.query<{ t: string }[]>('select @@in_transaction as t');
    expect(Number(row?.t)).toBe(0);
    expect(await serverIds(fixture)).toEqual([]);
    await ds.destroy();
  });

  it('BEGIN failing: the transaction rejects, TypeORM releases the connection, it is not reused broken', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const ds = await dataSourceOver(fixture.engine);
    // TypeORM made its pool with toMysqlModule's createPool: the adapter's events are there.
    const pool = (ds.driver as unknown as { pool: { once(event: 'acquire', listener: (raw: { query(sql: string, callback: () => void): void }) => void): void } }).pool;
    // An XA transaction left open makes START TRANSACTION fail (ER_XAER_RMFAIL).
    pool.once('acquire', (raw) => raw.query("XA START 'typeorm-begin-fails'", () => undefined));
    await expect(ds.transaction(async (manager) => manager.insert(ItemSchema, { id: 9, v: 'x' }))).rejects.toMatchObject({ driverError: { code: 'ER_XAER_RMFAIL' } });
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0, { what: 'the connection to come back' });
    expect(fixture.engine.pool.stats().invalidated).toBe(1);
    await ds.transaction(async (manager) => manager.insert(ItemSchema, { id: 2, v: 'after' }));
    expect(await serverIds(fixture)).toEqual([2]);
    await ds.destroy();
  });
});
