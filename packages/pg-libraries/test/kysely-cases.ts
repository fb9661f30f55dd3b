import pg from 'pg';
import Cursor from 'pg-cursor';
import type * as KyselyModule from 'kysely';
import type { PgEngine } from '@pool/pg';
import { createEngine, toPgPool } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import type { LibraryHandle } from './library-suite.js';
import { describeLibrary } from './library-suite.js';
import { versionOf } from './version-of.js';

// Tables are made per test, so the database type is open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = KyselyModule.Kysely<any>;

/** Kysely as the tests use it: 0.28 and 0.29 share this API. */
export type Kysely = Pick<typeof KyselyModule, 'Kysely' | 'PostgresDialect' | 'sql'>;

/** The suite and Kysely's own cases, for one Kysely release (`name` is its package, maybe an alias). */
export function describeKysely(k: Kysely, name: string): void {
  const { sql } = k;
  const kyselyOver = (engine: PgEngine): Db => new k.Kysely({ dialect: new k.PostgresDialect({ pool: toPgPool(engine, { pg }), cursor: Cursor }) });

  describeLibrary({
    name: `Kysely ${versionOf(name)}`,
    async open(engine): Promise<LibraryHandle> {
      const db = kyselyOver(engine);
      return {
        async selectNumber(n) {
          const { rows } = await sql<{ n: number }>`SELECT ${n}::int AS n`.execute(db);
          return rows[0]!.n;
        },
        async backendPid() {
          const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
          return rows[0]!.pid;
        },
        async sleep(seconds) {
          await sql`SELECT pg_sleep(${seconds})`.execute(db);
        },
        async insert(table, rows) {
          const result = await db.insertInto(table).values([...rows]).executeTakeFirstOrThrow();
          return Number(result.numInsertedOrUpdatedRows);
        },
        async transaction(table, row, error) {
          await db.transaction().execute(async (trx) => {
            await trx.insertInto(table).values(row).execute();
            if (error) throw error;
          });
        },
        async raw(text) {
          await sql.raw(text).execute(db);
        },
        close: () => db.destroy(),
      };
    },
  });

  describe(`Kysely ${versionOf(name)} on @pool: what only Kysely does`, () => {
    it('streams through pg-cursor, and a stream abandoned early gives its connection back', async () => {
      await using scope = await pgScope(pgUrl());
      await using engine = createEngine(scope.url, { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
      const db = kyselyOver(engine);
      const series = (size: number) => db.selectFrom(sql<{ n: number }>`generate_series(1, ${size})`.as('n')).select('n');
      const seen: number[] = [];
      for await (const row of series(1000).stream(100)) seen.push(row.n as number);
      expect(seen.length).toBe(1000);
      expect(seen.at(-1)).toBe(1000);
      for await (const row of series(1000).stream(10)) {
        if (row.n === 5) break;
      }
      await waitFor(() => engine.pool.stats().checkedOut === 0, { what: 'the stream to give its connection back' });
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(db);
      expect(rows).toEqual([{ one: 1 }]);
      await db.destroy();
    });

    it('caches one connection per client: onCreateConnection runs once per physical connection', async () => {
      await using engine = createEngine(pgUrl(), { poolSize: 2, maxOverflow: 0, logger: quietLogger() });
      const created: number[] = [];
      const db: Db = new k.Kysely({
        dialect: new k.PostgresDialect({
          pool: toPgPool(engine, { pg }),
          onCreateConnection: async (connection) => {
            const { rows } = await connection.executeQuery<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`.compile(db));
            created.push(rows[0]!.pid);
          },
        }),
      });
      for (let i = 0; i < 5; i++) await Promise.all([sql`SELECT 1`.execute(db), sql`SELECT 2`.execute(db)]);
      expect(created.length).toBe(engine.pool.stats().created);
      expect(new Set(created).size).toBe(created.length);
      await db.destroy();
    });

    it('a failed rollback makes Kysely discard the connection with release(true), and the engine closes it', async () => {
      await using scope = await pgScope(pgUrl());
      await using engine = createEngine(scope.url, { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
      const db = kyselyOver(engine);
      const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;
      await expect(db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        await scope.kill!(pid);
        throw new Error('rolled back on a dead session');
      })).rejects.toThrow();
      await waitFor(() => engine.pool.stats().open === 0 && engine.pool.stats().checkedOut === 0, { what: 'the discarded connection to close' });
      const again = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;
      expect(again).not.toBe(pid);
      await db.destroy();
    });
  });
}
