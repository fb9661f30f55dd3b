import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';
import { sleep } from './fake-driver.js';

describe('idleTimeout', () => {
  it('closes connections idle longer than idleTimeout, down to minSize', async () => {
    await using t = fakeEngine({ poolSize: 5, minSize: 1, idleTimeout: 0.1 });
    await sleep(5); // let the minSize connection arrive
    const conns = await Promise.all(Array.from({ length: 4 }, () => t.engine.connect()));
    for (const conn of conns) await conn.release();
    expect(t.engine.pool.stats().checkedIn).toBe(4);
    await sleep(250);
    expect(t.engine.pool.stats()).toMatchObject({ open: 1, checkedIn: 1, closed: 3 });
    expect(t.driver.live.size).toBe(1);
  });

  it('keeps connections that are used more often than idleTimeout', async () => {
    await using t = fakeEngine({ poolSize: 2, idleTimeout: 0.15 });
    for (let i = 0; i < 6; i++) {
      await (await t.engine.connect()).release();
      await sleep(40);
    }
    expect(t.engine.pool.stats()).toMatchObject({ created: 1, closed: 0 });
  });
});
