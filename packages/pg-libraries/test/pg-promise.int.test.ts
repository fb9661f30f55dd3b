import pg from 'pg';
import pgPromise from 'pg-promise';
import type { PgEngine } from '@pool/pg';
import { createEngine, toPgModule } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, waitFor } from '@pool/testkit';
import { describe, expect, it, vi } from 'vitest';
import type { LibraryHandle } from './library-suite.js';
import { describeLibrary } from './library-suite.js';
import { versionOf } from './version-of.js';

type Pgp = ReturnType<typeof pgPromise>;

/** pg-promise keeps `pgp.pg` replaceable: its pools are then made by @pool. */
function pgpOver(engine: PgEngine): { pgp: Pgp; db: ReturnType<Pgp> } {
  // noWarnings: the tests make many databases for the same (empty) connection settings.
  const pgp = pgPromise({ noWarnings: true });
  (pgp as { pg: unknown }).pg = toPgModule(engine, { pg });
  return { pgp, db: pgp({}) };
}

describeLibrary({
  name: `pg-promise ${versionOf('pg-promise')} (pgp.pg)`,
  async open(engine): Promise<LibraryHandle> {
    const { pgp, db } = pgpOver(engine);
    return {
      selectNumber: (n) => db.one('SELECT $1::int AS n', [n], (row: { n: number }) => row.n),
      backendPid: () => db.one('SELECT pg_backend_pid() AS pid', [], (row: { pid: number }) => row.pid),
      async sleep(seconds) {
        await db.any('SELECT pg_sleep($1)', [seconds]);
      },
      async insert(table, rows) {
        const result = await db.result(pgp.helpers.insert([...rows], ['id', 'v'], table));
        return result.rowCount;
      },
      async transaction(table, row, error) {
        await db.tx(async (t) => {
          await t.none(pgp.helpers.insert(row, ['id', 'v'], table));
          if (error) throw error;
        });
      },
      async raw(text) {
        await db.none(text);
      },
      close: () => db.$pool.end(),
    };
  },
});

describe('pg-promise on @pool: what only pg-promise does', () => {
  it('a task keeps one client for its statements, and releases it once', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 2, maxOverflow: 0, logger: quietLogger() });
    const { db } = pgpOver(engine);
    const pids = await db.task(async (t) => {
      const first = await t.one('SELECT pg_backend_pid() AS pid', [], (row: { pid: number }) => row.pid);
      const second = await t.one('SELECT pg_backend_pid() AS pid', [], (row: { pid: number }) => row.pid);
      return [first, second];
    });
    expect(pids[0]).toBe(pids[1]);
    expect(engine.pool.stats()).toMatchObject({ checkouts: 1, checkedOut: 0 });
    await db.$pool.end();
  });

  it("a client whose session dies inside a task is closed by the pool without pg-promise's 'Abnormal client.end()' complaint", async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
    const { db } = pgpOver(engine);
    const complaints = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failure: unknown = await db.task(async (t) => {
        const pid = await t.one('SELECT pg_backend_pid() AS pid', [], (row: { pid: number }) => row.pid);
        await scope.kill!(pid);
        await t.one('SELECT 1 AS one');
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      await waitFor(() => engine.pool.stats().open === 0, { what: 'the dead connection to close' });
      expect(complaints.mock.calls.flat().join(' ')).not.toContain('Abnormal client.end()');
    } finally {
      complaints.mockRestore();
    }
    expect(await db.one('SELECT 2 AS two')).toEqual({ two: 2 });
    await db.$pool.end();
  });

  it('toPgModule(engineOptions): the connection details given to pgp() make the engine', async () => {
    await using scope = await pgScope(pgUrl());
    const pgp = pgPromise({ noWarnings: true });
    (pgp as { pg: unknown }).pg = toPgModule({ poolSize: 2, prePing: true, logger: quietLogger() }, { pg });
    const db = pgp({ connectionString: scope.url, statement_timeout: 4321 });
    expect(await db.one('SHOW statement_timeout')).toEqual({ statement_timeout: '4321ms' });
    expect((await scope.sessions!()).length).toBe(1);
    await db.$pool.end();
    await waitFor(async () => (await scope.sessions!()).length === 0, { what: 'the engine made for pgp() to close' });
  });
});
