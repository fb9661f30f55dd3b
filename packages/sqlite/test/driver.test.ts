import { ConnectError, createEngine as createCoreEngine, DatabaseUrl } from '@pool/core';
import { describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../src/index.js';
import { driver } from '../src/index.js';
import { sqliteSettings } from '../src/sqlite-settings.js';
import { quietLogger } from '@pool/testkit';
import { count, sqliteEngine, tempFolder } from './helpers.js';

describe('the sqlite driver', () => {
  it('is found by @pool/core from the sqlite:// scheme', async () => {
    using tmp = tempFolder();
    await using engine = createCoreEngine<SqliteDatabase>(tmp.url('scheme.db'), { logger: quietLogger() });
    await using conn = await engine.connect();
    expect((await conn.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
    expect(conn.raw.inTransaction).toBe(false);
  });

  it('gives each connection its own serial number as backend PID', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url());
    const conns = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
    const pids = await Promise.all(conns.map((conn) => conn.backendPid()));
    expect(new Set(pids).size).toBe(3);
    for (const pid of pids) expect(Number.isInteger(pid) && pid > 0).toBe(true);
    const first = conns[0];
    await Promise.all(conns.slice(1).map((conn) => conn.release()));
    await first.release();
    await using again = await engine.connect();
    expect(await again.backendPid()).toBe(pids[1]);
  });

  it('returns rows and counts for reads, writes, DDL and scripts', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url());
    expect(await engine.query('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)')).toEqual({ rows: [], rowCount: 0 });
    expect(await engine.query('INSERT INTO t (name) VALUES (?), (?), (?)', ['a', 'b', 'c'])).toEqual({ rows: [], rowCount: 3 });
    expect(await engine.query('SELECT name FROM t WHERE id > ? ORDER BY id', [1])).toEqual({ rows: [{ name: 'b' }, { name: 'c' }], rowCount: 2 });
    expect(await engine.query('UPDATE t SET name = ? WHERE id = ?', ['z', 1])).toEqual({ rows: [], rowCount: 1 });
    expect(await engine.query('INSERT INTO t (name) VALUES (?) RETURNING id', ['d'])).toEqual({ rows: [{ id: 4 }], rowCount: 1 });
    expect(await engine.query('DELETE FROM t; INSERT INTO t (name) VALUES (1)')).toEqual({ rows: [], rowCount: null });
    expect(await count(engine, 'SELECT COUNT(*) AS n FROM t')).toBe(1);
  });

  it('binds booleans as 1/0, undefined as NULL and dates as ISO text', async () => {
    await using engine = sqliteEngine('sqlite:///:memory:');
    const at = new Date('2024-05-06T07:08:09.000Z');
    const { rows } = await engine.query('SELECT ? AS yes, ? AS no, ? AS missing, ? AS at', [true, false, undefined, at]);
    expect(rows).toEqual([{ yes: 1, no: 0, missing: null, at: '2024-05-06T07:08:09.000Z' }]);
  });

  it('rejects with the SQLite error and keeps the connection in service', async () => {
    await using engine = sqliteEngine('sqlite:///:memory:');
    await using conn = await engine.connect();
    const failing = conn.query('SELEC 1');
    await expect(failing).rejects.toMatchObject({ name: 'SqliteError', code: 'SQLITE_ERROR' });
    await expect(conn.query('SELECT * FROM missing')).rejects.toThrow(/no such table/);
    expect((await conn.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(engine.pool.stats().invalidated).toBe(0);
  });

  it('fails a ping once the connection is closed, and prePing replaces it', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url(), { prePing: true, prePingBypass: 0 });
    const conn = await engine.connect();
    const { raw } = conn;
    const pid = await conn.backendPid();
    await conn.release();
    raw.close();
    await expect(driver.ping(raw)).rejects.toThrow(/not open/);

    await using healed = await engine.connect();
    expect(await healed.backendPid()).not.toBe(pid);
    expect((await healed.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(engine.pool.stats()).toMatchObject({ pingFailures: 1, invalidated: 1 });
  });

  it('treats a closed connection as a disconnect: the pool drops it, and pings the older ones before reuse', async () => {
    using tmp = tempFolder();
    await using engine = sqliteEngine(tmp.url());
    const [a, b] = await Promise.all([engine.connect(), engine.connect()]);
    const bPid = await b.backendPid();
    await b.release();
    a.raw.close();
    await expect(a.query('SELECT 1')).rejects.toThrow(/not open/);
    expect(a.released).toBe(true);
    await using next = await engine.connect();
    expect(await next.backendPid()).toBe(bPid);
    expect(engine.pool.stats()).toMatchObject({ invalidated: 1, pingFailures: 0 });
  });

  it('reads mode=ro as read-only and mode=rw as "the file must exist"', async () => {
    using tmp = tempFolder();
    await using writer = sqliteEngine(tmp.url('data.db'));
    await writer.query('CREATE TABLE t (x INTEGER)');
    await using reader = sqliteEngine(tmp.url('data.db', 'mode=ro'));
    await expect(reader.query('INSERT INTO t VALUES (1)')).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await expect(reader.transaction(async (conn) => conn.query('SELECT COUNT(*) AS n FROM t'))).resolves.toEqual({ rows: [{ n: 0 }], rowCount: 1 });
    await using missing = sqliteEngine(tmp.url('missing.db', 'mode=rw'));
    await expect(missing.connect()).rejects.toBeInstanceOf(ConnectError);
  });

  it('rejects unknown URL parameters and server parts when the engine is made', () => {
    using tmp = tempFolder();
    expect(() => sqliteEngine(tmp.url('t.db', 'timout=3'))).toThrow(/unknown URL parameter "timout" \(did you mean timeout\?\)/);
    expect(() => sqliteEngine('sqlite://db.example.com/data.db')).toThrow(/name a file, not a server/);
  });

  it('resolves sqlite:///relative.db against the working directory', () => {
    expect(sqliteSettings(DatabaseUrl.parse('sqlite:///data/app.db')).filename).toBe(`${process.cwd()}/data/app.db`);
    expect(sqliteSettings(DatabaseUrl.parse('sqlite:////srv/app.db')).filename).toBe('/srv/app.db');
  });

  it('rejects at once when the connect signal is already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('gave up');
    controller.abort(reason);
    const connecting = driver.connect(DatabaseUrl.parse('sqlite:///:memory:'), { connectTimeout: 1, tcpKeepAlive: true, connectArgs: {}, signal: controller.signal });
    await expect(connecting).rejects.toBe(reason);
  });
});
