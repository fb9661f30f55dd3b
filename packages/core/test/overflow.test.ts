import { describe, expect, it } from 'vitest';
import { fakeEngine, gauges } from './helpers.js';

describe('poolSize and maxOverflow', () => {
  it('opens lazily and never more than poolSize + maxOverflow connections', async () => {
    await using t = fakeEngine({ poolSize: 2, maxOverflow: 3, poolTimeout: 0.2 });
    expect(t.driver.opened).toBe(0);
    const conns = await Promise.all(Array.from({ length: 5 }, () => t.engine.connect()));
    expect(gauges(t.engine)).toEqual({ open: 5, checkedIn: 0, checkedOut: 5, overflow: 3, waiting: 0 });
    await expect(t.engine.connect()).rejects.toMatchObject({ code: 'POOL_TIMEOUT' });
    expect(t.driver.maxLive).toBe(5);
    for (const conn of conns) await conn.release();
  });

  it('closes overflow connections on return once poolSize are idle', async () => {
    await using t = fakeEngine({ poolSize: 2, maxOverflow: 3 });
    const conns = await Promise.all(Array.from({ length: 5 }, () => t.engine.connect()));
    for (const conn of conns) await conn.release();
    expect(gauges(t.engine)).toEqual({ open: 2, checkedIn: 2, checkedOut: 0, overflow: 0, waiting: 0 });
    expect(t.driver.live.size).toBe(2);
    expect(t.engine.pool.stats()).toMatchObject({ created: 5, closed: 3 });
  });

  it('treats maxOverflow -1 as unlimited', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: -1 });
    const conns = await Promise.all(Array.from({ length: 40 }, () => t.engine.connect()));
    expect(t.engine.pool.stats()).toMatchObject({ open: 40, overflow: 39 });
    for (const conn of conns) await conn.release();
    expect(t.engine.pool.stats()).toMatchObject({ open: 1, checkedIn: 1, closed: 39 });
  });

  it('treats poolSize 0 as no limit and keeps every returned connection', async () => {
    await using t = fakeEngine({ poolSize: 0, maxOverflow: 0 });
    const conns = await Promise.all(Array.from({ length: 30 }, () => t.engine.connect()));
    for (const conn of conns) await conn.release();
    expect(t.engine.pool.status()).toBe('Pool size: 0  Connections in pool: 30 Current Overflow: 30 Current Checked out connections: 0');
    expect(t.driver.closedCount).toBe(0);
  });

  it('reuses an idle connection instead of opening another', async () => {
    await using t = fakeEngine({ poolSize: 5 });
    for (let i = 0; i < 10; i++) {
      await using conn = await t.engine.connect();
      await conn.query('SELECT 1');
    }
    expect(t.driver.opened).toBe(1);
    expect(t.engine.pool.stats()).toMatchObject({ created: 1, checkouts: 10 });
  });
});
