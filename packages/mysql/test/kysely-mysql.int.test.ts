import { toMysqlPool } from '@pool/mysql';
import { Kysely as Kysely028, MysqlDialect as MysqlDialect028, sql as sql028 } from 'kysely';
import { Kysely as Kysely029, MysqlDialect as MysqlDialect029, sql as sql029 } from 'kysely-029';
import { waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import type { LibraryClient, LibraryUnderTest } from './library-harness.js';
import { describeLibraryScenarios, libraryFixture, serverIds } from './library-harness.js';
import { packageVersion } from './package-version.js';

interface Database {
  items: { id: number; v: string };
}

// Kysely 0.28 and 0.29 have the same query API for what is used here; each version runs with its own classes.
const versions = [
  { name: `Kysely ${packageVersion('kysely')}`, Kysely: Kysely028, MysqlDialect: MysqlDialect028, sql: sql028, killSession: false },
  { name: `Kysely ${packageVersion('kysely-029')}`, Kysely: Kysely029 as unknown as typeof Kysely028, MysqlDialect: MysqlDialect029 as unknown as typeof MysqlDialect028, sql: sql029 as unknown as typeof sql028, killSession: true },
];

/** Kysely 0.29's execute options: an abort signal, and what to do with the statement in flight. */
interface AbortOptions {
  signal: AbortSignal;
  inflightQueryAbortStrategy: 'kill session';
}

for (const { name, Kysely, MysqlDialect, sql, killSession } of versions) {
  const kysely: LibraryUnderTest = {
    name,
    shutdownEndsPool: true,
    open(engine) {
      const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: toMysqlPool(engine) }) });
      const client: LibraryClient = {
        async selectTwo() {
          const { rows } = await sql<{ two: number }>`select 1 + 1 as two`.execute(db);
          return Number(rows[0]?.two);
        },
        async insert(id, v) {
          const result = await db.insertInto('items').values({ id, v }).executeTakeFirstOrThrow();
          return Number(result.numInsertedOrUpdatedRows);
        },
        async count() {
          const row = await db.selectFrom('items').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
          return Number(row.n);
        },
        async transaction(ids, fail) {
          await db.transaction().execute(async (trx) => {
            for (const id of ids) await trx.insertInto('items').values({ id, v: `v${id}` }).execute();
            if (fail) throw new Error('rolled back on purpose');
          });
        },
        async sleep(seconds) {
          await sql`select sleep(${seconds})`.execute(db);
        },
        shutdown: () => db.destroy(),
      };
      return Promise.resolve(client);
    },
  };

  describeLibraryScenarios(kysely);

  describe(`${name} over toMysqlPool: streaming and pitfalls`, () => {
    it('streams a result row by row, and breaking out early gives the connection back', async () => {
      await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
      const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: toMysqlPool(fixture.engine) }) });
      // 2 MB of rows: more than the socket buffers hold, so mysql2 pauses the connection while the stream waits.
      const wide = 'x'.repeat(100);
      await db.insertInto('items').values(Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, v: wide }))).execute();
      let seen = 0;
      for await (const row of db.selectFrom('items').selectAll().orderBy('id').stream(10)) {
        seen++;
        expect(row.id).toBe(seen);
      }
      expect(seen).toBe(20_000);
      for await (const row of db.selectFrom('items').selectAll().orderBy('id').stream(1)) {
        if (row.id === 5) break;
      }
      // One connection only: the next statement proves the early break released a usable connection.
      expect(Number((await db.selectFrom('items').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(20_000);
      expect(fixture.engine.pool.stats()).toMatchObject({ checkedOut: 0, created: 1 });
      await db.destroy();
    });

    it('a connection returned inside a transaction it opened itself is rolled back before reuse', async () => {
      await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
      const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: toMysqlPool(fixture.engine) }) });
      await db.connection().execute(async (conn) => {
        await sql`start transaction`.execute(conn);
        await conn.insertInto('items').values({ id: 7, v: 'never committed' }).execute();
      });
      expect(await serverIds(fixture)).toEqual([]);
      const { rows } = await sql<{ n: number }>`select @@in_transaction as n`.execute(db);
      expect(Number(rows[0]?.n)).toBe(0);
      await db.destroy();
    });

    it('BEGIN failing: the transaction rejects, the connection goes back and is not reused broken', async () => {
      await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
      const pool = toMysqlPool(fixture.engine);
      const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
      await sql`select 1`.execute(db);
      const before = await fixture.scope.sessions();
      // An XA transaction left open makes START TRANSACTION fail (ER_XAER_RMFAIL).
      pool.once('acquire', (raw: { query(sql: string, callback: () => void): void }) => raw.query("XA START 'kysely-begin-fails'", () => undefined));
      await expect(db.transaction().execute(async (trx) => trx.insertInto('items').values({ id: 1, v: 'x' }).execute())).rejects.toMatchObject({ code: 'ER_XAER_RMFAIL' });
      // Kysely released it; the reset on return (ROLLBACK) fails in the XA state, so the engine closes it.
      await waitFor(() => fixture.engine.pool.stats().checkedOut === 0, { what: 'the connection to be given back' });
      expect(fixture.engine.pool.stats().invalidated).toBe(1);
      await db.transaction().execute(async (trx) => trx.insertInto('items').values({ id: 2, v: 'after' }).execute());
      expect(await serverIds(fixture)).toEqual([2]);
      // The connection that could not be reset was closed, not handed out again.
      expect((await fixture.scope.sessions()).filter((id) => before.includes(id))).toEqual([]);
      await db.destroy();
    });

    // 0.29's abortable statements; 0.28 has none.
    if (killSession) {
      it("an aborted statement with 'kill session': destroy() frees the engine's slot at once and the session ends", async () => {
        await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0 });
        const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: toMysqlPool(fixture.engine) }) });
        await sql`select 1`.execute(db);
        const [victim] = await fixture.scope.sessions();
        const abort = new AbortController();
        const query = sql`select sleep(5)`;
        const running = (query.execute as (db: unknown, options: AbortOptions) => Promise<unknown>).call(query, db, { signal: abort.signal, inflightQueryAbortStrategy: 'kill session' });
        await waitFor(async () => (await fixture.scope.admin("SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE 'select sleep%'", [victim])).length === 1, { what: 'the sleep to run' });
        abort.abort(new Error('caller gave up'));
        await expect(running).rejects.toThrow('caller gave up');
        // Kysely destroyed the connection (the engine invalidated it) and killed the session from another one.
        await waitFor(async () => !(await fixture.scope.sessions()).includes(victim!), { what: 'the killed session to end' });
        expect(fixture.engine.pool.stats().invalidated).toBe(1);
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
        expect(rows).toEqual([{ one: 1 }]);
        await db.destroy();
      });
    }
  });
}
