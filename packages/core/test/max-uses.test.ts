import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';

describe('maxUses', () => {
  it('closes a connection when it comes back from its maxUses-th checkout', async () => {
    await using t = fakeEngine({ maxUses: 3 });
    const pids: number[] = [];
    for (let i = 0; i < 7; i++) {
      await using conn = await t.engine.connect();
      pids.push(await conn.backendPid());
    }
    expect(new Set(pids.slice(0, 3)).size).toBe(1);
    expect(new Set(pids.slice(3, 6)).size).toBe(1);
    expect(pids[3]).not.toBe(pids[0]);
    expect(pids[6]).not.toBe(pids[3]);
    expect(t.engine.pool.stats()).toMatchObject({ created: 3, recycled: 2, closed: 2, open: 1 });
    expect(t.driver.live.size).toBe(1);
  });

  it('hands the freed slot to a waiter, who gets a fresh connection', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, maxUses: 1 });
    const first = await t.engine.connect();
    const waiting = t.engine.connect();
    await first.release();
    await using second = await waiting;
    expect(second.info.id).not.toBe(first.info.id);
    expect(second.info.uses).toBe(1);
  });
});
