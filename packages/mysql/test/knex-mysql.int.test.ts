import { toMysqlPool } from '@pool/mysql';
import type { Engine } from '@pool/core';
import type { MysqlRaw } from '@pool/mysql';
import { waitFor } from '@pool/testkit';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import type { LibraryClient, LibraryUnderTest } from './library-harness.js';
import { describeLibraryScenarios, libraryFixture, serverIds } from './library-harness.js';
import { packageVersion } from './package-version.js';

const name = `knex ${packageVersion('knex')}`;

/** knex over the engine: its `connectionPool` takes a native mysql2 pool (knex ≥ 3.3). */
function knexOver(engine: Engine<MysqlRaw>): Knex {
  // knex's typings expect `end(cb?: (err?: Error) => void)`, which mysql2's own Pool type does not match either.
  return knexFactory({ client: 'mysql2', connectionPool: toMysqlPool(engine) as Knex.Config['connectionPool'] });
}

/** `knex.raw` on mysql2 answers `[rows or header, fields]`. */
type Raw = [Record<string, unknown>[] & { affectedRows?: number }, unknown];

const knexLib: LibraryUnderTest = {
  name,
  // knex does not own a pool it was given: destroy() leaves it to the application (here: engine.dispose()).
  shutdownEndsPool: false,
  open(engine) {
    const knex = knexOver(engine);
    const client: LibraryClient = {
      async selectTwo() {
        const [rows] = (await knex.raw('select 1 + 1 as two')) as Raw;
        return Number(rows[0]?.two);
      },
      async insert(id, v) {
        // knex's insert() answers the insert id on MySQL; the affected count comes with raw SQL.
        const { sql, bindings } = knex('items').insert({ id, v }).toSQL();
        const [header] = (await knex.raw(sql, bindings)) as Raw;
        return Number(header.affectedRows);
      },
      async count() {
        const [row] = await knex('items').count({ n: '*' });
        return Number(row?.n);
      },
      async transaction(ids, fail) {
        await knex.transaction(async (trx) => {
          for (const id of ids) await trx('items').insert({ id, v: `v${id}` });
          if (fail) throw new Error('rolled back on purpose');
        });
      },
      async sleep(seconds) {
        await knex.raw('select sleep(?)', [seconds]);
      },
      shutdown: () => knex.destroy(),
    };
    return Promise.resolve(client);
  },
};

describeLibraryScenarios(knexLib);

describe(`${name} over toMysqlPool: updates, streaming and pitfalls`, () => {
  it('update() and del() report the affected rows', async () => {
    await using fixture = await libraryFixture({ poolSize: 2, maxOverflow: 0 });
    const knex = knexOver(fixture.engine);
    await knex('items').insert([{ id: 1, v: 'a' }, { id: 2, v: 'b' }, { id: 3, v: 'c' }]);
    expect(await knex('items').where('id', '<', 3).update({ v: 'z' })).toBe(2);
    expect(await knex('items').where('id', 3).del()).toBe(1);
    await knex.destroy();
  });

  it('stream() reads a result row by row on one checked-out connection', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const knex = knexOver(fixture.engine);
    await knex('items').insert(Array.from({ length: 200 }, (_, i) => ({ id: i + 1, v: `v${i + 1}` })));
    const ids: number[] = [];
    for await (const row of knex('items').select('id').orderBy('id').stream()) ids.push(Number((row as { id: number }).id));
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0);
    await knex.destroy();
  });

  it('a connection returned inside a transaction (knex.connection) is rolled back before reuse', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const knex = knexOver(fixture.engine);
    const client = knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(conn: unknown): Promise<void> };
    const conn = await client.acquireConnection();
    await knex.raw('start transaction').connection(conn);
    await knex('items').insert({ id: 1, v: 'never committed' }).connection(conn);
    await client.releaseConnection(conn);
    const [rows] = (await knex.raw('select @@in_transaction as t')) as Raw;
    expect(Number(rows[0]?.t)).toBe(0);
    expect(await serverIds(fixture)).toEqual([]);
    await knex.destroy();
  });

  it('BEGIN failing: the transaction rejects and knex gives the connection back; it is not reused broken', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
    const pool = toMysqlPool(fixture.engine);
    const knex = knexFactory({ client: 'mysql2', connectionPool: pool as Knex.Config['connectionPool'] });
    pool.once('acquire', (raw: { query(sql: string, callback: () => void): void }) => raw.query("XA START 'knex-begin-fails'", () => undefined));
    await expect(knex.transaction(async (trx) => trx('items').insert({ id: 1, v: 'x' }))).rejects.toMatchObject({ code: 'ER_XAER_RMFAIL' });
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0, { what: 'knex to give the connection back' });
    expect(fixture.engine.pool.stats().invalidated).toBe(1);
    await knex.transaction(async (trx) => trx('items').insert({ id: 2, v: 'after' }));
    expect(await serverIds(fixture)).toEqual([2]);
    await knex.destroy();
  });
});
