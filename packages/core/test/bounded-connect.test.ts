import { describe, expect, it } from 'vitest';
import { PoolTimeoutError } from '../src/index.js';
import { sleep } from './fake-driver.js';
import { fakeEngine, gauges } from './helpers.js';

describe('connect() settles within poolTimeout of its call, whatever the pool does for it', () => {
  it('a checkout ping that hangs: PoolTimeoutError at poolTimeout, not connectTimeout; the ping finishes for the pool', async () => {
    await using t = fakeEngine({ prePing: true, prePingBypass: 0, poolTimeout: 0.2, connectTimeout: 2 }, { pingDelay: 600 });
    await (await t.engine.connect()).release();
    const started = performance.now();
    const error = await t.engine.connect().catch((e: unknown) => e);
    const took = performance.now() - started;
    expect(error).toBeInstanceOf(PoolTimeoutError);
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(500);
    await sleep(500);
    expect(gauges(t.engine)).toMatchObject({ open: 1, checkedIn: 1, waiting: 0 });
  });

  it('an open that takes longer than poolTimeout: PoolTimeoutError at poolTimeout; the connection lands idle', async () => {
    await using t = fakeEngine({ poolTimeout: 0.1, connectTimeout: 5 }, { connectDelay: 300 });
    const started = performance.now();
    await expect(t.engine.connect()).rejects.toBeInstanceOf(PoolTimeoutError);
    expect(performance.now() - started).toBeLessThan(290);
    await sleep(300);
    expect(gauges(t.engine)).toMatchObject({ open: 1, checkedIn: 1 });
  });

  it('with poolTimeout 0 a caller given a free slot waits for that open, bounded by connectTimeout', async () => {
    await using t = fakeEngine({ poolTimeout: 0, poolSize: 1, maxOverflow: 0 }, { connectDelay: 50 });
    await using conn = await t.engine.connect();
    expect(conn.info.id).toBe(1);
    await expect(t.engine.connect()).rejects.toThrow('timeout 0.00');
  });
});
