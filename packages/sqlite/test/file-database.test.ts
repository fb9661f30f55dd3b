import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { count, sqliteEngine, tempFolder } from './helpers.js';

describe('file databases', () => {
  it('open in WAL mode with a path taken from sqlite:////absolute.db', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url('wal.db'));
    await using conn = await engine.connect();
    expect(conn.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.raw.name).toBe(`${tmp.dir}/wal.db`);
  });

  it("let two connections on one file see each other's committed rows, and only those", async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url());
    await using a = await engine.connect();
    await using b = await engine.connect();
    expect(await a.backendPid()).not.toBe(await b.backendPid());

    await a.query('CREATE TABLE notes (body TEXT)');
    await a.query('INSERT INTO notes VALUES (?)', ['from a']);
    expect((await b.query('SELECT body FROM notes')).rows).toEqual([{ body: 'from a' }]);

    await b.begin();
    await b.query('INSERT INTO notes VALUES (?)', ['from b, uncommitted']);
    expect((await a.query('SELECT COUNT(*) AS n FROM notes')).rows).toEqual([{ n: 1 }]);
    await b.commit();
    expect((await a.query('SELECT COUNT(*) AS n FROM notes')).rows).toEqual([{ n: 2 }]);
  });

  it('make a second writer wait for the first to commit without blocking the event loop', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url());
    await engine.query('CREATE TABLE t (x INTEGER)');
    await using first = await engine.connect();
    await using second = await engine.connect();
    await first.begin();
    await first.query('INSERT INTO t VALUES (1)');

    let secondBegan = false;
    const secondWrites = second.begin().then(async () => {
      secondBegan = true;
      await second.query('INSERT INTO t VALUES (2)');
      await second.commit();
    });
    // The first writer can still run and commit while the second one waits for the lock.
    await sleep(30);
    expect(secondBegan).toBe(false);
    await first.commit();
    await secondWrites;
    expect(secondBegan).toBe(true);
    expect(await count(engine, 'SELECT COUNT(*) AS n FROM t')).toBe(2);
  });

  it('fail a writer with SQLITE_BUSY once the timeout passes, leaving its connection usable', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url('busy.db', 'timeout=0.1'));
    await engine.query('CREATE TABLE t (x INTEGER)');
    await using holder = await engine.connect();
    await using other = await engine.connect();
    await holder.begin();

    await expect(other.begin()).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await expect(other.query('INSERT INTO t VALUES (1)')).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect((await other.query('SELECT COUNT(*) AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await holder.rollback();
    await other.query('INSERT INTO t VALUES (1)');
    expect(engine.pool.stats().invalidated).toBe(0);
  });
});
