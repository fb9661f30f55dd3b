import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';
import { sleep } from './fake-driver.js';

describe('poolRecycle', () => {
  it('replaces a connection older than poolRecycle at checkout, invisibly', async () => {
    await using t = fakeEngine({ poolRecycle: 0.05 });
    const first = await t.engine.connect();
    const oldPid = await first.backendPid();
    await first.release();
    await sleep(80);
    await using second = await t.engine.connect();
    expect(await second.backendPid()).not.toBe(oldPid);
    expect(t.driver.live.size).toBe(1);
    expect(t.engine.pool.stats()).toMatchObject({ recycled: 1, created: 2, closed: 1, open: 1, invalidated: 0 });
  });

  it('keeps a connection younger than poolRecycle', async () => {
    await using t = fakeEngine({ poolRecycle: 3600 });
    const first = await t.engine.connect();
    const pid = await first.backendPid();
    await first.release();
    await using second = await t.engine.connect();
    expect(await second.backendPid()).toBe(pid);
    expect(t.engine.pool.stats().recycled).toBe(0);
  });

  it('never recycles with the default -1', async () => {
    await using t = fakeEngine();
    expect(t.engine.options.poolRecycle).toBe(-1);
  });
});
