import { describe, expect, it } from 'vitest';
import { PoolTimeoutError } from '../src/index.js';
import type { TimeoutDetail } from '../src/index.js';
import { fakeEngine, gauges } from './helpers.js';

describe('poolTimeout', () => {
  it('fails a waiter after poolTimeout with SQLAlchemy\'s exact message', async () => {
    await using t = fakeEngine({ poolSize: 5, maxOverflow: 10, poolTimeout: 0.15 });
    const held = await Promise.all(Array.from({ length: 15 }, () => t.engine.connect()));
    const started = performance.now();
    const error = await t.engine.connect().catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(PoolTimeoutError);
    expect((error as Error).message).toBe('QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 0.15');
    expect((error as PoolTimeoutError).code).toBe('POOL_TIMEOUT');
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(1000);
    expect(gauges(t.engine)).toEqual({ open: 15, checkedIn: 0, checkedOut: 15, overflow: 10, waiting: 0 });
    expect(t.engine.pool.stats().timeouts).toBe(1);
    for (const conn of held) await conn.release();
  });

  it('formats the timeout with two decimals, as SQLAlchemy does', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.1 });
    const held = await t.engine.connect();
    await expect(t.engine.connect()).rejects.toThrow(/^QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0\.10$/);
    await held.release();
  });

  it('fails at once with poolTimeout 0 when the pool is full', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, poolTimeout: 0 });
    const held = await t.engine.connect();
    const started = performance.now();
    await expect(t.engine.connect()).rejects.toThrow('QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.00');
    expect(performance.now() - started).toBeLessThan(50);
    await held.release();
    // With a free connection poolTimeout 0 does not get in the way.
    await (await t.engine.connect()).release();
  });

  it('times out each waiter by its own arrival time and emits timeout', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.1 });
    const events: TimeoutDetail[] = [];
    t.engine.pool.on('timeout', (detail) => events.push(detail));
    const held = await t.engine.connect();
    const first = t.engine.connect().catch((e: unknown) => ({ error: e, at: performance.now() }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const secondAsked = performance.now();
    const second = t.engine.connect().catch((e: unknown) => ({ error: e, at: performance.now() }));
    const [a, b] = await Promise.all([first, second]);
    expect((a as { error: unknown }).error).toBeInstanceOf(PoolTimeoutError);
    expect((b as { error: unknown }).error).toBeInstanceOf(PoolTimeoutError);
    // Timed from its own arrival, not from the first waiter's (a late first timer must not drag it along).
    expect((b as { at: number }).at - secondAsked).toBeGreaterThanOrEqual(95);
    expect(events).toHaveLength(2);
    expect(events[0]!.waited).toBeGreaterThanOrEqual(0.09);
    // The second joined a queue that already had a waiter: it is still timed from its arrival.
    expect(events[1]!.waited).toBeGreaterThanOrEqual(0.09);
    expect(events[1]!.waited).toBeLessThan(0.2);
    expect(t.engine.pool.stats()).toMatchObject({ timeouts: 2, waiting: 0 });
    await held.release();
  });

  it('does not time out a waiter that is served in time', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.2 });
    const held = await t.engine.connect();
    const waiting = t.engine.connect();
    setTimeout(() => void held.release(), 50);
    const conn = await waiting;
    expect(conn.info.id).toBe(held.info.id);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(t.engine.pool.stats().timeouts).toBe(0);
    await conn.release();
  });

  it('times a waiter that joins a busy queue from its arrival, not from the next return', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.3 });
    const held = await t.engine.connect();
    const early = t.engine.connect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = t.engine.connect().catch((e: unknown) => e);
    const lateFrom = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // A return 250 ms in serves the early waiter; the late one must still fail 300 ms after it came.
    await held.release();
    const served = await early;
    const error = await late;
    const waited = performance.now() - lateFrom;
    expect(error).toBeInstanceOf(PoolTimeoutError);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(450);
    expect(t.engine.pool.stats()).toMatchObject({ timeouts: 1, waiting: 0 });
    const total = t.engine.pool.stats().waitTimeTotal;
    expect(total).toBeGreaterThanOrEqual(0.24 + 0.29);
    expect(total).toBeLessThan(0.25 + 0.45);
    await served.release();
  });
});
