import { describe, expect, it } from 'vitest';
import { ConnectError, PoolTimeoutError } from '../src/index.js';
import { sleep, tooManyClients } from './fake-driver.js';
import { connectOnceBack, fakeEngine, gauges } from './helpers.js';

describe('a database that cannot be reached', () => {
  it('fails every waiting caller with the open\'s ConnectError within about connectTimeout, not poolTimeout', async () => {
    await using t = fakeEngine({ poolSize: 5, maxOverflow: 0, connectTimeout: 0.1, poolTimeout: 30 });
    t.driver.hangConnects = true;
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => t.engine.connect()));
    const took = performance.now() - started;
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof ConnectError)).toBe(true);
    expect(took).toBeLessThan(1000);
    expect(t.driver.attempts).toBeLessThanOrEqual(2);
    expect(gauges(t.engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, overflow: -5, waiting: 0 });
  });

  it('while opens keep failing, callers that need a new connection fail at once with the last ConnectError, its cause intact', async () => {
    await using t = fakeEngine({ poolSize: 5 });
    const cause = Object.assign(new Error('too many clients already'), { code: '53300' });
    t.driver.serverDown = cause;
    await expect(t.engine.connect()).rejects.toBeInstanceOf(ConnectError);
    const started = performance.now();
    const error = await t.engine.connect().catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(20);
    expect(error).toMatchObject({ code: 'POOL_CONNECT', cause });
  });

  it('against a full server, probes with backoff capped at 1 s instead of a connect storm, and the first success resumes', async () => {
    await using t = fakeEngine({ poolSize: 5 });
    t.driver.serverDown = tooManyClients();
    // A busy application: a caller every 2 ms for 1.5 s.
    let failed = 0;
    const deadline = performance.now() + 1500;
    while (performance.now() < deadline) {
      await t.engine.connect().then((conn) => conn.release(), () => void failed++);
      await sleep(2);
    }
    expect(failed).toBeGreaterThan(100);
    // 50 ms doubling with jitter, at most 1 s apart: a handful in 1.5 s, not one per caller.
    expect(t.driver.attempts).toBeGreaterThanOrEqual(3);
    expect(t.driver.attempts).toBeLessThanOrEqual(10);
    t.driver.serverDown = undefined;
    const back = performance.now();
    await (await connectOnceBack(t.engine)).release();
    expect(performance.now() - back).toBeLessThan(1100);
    // Normal opens again: several callers at once each get a connection.
    const conns = await Promise.all(Array.from({ length: 5 }, () => t.engine.connect()));
    for (const conn of conns) await conn.release();
  });

  it('against a server not reached (a restart), probes every 50–100 ms: the server is found again at once', async () => {
    await using t = fakeEngine({ poolSize: 5 });
    t.driver.serverDown = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const deadline = performance.now() + 1000;
    while (performance.now() < deadline) {
      await t.engine.connect().then((conn) => conn.release(), () => undefined);
      await sleep(2);
    }
    // Refused connects cost the server nothing, but they are still paced, not one per caller.
    expect(t.driver.attempts).toBeGreaterThanOrEqual(6);
    expect(t.driver.attempts).toBeLessThanOrEqual(25);
    t.driver.serverDown = undefined;
    const back = performance.now();
    await (await connectOnceBack(t.engine)).release();
    expect(performance.now() - back).toBeLessThan(200);
  });

  it('one failed open while other connections are busy does not fail waiters that a returned connection serves', async () => {
    await using t = fakeEngine({ poolSize: 3, maxOverflow: 0, poolTimeout: 2 });
    const held = await Promise.all([t.engine.connect(), t.engine.connect()]);
    t.driver.connectFailures.push(new Error('one bad open'));
    const waiting = t.engine.connect();
    await sleep(20);
    expect(t.driver.attempts).toBe(3);
    await held[0].release();
    const got = await waiting;
    expect(got.info.id).toBe(held[0].info.id);
    await got.release();
    await held[1].release();
  });

  it('a caller that times out while opens fail gets PoolTimeoutError with the last ConnectError as cause', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 1, poolTimeout: 0.1 });
    const held = await t.engine.connect();
    const cause = new Error('server full');
    t.driver.serverDown = cause;
    const error = await t.engine.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolTimeoutError);
    expect((error as Error).message).toBe('QueuePool limit of size 1 overflow 1 reached, connection timed out, timeout 0.10');
    expect((error as Error).cause).toMatchObject({ code: 'POOL_CONNECT', cause });
    await held.release();
  });
});
