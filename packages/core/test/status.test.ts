import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';

describe('status() and stats()', () => {
  it('reports SQLAlchemy QueuePool status lines as connections come and go', async () => {
    await using t = fakeEngine({ poolSize: 5, maxOverflow: 10 });
    const { pool } = t.engine;
    expect(pool.status()).toBe('Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current Checked out connections: 0');
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    expect(pool.status()).toBe('Pool size: 5  Connections in pool: 0 Current Overflow: -3 Current Checked out connections: 2');
    await a.release();
    await b.release();
    expect(pool.status()).toBe('Pool size: 5  Connections in pool: 2 Current Overflow: -3 Current Checked out connections: 0');
  });

  it('returns one flat object with gauges and cumulative counters', async () => {
    await using t = fakeEngine({ poolSize: 2, maxOverflow: 1 });
    const conns = await Promise.all([t.engine.connect(), t.engine.connect(), t.engine.connect()]);
    // The three callers waited for their opens: that is wait time too.
    const { waitTimeTotal, ...rest } = t.engine.pool.stats();
    expect(rest).toEqual({
      name: 'db/test', poolSize: 2, maxOverflow: 1, open: 3, checkedIn: 0, checkedOut: 3, overflow: 1, waiting: 0, connecting: 0,
      created: 3, closed: 0, checkouts: 3, timeouts: 0, overloads: 0, invalidated: 0, recycled: 0, pingFailures: 0,
    });
    expect(waitTimeTotal).toBeGreaterThan(0);
    expect(waitTimeTotal).toBeLessThan(1);
    for (const conn of conns) await conn.release();
    const after = t.engine.pool.stats();
    expect(after).toMatchObject({ open: 2, checkedIn: 2, checkedOut: 0, overflow: 0, created: 3, closed: 1, checkouts: 3 });
  });

  it('counts time spent waiting in waitTimeTotal, in seconds', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const held = await t.engine.connect();
    const waiting = t.engine.connect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await held.release();
    await (await waiting).release();
    const { waitTimeTotal } = t.engine.pool.stats();
    expect(waitTimeTotal).toBeGreaterThanOrEqual(0.045);
    expect(waitTimeTotal).toBeLessThan(1);
  });
});
