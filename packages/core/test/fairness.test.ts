import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';

describe('waiters are served in arrival order', () => {
  it('hands returned connections to waiters first come, first served', async () => {
    await using t = fakeEngine({ poolSize: 2, maxOverflow: 0 });
    const held = [await t.engine.connect(), await t.engine.connect()];
    const order: number[] = [];
    const waiters = Array.from({ length: 6 }, (_, i) => t.engine.connect().then(async (conn) => {
      order.push(i);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await conn.release();
    }));
    expect(t.engine.pool.stats().waiting).toBe(6);
    for (const conn of held) await conn.release();
    await Promise.all(waiters);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(t.driver.opened).toBe(2);
  });

  it('a newcomer does not overtake a waiter when a connection comes back', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const held = await t.engine.connect();
    const served: string[] = [];
    const waiter = t.engine.connect().then(async (conn) => {
      served.push('waiter');
      await conn.release();
    });
    await held.release();
    const newcomer = t.engine.connect().then(async (conn) => {
      served.push('newcomer');
      await conn.release();
    });
    await Promise.all([waiter, newcomer]);
    expect(served).toEqual(['waiter', 'newcomer']);
  });

  it('serves the oldest waiter from a slot freed by a closed connection', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 1 });
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    const first = t.engine.connect();
    const second = t.engine.connect();
    await a.invalidate('broken');
    const got = await first;
    expect(t.engine.pool.stats()).toMatchObject({ open: 2, waiting: 1, created: 3 });
    await got.release();
    const next = await second;
    expect(next.info.id).toBe(got.info.id);
    await next.release();
    await b.release();
  });

  it('keeps arrival order across hundreds of waiters, some of them aborted on the way', async () => {
    await using t = fakeEngine({ poolSize: 3, maxOverflow: 0 });
    const held = await Promise.all([t.engine.connect(), t.engine.connect(), t.engine.connect()]);
    const order: number[] = [];
    const aborted: number[] = [];
    const controllers = new Map<number, AbortController>();
    const waiters = Array.from({ length: 300 }, (_, i) => {
      const controller = new AbortController();
      if (i % 7 === 3) controllers.set(i, controller);
      return t.engine.connect({ signal: controller.signal }).then(
        async (conn) => {
          order.push(i);
          await new Promise((resolve) => setImmediate(resolve));
          await conn.release();
        },
        () => void aborted.push(i),
      );
    });
    for (const controller of controllers.values()) controller.abort(new Error('gave up'));
    expect(t.engine.pool.stats().waiting).toBe(300 - controllers.size);
    for (const conn of held) await conn.release();
    await Promise.all(waiters);
    const expected = Array.from({ length: 300 }, (_, i) => i).filter((i) => !controllers.has(i));
    expect(order).toEqual(expected);
    expect(aborted.sort((a, b) => a - b)).toEqual([...controllers.keys()]);
    expect(t.engine.pool.stats()).toMatchObject({ open: 3, checkedIn: 3, waiting: 0, checkouts: 3 + expected.length });
    expect(t.driver.opened).toBe(3);
  });
});
