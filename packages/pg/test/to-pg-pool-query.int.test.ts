import pg from 'pg';
import { waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { facadeScope } from './facade-scope.js';

describe('toPgPool: query()', () => {
  it("returns node-postgres's full result: rows, rowCount, command, fields", async () => {
    await using s = await facadeScope();
    const result = await s.pool.query('SELECT $1::int AS n, $2::text AS t', [7, 'x']);
    expect(result.rows).toEqual([{ n: 7, t: 'x' }]);
    expect(result.rowCount).toBe(1);
    expect(result.command).toBe('SELECT');
    expect(result.fields.map((field) => [field.name, field.dataTypeID])).toEqual([['n', 23], ['t', 25]]);
  });

  it('reports the rows an INSERT, UPDATE and DELETE touched', async () => {
    await using s = await facadeScope();
    const table = await s.scope.createTable();
    const insert = await s.pool.query(`INSERT INTO ${table} VALUES (2, 'two'), (3, 'three'), (4, 'four')`);
    expect([insert.command, insert.rowCount]).toEqual(['INSERT', 3]);
    const update = await s.pool.query(`UPDATE ${table} SET v = 'x' WHERE id >= $1`, [3]);
    expect([update.command, update.rowCount]).toEqual(['UPDATE', 2]);
    const remove = await s.pool.query(`DELETE FROM ${table}`);
    expect([remove.command, remove.rowCount]).toEqual(['DELETE', 4]);
  });

  it("passes config objects through: rowMode 'array', per-query types, a named prepared statement", async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const arrays = await s.pool.query({ text: 'SELECT 1 AS a, 2 AS b', rowMode: 'array' });
    expect(arrays.rows).toEqual([[1, 2]]);
    const types = { getTypeParser: () => (value: string) => `parsed:${value}` };
    const typed = await s.pool.query({ text: 'SELECT 5::int AS n', types });
    expect(typed.rows).toEqual([{ n: 'parsed:5' }]);
    const name = 'pool_facade_prepared';
    for (const n of [1, 2]) {
      expect((await s.pool.query({ name, text: 'SELECT $1::int AS n', values: [n] })).rows).toEqual([{ n }]);
    }
    const { rows } = await s.pool.query('SELECT count(*)::int AS c FROM pg_prepared_statements WHERE name = $1', [name]);
    expect(rows).toEqual([{ c: 1 }]);
  });

  it('calls back (text, callback) and (text, values, callback), returning undefined', async () => {
    await using s = await facadeScope();
    const results = await Promise.all([
      new Promise((resolve, reject) => {
        expect(s.pool.query('SELECT 1 AS one', (error, res) => (error ? reject(error) : resolve(res.rows)))).toBeUndefined();
      }),
      new Promise((resolve, reject) => {
        expect(s.pool.query('SELECT $1::text AS name', ['pg'], (error, res) => (error ? reject(error) : resolve(res.rows)))).toBeUndefined();
      }),
      new Promise((resolve) => {
        s.pool.query('SELECT nope', (error) => resolve((error as { code?: string }).code));
      }),
    ]);
    expect(results).toEqual([[{ one: 1 }], [{ name: 'pg' }], '42703']);
  });

  it('answers a callback in place of the text with an error, as pg-pool does', async () => {
    await using s = await facadeScope();
    const error = await new Promise((resolve) => {
      (s.pool.query as unknown as (cb: (error: unknown) => void) => void)((thrown) => resolve(thrown));
    });
    expect(error).toBeInstanceOf(Error);
    expect(s.engine.pool.stats().checkouts).toBe(0);
  });

  it('a failed query rejects and gives its connection back for reuse (the engine resets it; pg-pool would close it)', async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const before = await s.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await expect(s.pool.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    await expect(s.pool.query(null as unknown as string)).rejects.toBeInstanceOf(TypeError);
    const after = await s.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(after.rows[0]!.pid).toBe(before.rows[0]!.pid);
    expect(s.engine.pool.stats()).toMatchObject({ checkedOut: 0, closed: 0 });
  });

  it('a disconnect during pool.query fails that query only, and the dead connection is not reused', async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const { rows } = await s.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]!.pid;
    const sleeping = s.pool.query('SELECT pg_sleep(30)').then(() => undefined, (error: unknown) => error);
    await waitFor(async () => (await s.scope.admin('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]))[0]?.state === 'active', { what: 'pg_sleep to run' });
    await s.scope.kill(pid);
    expect(await sleeping).toMatchObject({ code: '57P01' });
    const again = await s.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(again.rows[0]!.pid).not.toBe(pid);
    expect(s.engine.pool.stats().invalidated).toBe(1);
  });

  it('the client a checkout hands out runs pg-cursor style submittables and pg.Query objects', async () => {
    await using s = await facadeScope();
    const client = await s.pool.connect();
    const rows = await new Promise((resolve, reject) => {
      const query = new pg.Query('SELECT generate_series(1, 3) AS n');
      const seen: unknown[] = [];
      query.on('row', (row: unknown) => seen.push(row));
      query.on('end', () => resolve(seen));
      query.on('error', reject);
      client.query(query);
    });
    expect(rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    client.release();
  });
});
