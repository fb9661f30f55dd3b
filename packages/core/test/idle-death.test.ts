import { describe, expect, it } from 'vitest';
import { fakeEngine, gauges, quietLogger } from './helpers.js';

describe('a connection whose socket dies', () => {
  it('is removed at once when idle, and only that one', async () => {
    const logger = quietLogger();
    await using t = fakeEngine({ poolSize: 3, logger });
    const conns = await Promise.all(Array.from({ length: 3 }, () => t.engine.connect()));
    const raws = conns.map((conn) => conn.raw);
    for (const conn of conns) await conn.release();
    t.driver.die(raws[1]!);
    expect(gauges(t.engine)).toEqual({ open: 2, checkedIn: 2, checkedOut: 0, overflow: -1, waiting: 0 });
    expect(raws[1]!.closed).toBe(true);
    // No pool-wide invalidation: the other two are reused as they are.
    const again = await Promise.all([t.engine.connect(), t.engine.connect()]);
    expect(again.map((conn) => conn.info.id).sort()).toEqual([conns[0]!.info.id, conns[2]!.info.id].sort());
    for (const conn of again) await conn.release();
    expect(t.engine.pool.stats()).toMatchObject({ invalidated: 1, created: 3 });
  });

  it('is discarded on return when it died while checked out; release does not throw', async () => {
    await using t = fakeEngine();
    const conn = await t.engine.connect();
    t.driver.die(conn.raw);
    expect(gauges(t.engine).checkedOut).toBe(1);
    await expect(conn.release()).resolves.toBeUndefined();
    expect(gauges(t.engine)).toMatchObject({ open: 0, checkedIn: 0 });
    expect(t.engine.pool.stats().invalidated).toBe(1);
  });

  it('frees its slot for a waiter', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const a = await t.engine.connect();
    const rawA = a.raw;
    await a.release();
    const b = await t.engine.connect();
    const waiting = t.engine.connect();
    t.driver.die(rawA); // dead while checked out by b: nothing happens until b returns
    await b.release();
    const c = await waiting;
    expect(c.info.id).not.toBe(a.info.id);
    await c.release();
  });
});
