import { describe, expect, it } from 'vitest';
import { PoolClosedError } from '../src/index.js';
import { fakeEngine, gauges } from './helpers.js';

describe('dispose()', () => {
  it('closes idle connections at once', async () => {
    await using t = fakeEngine({ poolSize: 3 });
    const conns = await Promise.all([t.engine.connect(), t.engine.connect(), t.engine.connect()]);
    for (const conn of conns) await conn.release();
    expect(t.driver.live.size).toBe(3);
    await t.engine.dispose();
    expect(t.driver.live.size).toBe(0);
    expect(t.engine.pool.stats()).toMatchObject({ open: 0, checkedIn: 0, closed: 3 });
  });

  it('rejects current waiters with PoolClosedError', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const held = await t.engine.connect();
    const waiters = [t.engine.connect(), t.engine.connect()];
    await t.engine.dispose();
    for (const waiter of waiters) {
      const error = await waiter.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PoolClosedError);
      expect(error).toMatchObject({ code: 'POOL_CLOSED' });
    }
    expect(t.engine.pool.stats().waiting).toBe(0);
    await held.release();
    expect(t.driver.live.size).toBe(0);
  });

  it('resolves without waiting for checked-out connections, which keep working and close on return', async () => {
    await using t = fakeEngine();
    const idle = await t.engine.connect();
    const busy = await t.engine.connect();
    await idle.release();
    await t.engine.dispose();
    expect(t.driver.live.size).toBe(1);
    await expect(busy.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
    expect(gauges(t.engine)).toEqual({ open: 1, checkedIn: 0, checkedOut: 1, overflow: -4, waiting: 0 });
    await busy.release();
    expect(t.driver.live.size).toBe(0);
    expect(gauges(t.engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, overflow: -5, waiting: 0 });
  });

  it('leaves the engine usable: a later connect() starts afresh with the same pool and listeners', async () => {
    await using t = fakeEngine();
    const pool = t.engine.pool;
    let checkouts = 0;
    pool.on('checkout', () => checkouts++);
    await (await t.engine.connect()).release();
    await t.engine.dispose();
    await using conn = await t.engine.connect();
    expect(t.engine.pool).toBe(pool);
    expect(checkouts).toBe(2);
    expect(t.driver.opened).toBe(2);
    await expect(conn.query('SELECT 1')).resolves.toBeDefined();
  });

  it('rejects a caller whose connection was still opening, and closes that connection when it lands', async () => {
    await using t = fakeEngine({}, { connectDelay: 30 });
    const pending = t.engine.connect();
    await t.engine.dispose();
    await expect(pending).rejects.toBeInstanceOf(PoolClosedError);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(t.driver.opened).toBe(1);
    expect(t.driver.live.size).toBe(0);
    expect(gauges(t.engine).open).toBe(0);
  });

  it('disposes at scope end with `await using engine`', async () => {
    const t = fakeEngine();
    {
      await using engine = t.engine;
      await (await engine.connect()).release();
      expect(t.driver.live.size).toBe(1);
    }
    expect(t.driver.live.size).toBe(0);
  });

  it('closes a connection whose reset on return was still running at dispose()', async () => {
    await using t = fakeEngine();
    const conn = await t.engine.connect();
    await conn.begin();
    const released = conn.release();
    await t.engine.dispose();
    await released;
    expect(t.driver.rollbacks).toBe(1);
    expect(t.driver.live.size).toBe(0);
    expect(gauges(t.engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, overflow: -5, waiting: 0 });
  });
});
