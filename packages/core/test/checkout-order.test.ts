import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';
import { disconnectError, sleep } from './fake-driver.js';

describe('checkout checks run in order: recycle age, then a ping (prePing or suspect)', () => {
  it('recycles a connection both suspect and old without pinging it', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0, poolRecycle: 0.01, poolSize: 2 });
    const [a, b] = [await t.engine.connect(), await t.engine.connect()];
    await b.release();
    await sleep(20);
    // A disconnect seen by a query makes every older connection suspect.
    t.driver.kill(a.raw);
    await expect(a.query('SELECT 1')).rejects.toMatchObject({ code: 'FAKE_DISCONNECT' });
    const pingsBefore = t.driver.pings;
    await using c = await t.engine.connect();
    expect(c.info.id).toBeGreaterThan(b.info.id);
    expect(t.driver.pings).toBe(pingsBefore);
    expect(t.engine.pool.stats()).toMatchObject({ invalidated: 1, recycled: 1 });
  });

  it('recycles an old connection before pinging it', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0, poolRecycle: 0.01 });
    await (await t.engine.connect()).release();
    await sleep(20);
    await (await t.engine.connect()).release();
    expect(t.driver.pings).toBe(0);
    expect(t.engine.pool.stats()).toMatchObject({ recycled: 1, pingFailures: 0 });
  });

  it('uses the application\'s isDisconnect as well as the driver\'s', async () => {
    const isDisconnect = (error: unknown): boolean => (error as Error).message === 'proxy dropped us';
    await using t = fakeEngine({ isDisconnect });
    const conn = await t.engine.connect();
    t.driver.query = () => Promise.reject(new Error('proxy dropped us'));
    await expect(conn.query('SELECT 1')).rejects.toThrow('proxy dropped us');
    expect(conn.released).toBe(true);
    expect(t.engine.pool.stats()).toMatchObject({ invalidated: 1, open: 0 });
    expect(disconnectError().message).toBeTruthy();
  });
});
