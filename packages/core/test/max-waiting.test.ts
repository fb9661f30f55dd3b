import { describe, expect, it } from 'vitest';
import { PoolOverloadError } from '../src/index.js';
import { fakeEngine } from './helpers.js';

describe('maxWaiting', () => {
  it('refuses at once with PoolOverloadError beyond maxWaiting waiters', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, maxWaiting: 2 });
    const held = await t.engine.connect();
    const waiters = [t.engine.connect(), t.engine.connect()];
    const error = await t.engine.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolOverloadError);
    expect(error).toMatchObject({ code: 'POOL_OVERLOAD' });
    expect((error as Error).message).toContain('maxWaiting 2');
    expect(t.engine.pool.stats().waiting).toBe(2);
    await held.release();
    for (const waiter of waiters) await (await waiter).release();
  });

  it('lets any number wait with maxWaiting 0', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const held = await t.engine.connect();
    const waiters = Array.from({ length: 200 }, () => t.engine.connect().then((conn) => conn.release()));
    expect(t.engine.pool.stats().waiting).toBe(200);
    await held.release();
    await Promise.all(waiters);
    expect(t.engine.pool.stats()).toMatchObject({ waiting: 0, checkouts: 201, created: 1 });
  });
});
