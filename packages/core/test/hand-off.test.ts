import { describe, expect, it } from 'vitest';
import { sleep } from './fake-driver.js';
import { fakeEngine, until } from './helpers.js';

describe('waiters take whichever comes first: a returned connection or a newly opened one', () => {
  it('HikariCP\'s spike: 50 callers at once, 150 ms connects, 2 ms of work, min 5: ends with at most 7 connections', async () => {
    await using t = fakeEngine({ poolSize: 50, maxOverflow: 0, minSize: 5 }, { connectDelay: 150 });
    await until(() => t.engine.pool.stats().checkedIn === 5);
    const waits = await Promise.all(Array.from({ length: 50 }, async () => {
      const asked = performance.now();
      const conn = await t.engine.connect();
      const waited = performance.now() - asked;
      await sleep(2);
      await conn.release();
      return waited;
    }));
    // Opens still under way land idle: count what the pool holds once they have.
    await sleep(200);
    expect(t.engine.pool.stats().open).toBeLessThanOrEqual(7);
    expect(t.driver.live.size).toBe(t.engine.pool.stats().open);
    // Served by connections returned after 2 ms of work, not by 150 ms opens.
    expect(Math.max(...waits)).toBeLessThan(140);
  });

  it('a caller gets a connection returned while its open is still under way', async () => {
    await using t = fakeEngine({ poolSize: 5 }, { connectDelay: 200 });
    const held = await t.engine.connect();
    const asked = performance.now();
    const waiting = t.engine.connect();
    await sleep(10);
    await held.release();
    const got = await waiting;
    expect(performance.now() - asked).toBeLessThan(150);
    expect(got.info.id).toBe(held.info.id);
    await got.release();
    // The open it started finishes for the pool and goes idle.
    await until(() => t.engine.pool.stats().checkedIn === 2);
    expect(t.engine.pool.stats()).toMatchObject({ open: 2, created: 2, checkouts: 2 });
  });

  it('an open that finishes with nobody waiting beyond poolSize idle is closed as overflow', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 1 }, { connectDelay: 100 });
    const held = await t.engine.connect();
    const waiting = t.engine.connect(); // starts the overflow open
    await sleep(10);
    await held.release();
    await (await waiting).release();
    await until(() => t.engine.pool.stats().created === 2);
    await sleep(10);
    expect(t.engine.pool.stats()).toMatchObject({ open: 1, checkedIn: 1, closed: 1 });
    expect(t.driver.live.size).toBe(1);
  });
});

describe('maxConnecting', () => {
  it('opens at most 2 connections at once by default, and serves every caller', async () => {
    await using t = fakeEngine({ poolSize: 10, maxOverflow: 0 }, { connectDelay: 20 });
    const conns = await Promise.all(Array.from({ length: 10 }, () => t.engine.connect()));
    expect(t.driver.maxConnectingNow).toBe(2);
    expect(t.driver.opened).toBe(10);
    for (const conn of conns) await conn.release();
  });

  it('takes the limit from the option, and 0 means no limit', async () => {
    await using one = fakeEngine({ poolSize: 6, maxConnecting: 1 }, { connectDelay: 10 });
    await using unlimited = fakeEngine({ poolSize: 6, maxConnecting: 0 }, { connectDelay: 10 });
    for (const t of [one, unlimited]) {
      const conns = await Promise.all(Array.from({ length: 6 }, () => t.engine.connect()));
      for (const conn of conns) await conn.release();
    }
    expect(one.driver.maxConnectingNow).toBe(1);
    expect(unlimited.driver.maxConnectingNow).toBe(6);
  });

  it('counts opens in flight in stats().connecting and callers not yet served in waiting', async () => {
    await using t = fakeEngine({ poolSize: 5 }, { connectDelay: 50 });
    const pending = Array.from({ length: 4 }, () => t.engine.connect());
    expect(t.engine.pool.stats()).toMatchObject({ open: 2, connecting: 2, waiting: 4, checkedOut: 2 });
    for (const conn of await Promise.all(pending)) await conn.release();
    expect(t.engine.pool.stats()).toMatchObject({ connecting: 0, waiting: 0 });
  });
});
