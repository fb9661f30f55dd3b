import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConnectError } from '../src/index.js';
import { connectOnceBack, fakeEngine, gauges } from './helpers.js';

describe('a connect that fails', () => {
  it('rejects that caller with ConnectError carrying the driver error, and frees the slot', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const cause = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    t.driver.connectFailures.push(cause);
    const error = await t.engine.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error).toMatchObject({ code: 'POOL_CONNECT', cause });
    expect((error as Error).message).toBe('Could not connect to fake://app:***@db/test: connection refused (ECONNREFUSED)');
    expect(gauges(t.engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, overflow: -1, waiting: 0 });
    const conn = await connectOnceBack(t.engine);
    expect(gauges(t.engine).open).toBe(1);
    await conn.release();
  });

  it('never leaks overflow: many failed connects leave the counts at zero', async () => {
    await using t = fakeEngine({ poolSize: 2, maxOverflow: 2 });
    t.driver.serverDown = new Error('server down');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => t.engine.connect()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(gauges(t.engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, overflow: -2, waiting: 0 });
    t.driver.serverDown = undefined;
    const conns = [await connectOnceBack(t.engine)];
    conns.push(...(await Promise.all(Array.from({ length: 3 }, () => t.engine.connect()))));
    expect(gauges(t.engine).open).toBe(4);
    for (const conn of conns) await conn.release();
  });

  it('fails every waiter that nothing else could serve with the open\'s error, and frees the slot', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 }, { connectDelay: 20 });
    const cause = new Error('first attempt fails');
    t.driver.connectFailures.push(cause);
    const results = await Promise.allSettled([t.engine.connect(), t.engine.connect()]);
    for (const result of results) expect(result).toMatchObject({ status: 'rejected', reason: { code: 'POOL_CONNECT', cause } });
    expect(t.driver.attempts).toBe(1);
    expect(gauges(t.engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, overflow: -1, waiting: 0 });
    await (await connectOnceBack(t.engine)).release();
  });

  it('gives up after connectTimeout with ConnectError and closes a connection that arrives late', async () => {
    await using t = fakeEngine({ connectTimeout: 0.1 });
    t.driver.hangConnects = true;
    const started = performance.now();
    const error = await t.engine.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as Error).message).toMatch(/connect timed out after 0\.1 s/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(t.driver.lastConnectOptions?.signal.aborted).toBe(true);
    expect(gauges(t.engine).open).toBe(0);
  });

  it('closes a connection the driver delivers after the timeout fired', async () => {
    await using t = fakeEngine({ connectTimeout: 0.05 }, { connectDelay: 150 });
    await expect(t.engine.connect()).rejects.toBeInstanceOf(ConnectError);
    await t.engine.dispose(); // no more probes
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.driver.opened).toBeGreaterThanOrEqual(1);
    expect(t.driver.live.size).toBe(0);
  });

  it('keeps the password out of the message and the whole cause chain', async () => {
    await using t = fakeEngine();
    const inner = new Error('password authentication failed for secret');
    t.driver.connectFailures.push(new Error('could not connect with app:secret@db', { cause: inner }));
    const error = await t.engine.connect().catch((e: unknown) => e);
    const printed = inspect(error, { depth: 10 });
    expect(printed).not.toContain('secret');
    expect(String(error)).not.toContain('secret');
    expect(printed).toContain('***');
  });
});
