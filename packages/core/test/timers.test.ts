import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';
import { sleep } from './fake-driver.js';

/** Timers that keep the event loop alive (unref'd ones are not listed). */
function refTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('pool timers never keep the process alive', () => {
  it('holds no ref\'d timer while waiting, refilling, sweeping and backing off', async () => {
    await sleep(20);
    const before = refTimers();
    await using t = fakeEngine({ poolSize: 2, maxOverflow: 0, minSize: 2, keepalive: 5, idleTimeout: 60, leakDetection: 30, poolTimeout: 60, connectTimeout: 30 }, {}, (driver) => {
      driver.connectFailures.push(new Error('refused'));
    });
    await sleep(20);
    const held = [await t.engine.connect(), await t.engine.connect()];
    const waiter = t.engine.connect();
    expect(t.engine.pool.stats().waiting).toBe(1);
    expect(refTimers()).toBe(before);
    for (const conn of held) await conn.release();
    await (await waiter).release();
    expect(refTimers()).toBe(before);
  });
});
