import pg from 'pg';
import { toPgPool } from '@pool/pg';
import { waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { facadeScope } from './facade-scope.js';

const ENDED = 'Cannot use a pool after calling end on the pool';
const ENDED_TWICE = 'Called end on pool more than once';

describe('toPgPool: end()', () => {
  it('disposes the engine: ending, then ended, and no session of it left on the server', async () => {
    await using s = await facadeScope();
    await Promise.all([s.pool.query('SELECT 1'), s.pool.query('SELECT 2')]);
    expect((await s.scope.sessions()).length).toBe(2);
    const ending = s.pool.end();
    expect([s.pool.ending, s.pool.ended]).toEqual([true, false]);
    await ending;
    expect(s.pool.ended).toBe(true);
    expect(s.engine.pool.stats().open).toBe(0);
    await waitFor(async () => (await s.scope.sessions()).length === 0, { what: 'every session to end' });
  });

  it("a second end() rejects as pg.Pool's does, and end(callback) gets the error", async () => {
    await using s = await facadeScope();
    // @types/pg types end's callback without the error pg-pool passes it.
    const end = s.pool.end.bind(s.pool) as (callback: (error?: Error) => void) => void;
    const first = await new Promise((resolve) => {
      expect(end(resolve)).toBeUndefined();
    });
    expect(first).toBeUndefined();
    await expect(s.pool.end()).rejects.toThrow(ENDED_TWICE);
    const error = await new Promise((resolve) => end(resolve));
    expect(error).toMatchObject({ message: ENDED_TWICE });
  });

  it('connect() and query() after end() fail with the error pg.Pool gives, promise and callback alike', async () => {
    await using s = await facadeScope();
    await s.pool.end();
    await expect(s.pool.connect()).rejects.toThrow(ENDED);
    await expect(s.pool.query('SELECT 1')).rejects.toThrow(ENDED);
    const errors = await Promise.all([
      new Promise((resolve) => s.pool.connect((error) => resolve(error))),
      new Promise((resolve) => s.pool.query('SELECT 1', (error) => resolve(error))),
    ]);
    expect(errors).toMatchObject([{ message: ENDED }, { message: ENDED }]);
    expect(s.engine.pool.stats().checkouts).toBe(0);
  });

  it('queries issued before end() still complete, including those waiting for a connection', async () => {
    await using s = await facadeScope({ poolSize: 2, maxOverflow: 0 });
    const queries = Array.from({ length: 20 }, (_, i) => s.pool.query<{ i: number }>('SELECT $1::int AS i', [i]));
    await s.pool.end();
    const results = await Promise.all(queries);
    expect(results.map((result) => result.rows[0]!.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(s.engine.pool.stats()).toMatchObject({ open: 0, checkouts: 20 });
  });

  it('end() resolves only once the clients it handed out are back, and closes them then', async () => {
    await using s = await facadeScope();
    const client = await s.pool.connect();
    const pid = await s.pid(client);
    let ended = false;
    const ending = s.pool.end().then(() => (ended = true));
    await waitFor(() => s.engine.pool.stats().checkedIn === 0);
    expect(ended).toBe(false);
    expect((await client.query('SELECT 1 AS still')).rows).toEqual([{ still: 1 }]);
    client.release();
    await ending;
    expect(s.pool.ended).toBe(true);
    await waitFor(async () => !(await s.scope.sessions()).includes(pid), { what: 'the returned session to close' });
  });

  it('a client the pool closed while out (a disconnect seen on it) does not hold up end(), released or not', async () => {
    await using s = await facadeScope();
    const lost = await s.pool.connect();
    const pid = await s.pid(lost);
    await s.scope.kill(pid);
    // The library sees the disconnect and loses track of the client, as Drizzle does when BEGIN fails.
    await expect(lost.query('BEGIN')).rejects.toThrow();
    await s.pool.end();
    expect(s.pool.ended).toBe(true);
    expect(() => lost.release()).not.toThrow();
  });

  it('the engine stays usable after end(), and a new facade over it works', async () => {
    await using s = await facadeScope();
    await s.pool.end();
    expect((await s.engine.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    const again = toPgPool(s.engine, { pg });
    expect((await again.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    await again.end();
  });
});
