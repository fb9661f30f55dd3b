import { describe, expect, it } from 'vitest';
import { connectOnceBack, fakeEngine } from './helpers.js';
import { sleep } from './fake-driver.js';

describe('prePing', () => {
  it('replaces a dead connection at checkout, invisibly to the caller', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0 });
    const first = await t.engine.connect();
    const oldPid = await first.backendPid();
    await first.release();
    t.driver.kill();
    await using conn = await t.engine.connect();
    const { rows } = await conn.query('SELECT 1');
    expect(rows[0]).toMatchObject({ pid: await conn.backendPid() });
    expect(await conn.backendPid()).not.toBe(oldPid);
    expect(t.engine.pool.stats()).toMatchObject({ pingFailures: 1, invalidated: 1, created: 2, open: 1 });
  });

  it('skips the ping for a connection returned healthy less than prePingBypass ago', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0.2 });
    for (let i = 0; i < 5; i++) await (await t.engine.connect()).release();
    expect(t.driver.pings).toBe(0);
    await sleep(250);
    await (await t.engine.connect()).release();
    expect(t.driver.pings).toBe(1);
  });

  it('pings at every checkout with prePingBypass 0', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0 });
    for (let i = 0; i < 4; i++) await (await t.engine.connect()).release();
    // The first checkout gets a brand-new connection, which is not pinged.
    expect(t.driver.pings).toBe(3);
  });

  it('does not ping without prePing', async () => {
    await using t = fakeEngine({ prePingBypass: 0 });
    for (let i = 0; i < 3; i++) await (await t.engine.connect()).release();
    expect(t.driver.pings).toBe(0);
  });

  it('rejects the caller with ConnectError when the replacement cannot be opened, freeing the slot', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0, poolSize: 1, maxOverflow: 0 });
    await (await t.engine.connect()).release();
    t.driver.kill();
    t.driver.serverDown = new Error('ECONNREFUSED');
    await expect(t.engine.connect()).rejects.toMatchObject({ code: 'POOL_CONNECT' });
    expect(t.engine.pool.stats()).toMatchObject({ open: 0, checkedIn: 0, checkedOut: 0 });
    t.driver.serverDown = undefined;
    await (await connectOnceBack(t.engine)).release();
  });

  it('treats a ping that never answers as a failure after connectTimeout', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0, connectTimeout: 0.05 }, { pingDelay: 10_000 });
    const first = await t.engine.connect();
    await first.release();
    const started = performance.now();
    await using conn = await t.engine.connect();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(conn.info.id).not.toBe(first.info.id);
    expect(t.engine.pool.stats().pingFailures).toBe(1);
  });
});
