import { describe, expect, it } from 'vitest';
import { fakeEngine, gauges } from './helpers.js';
import { settle } from './fake-driver.js';

describe('connect({ signal })', () => {
  it('rejects at once with the reason of an already aborted signal', async () => {
    await using t = fakeEngine();
    const reason = new Error('request cancelled');
    await expect(t.engine.connect({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(t.driver.opened).toBe(0);
  });

  it('leaves the queue when aborted while waiting, and the pool is as before', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, poolTimeout: 5 });
    const held = await t.engine.connect();
    const controller = new AbortController();
    const waiting = t.engine.connect({ signal: controller.signal });
    const behind = t.engine.connect();
    expect(t.engine.pool.stats().waiting).toBe(2);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(t.engine.pool.stats().waiting).toBe(1);
    await held.release();
    const next = await behind;
    expect(next.info.id).toBe(held.info.id);
    await next.release();
    expect(gauges(t.engine)).toEqual({ open: 1, checkedIn: 1, checkedOut: 0, overflow: 0, waiting: 0 });
    expect(t.engine.pool.stats().timeouts).toBe(0);
  });

  it('rejects at once when aborted while its connection is still opening; the connection then goes to the pool', async () => {
    await using t = fakeEngine({ poolSize: 2 }, { connectDelay: 100 });
    const controller = new AbortController();
    const pending = t.engine.connect({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(performance.now() - started).toBeLessThan(50);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(gauges(t.engine)).toEqual({ open: 1, checkedIn: 1, checkedOut: 0, overflow: -1, waiting: 0 });
    expect(t.engine.pool.stats().checkouts).toBe(0);
  });

  it('hands a connection opened for an aborted caller to the next waiter', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 }, { connectDelay: 50 });
    const controller = new AbortController();
    const aborted = t.engine.connect({ signal: controller.signal });
    const next = t.engine.connect();
    controller.abort(new Error('nope'));
    await expect(aborted).rejects.toThrow('nope');
    const conn = await next;
    expect(t.driver.opened).toBe(1);
    await conn.release();
  });

  it('removes its abort listener once served', async () => {
    await using t = fakeEngine();
    const controller = new AbortController();
    const conn = await t.engine.connect({ signal: controller.signal });
    await conn.release();
    controller.abort();
    await settle();
    expect(gauges(t.engine)).toEqual({ open: 1, checkedIn: 1, checkedOut: 0, overflow: -4, waiting: 0 });
  });
});
