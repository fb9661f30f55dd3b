import pg from 'pg';
import knexFactory from 'knex';
import type { Knex } from 'knex';
import type { PgEngine } from '@pool/pg';
import { createEngine, toPgPool } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import type { LibraryHandle } from './library-suite.js';
import { describeLibrary } from './library-suite.js';
import { versionOf } from './version-of.js';

function knexOver(engine: PgEngine): { knex: Knex; pool: ReturnType<typeof toPgPool<typeof pg>> } {
  const pool = toPgPool(engine, { pg });
  // knex 3.3's connectionPool: knex checks clients out of the pool and never owns it.
  return { pool, knex: knexFactory({ client: 'pg', connectionPool: pool }) };
}

describeLibrary({
  name: `knex ${versionOf('knex')} (connectionPool)`,
  async open(engine): Promise<LibraryHandle> {
    const { knex, pool } = knexOver(engine);
    return {
      async selectNumber(n) {
        const { rows } = await knex.raw<{ rows: { n: number }[] }>('SELECT ?::int AS n', [n]);
        return rows[0]!.n;
      },
      async backendPid() {
        const row = await knex.select(knex.raw('pg_backend_pid() AS pid')).first<{ pid: number }>();
        return row.pid;
      },
      async sleep(seconds) {
        await knex.raw('SELECT pg_sleep(?)', [seconds]);
      },
      async insert(table, rows) {
        const result = (await knex(table).insert([...rows])) as unknown as { rowCount: number };
        return result.rowCount;
      },
      async transaction(table, row, error) {
        await knex.transaction(async (trx) => {
          await trx(table).insert(row);
          if (error) throw error;
        });
      },
      async raw(text) {
        await knex.raw(text);
      },
      // knex.destroy() leaves an external pool alone: its owner ends it.
      async close() {
        await knex.destroy();
        await pool.end();
      },
    };
  },
});

describe('knex on @pool: what only knex does', () => {
  // knex 3.3 releases a connection it acquired for a stream twice (in ensureConnection's finally
  // and on the stream's close); pg.Pool, and so the facade, throws on the second release from
  // a stream event handler: an uncaught exception, with pg.Pool as with @pool. A client passed
  // with .connection() is released once, on close: that is how to stream.
  it('streams through pg-query-stream on a client passed with .connection(), released once when the stream closes', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
    const { knex, pool } = knexOver(engine);
    const seen: number[] = [];
    const stream = knex.select(knex.raw('generate_series(1, 500) AS n')).connection(await pool.connect()).stream();
    for await (const row of stream as AsyncIterable<{ n: number }>) seen.push(row.n);
    expect(seen.length).toBe(500);
    await waitFor(() => engine.pool.stats().checkedOut === 0, { what: 'the stream to give its client back' });
    expect(await knex.raw('SELECT 1 AS one')).toMatchObject({ rows: [{ one: 1 }] });
    await knex.destroy();
    await pool.end();
  });

  it('UPDATE and DELETE report their counts, and RETURNING rows come back', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 2, maxOverflow: 0, logger: quietLogger() });
    const { knex, pool } = knexOver(engine);
    const table = await scope.createTable();
    expect(await knex(table).insert([{ id: 2, v: 'two' }, { id: 3, v: 'three' }]).returning('id')).toEqual([{ id: 2 }, { id: 3 }]);
    expect(await knex(table).where('id', '>', 1).update({ v: 'x' })).toBe(2);
    expect(await knex(table).del()).toBe(3);
    await knex.destroy();
    await pool.end();
  });
});
