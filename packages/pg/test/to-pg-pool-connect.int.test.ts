import { EventEmitter } from 'node:events';
import pg from 'pg';
import { createEngine, toPgPool } from '@pool/pg';
import { freePort, quietLogger, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { facadeScope } from './facade-scope.js';

const DOUBLE_RELEASE = 'Release called on client which has already been released to the pool.';

describe('toPgPool: connect and release', () => {
  it("is an instance of the application's pg.Pool and an EventEmitter, with a class name containing Pool", async () => {
    await using s = await facadeScope();
    expect(s.pool).toBeInstanceOf(pg.Pool);
    expect(s.pool).toBeInstanceOf(EventEmitter);
    expect((Object.getPrototypeOf(s.pool) as object).constructor.name).toContain('Pool');
  });

  it("connect() resolves the driver's own pg.Client, the same object for the same connection", async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const first = await s.pool.connect();
    expect(first).toBeInstanceOf(pg.Client);
    const pid = await s.pid(first);
    first.release();
    const second = await s.pool.connect();
    expect(second).toBe(first);
    expect(await s.pid(second)).toBe(pid);
    second.release();
    await using conn = await s.engine.connect();
    expect(conn.raw).toBe(first);
  });

  it('connect(callback) answers later, with (undefined, client, release) where release is client.release', async () => {
    await using s = await facadeScope();
    let called = false;
    const answer = await new Promise<{ error: unknown; client: pg.PoolClient | undefined; release: unknown }>((resolve) => {
      const returned: unknown = s.pool.connect((error, client, release) => {
        called = true;
        resolve({ error, client, release });
      });
      expect(returned).toBeUndefined();
      expect(called).toBe(false);
    });
    expect(answer.error).toBeUndefined();
    expect(answer.client).toBeInstanceOf(pg.Client);
    expect(answer.release).toBe(answer.client!.release);
    answer.client!.release();
    expect(s.engine.pool.stats()).toMatchObject({ checkedOut: 0, checkedIn: 1 });
  });

  it("a second release throws pg-pool's error and leaves the pool as it was", async () => {
    await using s = await facadeScope();
    const client = await s.pool.connect();
    client.release();
    await waitFor(() => s.engine.pool.stats().checkedIn === 1);
    expect(() => client.release()).toThrow(DOUBLE_RELEASE);
    expect(() => client.release(true)).toThrow(DOUBLE_RELEASE);
    expect(s.engine.pool.stats()).toMatchObject({ open: 1, checkedIn: 1, checkedOut: 0, closed: 0 });
  });

  it('a release function kept from an earlier checkout never releases a later one', async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const first = await s.pool.connect();
    const stale = first.release;
    stale();
    const again = await s.pool.connect();
    expect(again).toBe(first);
    expect(() => stale()).toThrow(DOUBLE_RELEASE);
    expect(s.engine.pool.stats()).toMatchObject({ checkedOut: 1 });
    expect((await again.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    again.release();
    expect(s.engine.pool.stats()).toMatchObject({ checkedOut: 0 });
  });

  it.each([
    ['release(true)', true],
    ['release(error)', new Error('the application gave up on this client')],
  ])('%s closes the connection: the server session ends and the next checkout is a new one', async (_, destroy) => {
    await using s = await facadeScope({ poolSize: 1 });
    const released: unknown[] = [];
    const removed: unknown[] = [];
    s.pool.on('release', (error: unknown, client: unknown) => released.push([error, client]));
    s.pool.on('remove', (client: unknown) => removed.push(client));
    const client = await s.pool.connect();
    const pid = await s.pid(client);
    client.release(destroy);
    expect(released).toEqual([[destroy, client]]);
    await waitFor(async () => !(await s.scope.sessions()).includes(pid), { what: 'the destroyed session to end' });
    expect(removed).toEqual([client]);
    expect(s.engine.pool.stats()).toMatchObject({ open: 0, invalidated: 1 });
    const next = await s.pool.connect();
    expect(next).not.toBe(client);
    expect(await s.pid(next)).not.toBe(pid);
    next.release();
  });

  it("emits connect once per physical connection (before the caller gets it), acquire at each checkout, release at each return", async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const events: string[] = [];
    let seenFirst: unknown;
    s.pool.on('connect', (client: unknown) => {
      events.push('connect');
      seenFirst = client;
    });
    s.pool.on('acquire', () => events.push('acquire'));
    s.pool.on('release', (error: unknown) => events.push(`release:${String(error)}`));
    const first = await s.pool.connect();
    expect(seenFirst).toBe(first);
    first.release();
    const second = await s.pool.connect();
    second.release();
    await s.pool.query('SELECT 1');
    expect(events).toEqual(['connect', 'acquire', 'release:undefined', 'acquire', 'release:undefined', 'acquire', 'release:undefined']);
  });

  it("an idle client's error is the pool's error (with err.client) and the client leaves; an in-use client's error is its holder's", async () => {
    await using s = await facadeScope();
    const poolErrors: [Error & { client?: unknown }, unknown][] = [];
    s.pool.on('error', (error: Error, client: unknown) => poolErrors.push([error, client]));
    const [idle, busy] = await Promise.all([s.pool.connect(), s.pool.connect()]);
    idle.release();
    await waitFor(() => s.engine.pool.stats().checkedIn === 1);
    const onClient: unknown[] = [];
    busy.on('error', (error) => onClient.push(error));
    const busyProblem = new Error('in use');
    busy.emit('error', busyProblem);
    expect(onClient).toEqual([busyProblem]);
    expect(poolErrors).toEqual([]);
    expect(s.pool.totalCount).toBe(2);
    const idleProblem = new Error('idle');
    idle.emit('error', idleProblem);
    expect(poolErrors).toEqual([[idleProblem, idle]]);
    expect(poolErrors[0]![0].client).toBe(idle);
    expect(s.pool.totalCount).toBe(1);
    busy.release();
  });

  it('with no error listener, an idle client dying never throws', async () => {
    await using s = await facadeScope();
    const client = await s.pool.connect();
    const pid = await s.pid(client);
    client.release();
    await s.scope.kill(pid);
    await waitFor(() => s.pool.totalCount === 0, { what: 'the dead client to leave' });
  });

  it('a connection that cannot be opened: the callback gets the error, no client and a release function, and nothing stays open', async () => {
    const port = await freePort();
    await using engine = createEngine(`postgresql://postgres@127.0.0.1:${port}/test`, { poolSize: 1, connectTimeout: 2, logger: quietLogger() });
    const pool = toPgPool(engine, { pg });
    const answer = await new Promise<unknown[]>((resolve) => pool.connect((...args) => resolve(args)));
    expect(answer[0]).toMatchObject({ code: 'POOL_CONNECT' });
    expect(answer[1]).toBeUndefined();
    expect(typeof answer[2]).toBe('function');
    await expect(pool.query('SELECT 1')).rejects.toMatchObject({ code: 'POOL_CONNECT' });
    expect(pool.totalCount).toBe(0);
  });

  it('totalCount, idleCount and waitingCount follow the engine', async () => {
    await using s = await facadeScope({ poolSize: 2, maxOverflow: 0 });
    expect([s.pool.totalCount, s.pool.idleCount, s.pool.waitingCount]).toEqual([0, 0, 0]);
    const [a, b] = await Promise.all([s.pool.connect(), s.pool.connect()]);
    const third = s.pool.connect();
    await waitFor(() => s.pool.waitingCount === 1);
    expect([s.pool.totalCount, s.pool.idleCount]).toEqual([2, 0]);
    a.release();
    const c = await third;
    expect(c).toBe(a);
    b.release();
    c.release();
    expect([s.pool.totalCount, s.pool.idleCount, s.pool.waitingCount]).toEqual([2, 2, 0]);
  });

  it('what the facade adds to a client is removed: the query shadow at release, release itself when the pool closes it', async () => {
    await using s = await facadeScope({ poolSize: 1 });
    const client = await s.pool.connect();
    expect(Object.hasOwn(client, 'query')).toBe(true);
    expect(Object.hasOwn(client, 'release')).toBe(true);
    client.release();
    expect(Object.hasOwn(client, 'query')).toBe(false);
    await s.engine.dispose();
    expect(Object.hasOwn(client, 'release')).toBe(false);
    expect(Object.hasOwn(client, 'query')).toBe(false);
  });
});
