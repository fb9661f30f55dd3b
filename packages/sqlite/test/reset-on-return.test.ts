import { describe, expect, it } from 'vitest';
import { count, sqliteEngine, tempFolder } from './helpers.js';

describe('reset on return', () => {
  it("rolls back a writer's open transaction, so the next user sees clean state", async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url(), { poolSize: 1, maxOverflow: 0 });
    await engine.query('CREATE TABLE orders (id INTEGER)');
    const resets: string[] = [];
    engine.pool.on('reset', (_info, mode) => resets.push(mode));

    const writer = await engine.connect();
    const writerPid = await writer.backendPid();
    await writer.begin();
    await writer.query('INSERT INTO orders VALUES (1)');
    await writer.release();

    await using next = await engine.connect();
    expect(await next.backendPid()).toBe(writerPid);
    expect(next.raw.inTransaction).toBe(false);
    expect((await next.query('SELECT COUNT(*) AS n FROM orders')).rows).toEqual([{ n: 0 }]);
    expect(resets).toEqual(['rollback']);
  });

  it('counts a transaction opened with BEGIN as SQL', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url());
    await engine.query('CREATE TABLE t (x INTEGER)');
    const conn = await engine.connect();
    await conn.query('BEGIN');
    await conn.query('INSERT INTO t VALUES (1)');
    await conn.release();
    expect(await count(engine, 'SELECT COUNT(*) AS n FROM t')).toBe(0);
  });

  it('frees the write lock on return, so another connection can write at once', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url('lock.db', 'timeout=0'));
    await engine.query('CREATE TABLE t (x INTEGER)');
    await using other = await engine.connect();
    const writer = await engine.connect();
    await writer.begin();
    await writer.query('INSERT INTO t VALUES (1)');
    await writer.release();
    // With timeout=0 this would fail with SQLITE_BUSY if the writer still held the lock.
    await other.begin();
    await other.query('INSERT INTO t VALUES (2)');
    await other.commit();
    expect((await engine.query('SELECT x FROM t')).rows).toEqual([{ x: 2 }]);
  });

  it('skips the rollback when the library says no transaction is open', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url());
    let resets = 0;
    engine.pool.on('reset', () => resets++);
    await engine.query('SELECT 1');
    await engine.transaction(async (conn) => conn.query('SELECT 1'));
    expect(resets).toBe(0);
  });
});
