import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';
import { sleep } from './fake-driver.js';

describe('keepalive', () => {
  it('pings idle connections every keepalive seconds', async () => {
    await using t = fakeEngine({ poolSize: 2, keepalive: 0.05 });
    const conns = [await t.engine.connect(), await t.engine.connect()];
    for (const conn of conns) await conn.release();
    await sleep(180);
    expect(t.driver.pings).toBeGreaterThanOrEqual(4);
    expect(t.driver.pings).toBeLessThanOrEqual(12);
    expect(t.engine.pool.stats()).toMatchObject({ checkedIn: 2, pingFailures: 0 });
  });

  it('discards an idle connection whose keepalive ping fails, and only that one', async () => {
    await using t = fakeEngine({ poolSize: 2, keepalive: 0.05 });
    const conns = [await t.engine.connect(), await t.engine.connect()];
    const dead = conns[0]!.raw;
    for (const conn of conns) await conn.release();
    t.driver.kill(dead);
    await sleep(150);
    expect(t.engine.pool.stats()).toMatchObject({ open: 1, checkedIn: 1, invalidated: 1 });
    expect(t.engine.pool.stats().pingFailures).toBeGreaterThanOrEqual(1);
    await using conn = await t.engine.connect();
    expect(conn.info.id).toBe(conns[1]!.info.id);
  });

  it('does not ping connections that are checked out', async () => {
    await using t = fakeEngine({ keepalive: 0.03 });
    const conn = await t.engine.connect();
    await sleep(100);
    expect(t.driver.pings).toBe(0);
    await conn.release();
  });
});
