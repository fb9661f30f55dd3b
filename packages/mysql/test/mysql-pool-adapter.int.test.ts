import { promisify } from 'node:util';
import type { Engine } from '@pool/core';
import { createEngine as createAnyEngine } from '@pool/core';
import type { MysqlConnection } from '@pool/mysql';
import { MysqlDriver, toMysqlPool } from '@pool/mysql';
import { quietLogger, waitFor } from '@pool/testkit';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2';
import { Connection } from 'mysql2';
import * as mysqlPromise from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import type { LibraryFixture } from './library-harness.js';
import { ITEMS, libraryFixture, serverIds } from './library-harness.js';

// Exported by mysql2/promise at run time, missing from its typings.
const { PromisePool, PromisePoolConnection } = mysqlPromise as unknown as { PromisePool: new () => object; PromisePoolConnection: new () => object };

function getConnection(pool: Pool): Promise<PoolConnection> {
  return new Promise((resolve, reject) => pool.getConnection((error, conn) => (error ? reject(error) : resolve(conn))));
}

function rawQuery<T = RowDataPacket[]>(conn: { query: PoolConnection['query'] }, sql: string, values: unknown[] = []): Promise<T> {
  return new Promise((resolve, reject) => conn.query(sql, values, (error, rows) => (error ? reject(error) : resolve(rows as T))));
}

async function threadOf(conn: PoolConnection): Promise<number> {
  const rows = await rawQuery(conn, 'SELECT CONNECTION_ID() AS id');
  return Number(rows[0]!.id);
}

/** Own property names (strings and symbols) of a connection: what the adapter added shows here. */
function ownNames(conn: object): (string | symbol)[] {
  return Reflect.ownKeys(conn);
}

async function fixtureWith(poolSize = 2): Promise<LibraryFixture> {
  return libraryFixture({ poolSize, maxOverflow: 0 });
}

describe('toMysqlPool: checkouts', () => {
  it('hands out the mysql2 connection itself, the same object for the same session', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const first = await getConnection(pool);
    expect(first).toBeInstanceOf(Connection);
    const id = await threadOf(first);
    expect(first.threadId).toBe(id);
    first.release();
    const second = await getConnection(pool);
    expect(second).toBe(first);
    expect(await threadOf(second)).toBe(id);
    second.release();
  });

  it('release() twice is a no-op, also once the connection is back in the pool', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const conn = await getConnection(pool);
    conn.release();
    conn.release();
    await waitFor(() => fixture.engine.pool.stats().checkedIn === 1);
    conn.release();
    pool.releaseConnection(conn);
    expect(fixture.engine.pool.stats()).toMatchObject({ checkedIn: 1, checkedOut: 0, open: 1, invalidated: 0 });
    const again = await getConnection(pool);
    expect(fixture.engine.pool.stats().checkedOut).toBe(1);
    again.release();
  });

  it('destroy() invalidates the connection in the engine: slot freed, session ended; a later release() does nothing', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const conn = await getConnection(pool);
    const id = await threadOf(conn);
    conn.destroy();
    await waitFor(() => fixture.engine.pool.stats().open === 0, { what: 'the slot to be freed' });
    expect(fixture.engine.pool.stats().invalidated).toBe(1);
    expect(() => conn.release()).not.toThrow();
    await waitFor(async () => !(await fixture.scope.sessions()).includes(id), { what: 'the destroyed session to end' });
    const next = await getConnection(pool);
    expect(await threadOf(next)).not.toBe(id);
    next.release();
  });

  it('end() on a pooled connection releases it (what Drizzle does after a stream), with its callback', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const conn = await getConnection(pool);
    const id = await threadOf(conn);
    await new Promise<void>((resolve) => conn.end(() => resolve()));
    await waitFor(() => fixture.engine.pool.stats().checkedIn === 1);
    const next = await getConnection(pool);
    expect(await threadOf(next)).toBe(id);
    next.release();
  });

  it('a connection returned inside a transaction is rolled back before anyone else gets it', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const conn = await getConnection(pool);
    await rawQuery(conn, 'START TRANSACTION');
    await rawQuery(conn, `INSERT INTO ${ITEMS} VALUES (1, 'uncommitted')`);
    conn.release();
    const next = await getConnection(pool);
    expect(Number((await rawQuery(next, 'SELECT @@in_transaction AS t'))[0]!.t)).toBe(0);
    next.release();
    expect(await serverIds(fixture)).toEqual([]);
  });

  it('everything the checkout put on the connection is gone when it is released, but an inert release()', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine, { dateStrings: true });
    {
      await using conn = await fixture.engine.connect();
      void conn.raw;
    }
    const raw = (await getConnection(pool)) as PoolConnection & { config: { dateStrings: unknown } };
    const before = new Set(ownNames(raw));
    expect(raw.config.dateStrings).toBe(true);
    raw.release();
    expect(raw.config.dateStrings).toBe(false);
    const after = ownNames(raw).filter((name) => !before.has(name));
    expect(after).toEqual([]);
    for (const name of ['destroy', 'end', 'promise', Symbol.dispose]) expect(Object.hasOwn(raw, name)).toBe(false);
    expect(Object.hasOwn(raw, 'release')).toBe(true);
    expect(raw.destroy).toBe(Connection.prototype.destroy);
  });

  it('the driver closes a connection a library still holds only after the checkout is taken off it', async () => {
    const seen: (string | symbol)[][] = [];
    class WatchedDriver extends MysqlDriver {
      override close(raw: MysqlConnection): Promise<void> {
        const closing = super.close(raw);
        // super.close has run up to its first await: the checkout must already be off the connection.
        seen.push(ownNames(raw).filter((name) => ['destroy', 'end', 'promise', Symbol.dispose].includes(name as string)));
        return closing;
      }
    }
    await using fixture = await fixtureWith(2);
    await using engine = createAnyEngine<MysqlConnection>(fixture.scope.url, { driver: new WatchedDriver(), poolSize: 2, maxOverflow: 0, logger: quietLogger() });
    const pool = toMysqlPool(engine);
    const conn = await getConnection(pool);
    const id = await threadOf(conn);
    await fixture.scope.kill(id);
    // The death is reported by the checkout's listener: the engine discards it while the library holds it.
    await waitFor(() => engine.pool.stats().open === 0, { what: 'the engine to drop the dead connection' });
    expect(seen).toEqual([[]]);
    expect(() => conn.release()).not.toThrow();
  });

  it('promise(): mysql2\'s own PromisePool and PromisePoolConnection over the engine', async () => {
    await using fixture = await fixtureWith(2);
    const pool = toMysqlPool(fixture.engine).promise();
    expect(pool).toBeInstanceOf(PromisePool);
    const [rows] = await pool.query<RowDataPacket[]>('SELECT ? + 1 AS n', [1]);
    expect(rows).toEqual([{ n: 2 }]);
    const [executed] = await pool.execute<RowDataPacket[]>('SELECT ? * 2 AS n', [21]);
    expect(executed).toEqual([{ n: 42 }]);
    const conn = await pool.getConnection();
    expect(conn).toBeInstanceOf(PromisePoolConnection);
    await conn.beginTransaction();
    await conn.query(`INSERT INTO ${ITEMS} VALUES (5, 'five')`);
    await conn.commit();
    conn.release();
    conn.release();
    expect(await serverIds(fixture)).toEqual([5]);
    expect(pool.escape("it's")).toBe("'it\\'s'");
    expect(pool.escapeId('a`b')).toBe('`a``b`');
    expect(pool.format('SELECT ?', [7])).toBe('SELECT 7');
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0);
    await pool.end();
    await waitFor(async () => (await fixture.scope.sessions()).length === 0, { what: 'end() to close the sessions' });
  });
});

describe('toMysqlPool: the pool API', () => {
  it('query() with a callback, with values, and as the Query command that streams', async () => {
    await using fixture = await fixtureWith(2);
    const pool = toMysqlPool(fixture.engine);
    const inserted = await new Promise<{ affectedRows: number }>((resolve, reject) =>
      pool.query(`INSERT INTO ${ITEMS} VALUES (?, ?), (?, ?)`, [1, 'one', 2, 'two'], (error, result) => (error ? reject(error) : resolve(result as { affectedRows: number }))));
    expect(inserted.affectedRows).toBe(2);
    const rows = await new Promise<RowDataPacket[]>((resolve, reject) => pool.query(`SELECT v FROM ${ITEMS} ORDER BY id`, (error, result) => (error ? reject(error) : resolve(result as RowDataPacket[]))));
    expect(rows.map((row) => row.v as unknown)).toEqual(['one', 'two']);
    const streamed: unknown[] = [];
    for await (const row of pool.query(`SELECT id FROM ${ITEMS} ORDER BY id`).stream()) streamed.push((row as RowDataPacket).id);
    expect(streamed).toEqual([1, 2]);
    await expect(new Promise((resolve, reject) => pool.query('SELECT * FROM no_such_table', (error, result) => (error ? reject(error) : resolve(result))))).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0);
  });

  it('execute() runs prepared statements and gives the connection back', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const execute = (sql: string, values: (string | number)[]): Promise<unknown> => new Promise((resolve, reject) => pool.execute(sql, values, (error, result) => (error ? reject(error) : resolve(result))));
    expect(await execute(`INSERT INTO ${ITEMS} VALUES (?, ?)`, [3, 'three'])).toMatchObject({ affectedRows: 1 });
    expect(await execute(`SELECT v FROM ${ITEMS} WHERE id = ?`, [3])).toEqual([{ v: 'three' }]);
    await waitFor(() => fixture.engine.pool.stats().checkedOut === 0);
  });

  it('a connection whose server went read-only (a failover) is destroyed by query(), as by mysql2\'s pool', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const conn = await getConnection(pool);
    const id = await threadOf(conn);
    await rawQuery(conn, 'SET SESSION TRANSACTION READ ONLY');
    conn.release();
    await expect(new Promise((resolve, reject) => pool.query(`INSERT INTO ${ITEMS} VALUES (9, 'x')`, (error, result) => (error ? reject(error) : resolve(result))))).rejects.toMatchObject({ errno: 1792 });
    await waitFor(() => fixture.engine.pool.stats().invalidated === 1, { what: 'the read-only connection to be destroyed' });
    const next = await getConnection(pool);
    expect(await threadOf(next)).not.toBe(id);
    next.release();
  });

  it('events: connection once per session, acquire, release, and enqueue when a caller must wait', async () => {
    await using fixture = await fixtureWith(1);
    const pool = toMysqlPool(fixture.engine);
    const events: string[] = [];
    for (const name of ['connection', 'acquire', 'release', 'enqueue'] as const) pool.on(name, () => events.push(name));
    const first = await getConnection(pool);
    const waiting = getConnection(pool);
    first.release();
    const second = await waiting;
    second.release();
    expect(events).toEqual(['connection', 'acquire', 'enqueue', 'release', 'acquire', 'release']);
  });

  it('end() disposes the engine\'s pool once; getConnection afterwards fails as mysql2\'s does', async () => {
    await using fixture = await fixtureWith(2);
    const pool = toMysqlPool(fixture.engine);
    const conn = await getConnection(pool);
    conn.release();
    await waitFor(() => fixture.engine.pool.stats().checkedIn === 1);
    await promisify(pool.end.bind(pool))();
    expect(fixture.engine.pool.stats().open).toBe(0);
    await promisify(pool.end.bind(pool))();
    await expect(getConnection(pool)).rejects.toThrow('Pool is closed.');
    await waitFor(async () => (await fixture.scope.sessions()).length === 0, { what: 'the sessions to end' });
    // The engine itself stays usable for its other users.
    expect((await fixture.engine.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('waits under the engine\'s limit and fails with its PoolTimeoutError', async () => {
    await using fixture = await libraryFixture({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.2 });
    const pool = toMysqlPool(fixture.engine);
    const held = await getConnection(pool);
    await expect(getConnection(pool)).rejects.toMatchObject({ code: 'POOL_TIMEOUT' });
    held.release();
  });
});

describe('toMysqlPool: disconnects seen on the raw connection', () => {
  /** Kill the session of a checked-out connection while a statement runs on it; what does the engine do next? */
  async function afterKillDuringStatement(viaPool: boolean): Promise<{ staleReused: boolean; invalidated: number }> {
    await using fixture = await fixtureWith(3);
    const { engine } = fixture;
    const warm = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
    const pids = await Promise.all(warm.map((conn) => conn.backendPid()));
    await Promise.all(warm.map((conn) => conn.release()));
    let failure: unknown;
    let victim: number;
    if (viaPool) {
      const conn = await getConnection(toMysqlPool(engine));
      victim = await threadOf(conn);
      const running = rawQuery(conn, 'SELECT SLEEP(5)').catch((error: unknown) => error);
      await waitFor(async () => (await fixture.scope.admin("SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE 'SELECT SLEEP%'", [victim])).length === 1);
      await fixture.scope.kill(victim);
      failure = await running;
      conn.release();
    } else {
      const conn = await engine.connect();
      victim = await conn.backendPid();
      const running = conn.query('SELECT SLEEP(5)').catch((error: unknown) => error);
      await waitFor(async () => (await fixture.scope.admin("SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE 'SELECT SLEEP%'", [victim])).length === 1);
      await fixture.scope.kill(victim);
      failure = await running;
      await conn.release();
    }
    expect(failure).toBeInstanceOf(Error);
    const next = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
    const nextPids = await Promise.all(next.map((conn) => conn.backendPid()));
    await Promise.all(next.map((conn) => conn.release()));
    return { staleReused: nextPids.some((pid) => pids.includes(pid) && pid !== victim), invalidated: engine.pool.stats().invalidated };
  }

  it('a statement a library sent straight to the connection fails as a disconnect: older connections are treated as after conn.query', async () => {
    const throughQuery = await afterKillDuringStatement(false);
    const throughRaw = await afterKillDuringStatement(true);
    expect(throughRaw).toEqual(throughQuery);
    expect(throughRaw.invalidated).toBeGreaterThanOrEqual(1);
  });

  it('a session killed while the library holds it idle: the engine drops it at once, without waiting for release()', async () => {
    await using fixture = await fixtureWith(2);
    const pool = toMysqlPool(fixture.engine);
    const conn = await getConnection(pool);
    await fixture.scope.kill(await threadOf(conn));
    await waitFor(() => fixture.engine.pool.stats().open === 0, { what: 'the engine to drop the connection' });
    expect(fixture.engine.pool.stats()).toMatchObject({ invalidated: 1, checkedOut: 0 });
    await expect(rawQuery(conn, 'SELECT 1')).rejects.toMatchObject({ fatal: true });
    conn.release();
    const next = await getConnection(pool);
    expect(await rawQuery(next, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    next.release();
  });
});

describe('toMysqlPool: settings a library gives its pool', () => {
  it('per-statement settings apply to this pool\'s checkouts only, and are undone on release', async () => {
    await using fixture = await fixtureWith(1);
    const strings = toMysqlPool(fixture.engine, { dateStrings: true, supportBigNumbers: true, bigNumberStrings: true });
    const plain = toMysqlPool(fixture.engine);
    const sql = "SELECT DATE '2024-02-29' AS d, CAST(9007199254740993 AS UNSIGNED) AS big";
    const a = await getConnection(strings);
    expect(await rawQuery(a, sql)).toEqual([{ d: '2024-02-29', big: '9007199254740993' }]);
    a.release();
    const b = await getConnection(plain);
    const [row] = await rawQuery(b, sql);
    expect(b).toBe(a);
    expect(row!.d).toBeInstanceOf(Date);
    expect(typeof row!.big).toBe('number');
    b.release();
  });

  it('a setting fixed when a connection opens must match the engine: a different one is a ConfigError naming it', async () => {
    await using fixture = await fixtureWith(1);
    const engine = fixture.engine as Engine<unknown>;
    expect(() => toMysqlPool(engine, { database: 'elsewhere' })).toThrow(expect.objectContaining({ code: 'POOL_CONFIG', option: 'database' }) as Error);
    expect(() => toMysqlPool(engine, { multipleStatements: true })).toThrow(/multipleStatements/);
    expect(() => toMysqlPool(engine, { password: 'Secret-123' })).toThrow(expect.objectContaining({ option: 'password' }) as Error);
    try {
      toMysqlPool(engine, { password: 'Secret-123' });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('Secret-123');
    }
    // The same values, and the engine's own sizes and timeouts, are accepted.
    expect(() => toMysqlPool(engine, { database: fixture.database, user: 'root', connectionLimit: 50, connectTimeout: 1, waitForConnections: true })).not.toThrow();
  });
});
