import pg from 'pg';
import type { ConnectionInfo } from '@pool/core';
import { createEngine as createAnyEngine, PoolTimeoutError } from '@pool/core';
import type { PgClient } from '@pool/pg';
import { createEngine, PgDriver, toPgPool } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, sleep, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { facadeScope } from './facade-scope.js';

/** The real driver, counting its pings: a suspect connection is pinged at checkout whatever prePing says. */
class CountingPgDriver extends PgDriver {
  pings = 0;
  override async ping(client: PgClient): Promise<void> {
    this.pings++;
    await super.ping(client);
  }
}

describe('toPgPool: the engine underneath', () => {
  it('a client returned inside a transaction is rolled back before anyone uses it again', async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const table = await s.scope.createTable();
    const client = await s.pool.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} VALUES (2, 'two')`);
    client.release();
    const next = await s.pool.connect();
    expect(next).toBe(client);
    expect(next.getTransactionStatus()).toBe('I');
    expect((await next.query(`SELECT count(*)::int AS n FROM ${table}`)).rows).toEqual([{ n: 1 }]);
    // A failed transaction too: the next BEGIN works.
    await next.query('BEGIN');
    await expect(next.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    next.release();
    const third = await s.pool.connect();
    await third.query('BEGIN');
    await third.query('COMMIT');
    third.release();
  });

  it('a disconnect seen on the raw client marks the older connections suspect, as one seen through conn.query does', async () => {
    await using scope = await pgScope(pgUrl());
    const driver = new CountingPgDriver();
    await using engine = createAnyEngine<PgClient>(scope.url, { driver, poolSize: 2, maxOverflow: 0, logger: quietLogger() });
    const pool = toPgPool(engine, { pg });
    const reasons: string[] = [];
    engine.pool.on('invalidate', (_info: ConnectionInfo, reason: string) => reasons.push(reason));
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    const pidA = (await a.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const pidB = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    a.release();
    b.release();
    const again = await pool.connect();
    expect(again).toBe(a);
    const sleeping = again.query('SELECT pg_sleep(30)').then(() => undefined, (error: unknown) => error);
    await waitFor(async () => (await scope.admin('SELECT state FROM pg_stat_activity WHERE pid = $1', [pidA]))[0]?.state === 'active', { what: 'pg_sleep to run' });
    await scope.kill!(pidA);
    expect(await sleeping).toMatchObject({ code: '57P01' });
    expect(reasons).toEqual([expect.stringMatching(/^disconnect: /)]);
    again.release();
    expect(driver.pings).toBe(0);
    // prePing is off: only the suspicion makes the pool verify the older connection before
    // handing it out: pinged (SPEC §4) or replaced outright (SQLAlchemy's invalidation).
    const survivor = await pool.connect();
    if (survivor === b) {
      expect(driver.pings).toBe(1);
    } else {
      await waitFor(async () => !(await scope.sessions!()).includes(pidB), { what: 'the suspect session to be replaced' });
    }
    survivor.release();
  });

  it('BEGIN failing on a dead session: the caller gets the error, the connection is dropped, the next transaction works', async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const table = await s.scope.createTable();
    // The session ends itself just before the caller's first statement.
    s.pool.once('acquire', (client: pg.PoolClient) => {
      client.query('SELECT pg_terminate_backend(pg_backend_pid())').catch(() => undefined);
    });
    const client = await s.pool.connect();
    await expect(client.query('BEGIN')).rejects.toThrow();
    client.release();
    expect(s.engine.pool.stats()).toMatchObject({ checkedOut: 0, invalidated: 1 });
    const next = await s.pool.connect();
    expect(next).not.toBe(client);
    await next.query('BEGIN');
    await next.query(`INSERT INTO ${table} VALUES (2, 'two')`);
    await next.query('COMMIT');
    next.release();
    expect(await s.scope.admin(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 2 }]);
  });

  it('the limits hold: with every connection out, connect() waits and then fails with PoolTimeoutError', async () => {
    await using s = await facadeScope({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.3 });
    const held = await s.pool.connect();
    await expect(s.pool.connect()).rejects.toBeInstanceOf(PoolTimeoutError);
    await expect(s.pool.query('SELECT 1')).rejects.toThrow('QueuePool limit of size 1 overflow 0 reached');
    expect((await s.scope.sessions()).length).toBe(1);
    held.release();
  });

  it('leak detection reports a client held through the facade', async () => {
    await using s = await facadeScope({ leakDetection: 0.1 });
    const leaks: ConnectionInfo[] = [];
    s.engine.pool.on('leak', (info: ConnectionInfo) => leaks.push(info));
    const client = await s.pool.connect();
    await waitFor(() => leaks.length === 1, { what: 'the leak event' });
    client.release();
  });

  it('poolRecycle replaces an old client at checkout: remove for the old one, connect for the new one', async () => {
    await using s = await facadeScope({ poolSize: 1, poolRecycle: 0.2 });
    const removed: unknown[] = [];
    const connected: unknown[] = [];
    s.pool.on('remove', (client: unknown) => removed.push(client));
    s.pool.on('connect', (client: unknown) => connected.push(client));
    const old = await s.pool.connect();
    old.release();
    await sleep(300);
    const fresh = await s.pool.connect();
    expect(fresh).not.toBe(old);
    expect(removed).toEqual([old]);
    expect(connected).toEqual([old, fresh]);
    fresh.release();
  });

  it('options shows the engine in pg-pool terms, with the password hidden from enumeration', async () => {
    await using s = await facadeScope({ poolSize: 3, maxOverflow: 2, idleTimeout: 30, poolRecycle: 600, connectArgs: { password: 'not-shown', statement_timeout: 1000 } });
    const { options } = s.pool;
    expect(options).toMatchObject({ max: 5, min: 0, idleTimeoutMillis: 30_000, maxLifetimeSeconds: 600, statement_timeout: 1000, host: '127.0.0.1' });
    expect(options.password).toBe('not-shown');
    expect(Object.keys(options)).not.toContain('password');
    expect(JSON.stringify(options)).not.toContain('not-shown');
  });
});

describe('toPgPool and createEngine: which node-postgres', () => {
  it("createEngine({ pg }) opens clients with that module, and toPgPool defaults to that module's Pool", async () => {
    class AppClient extends pg.Client {}
    class AppPool extends pg.Pool {}
    const app = { ...pg, Client: AppClient, Pool: AppPool };
    await using engine = createEngine(pgUrl(), { pg: app, poolSize: 1, logger: quietLogger() });
    const pool = toPgPool(engine);
    expect(pool).toBeInstanceOf(AppPool);
    const client = await pool.connect();
    expect(client).toBeInstanceOf(AppClient);
    client.release();
    await pool.end();
  });

  it("types set on the application's module apply to the clients", async () => {
    const types = new pg.TypeOverrides();
    types.setTypeParser(pg.types.builtins.INT8, (value: string) => BigInt(value));
    await using engine = createEngine(pgUrl(), { poolSize: 1, connectArgs: { types }, logger: quietLogger() });
    const pool = toPgPool(engine, { pg });
    expect((await pool.query('SELECT 9007199254740993::int8 AS big')).rows).toEqual([{ big: 9007199254740993n }]);
    await pool.end();
  });
});
