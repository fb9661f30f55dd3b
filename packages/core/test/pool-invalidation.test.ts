import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';

describe('a disconnect seen by a ping or a query invalidates the whole pool', () => {
  it('replaces every older idle connection at its next checkout after a query disconnect', async () => {
    await using t = fakeEngine({ poolSize: 4 });
    const conns = await Promise.all(Array.from({ length: 4 }, () => t.engine.connect()));
    const oldIds = conns.map((conn) => conn.info.id);
    const victim = conns[0]!;
    for (const conn of conns.slice(1)) await conn.release();
    t.driver.kill(); // the server restarted: every session is gone
    await expect(victim.query('SELECT 1')).rejects.toMatchObject({ code: 'FAKE_DISCONNECT' });
    const fresh = await Promise.all(Array.from({ length: 3 }, () => t.engine.connect()));
    for (const conn of fresh) {
      expect(oldIds).not.toContain(conn.info.id);
      await expect(conn.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
      await conn.release();
    }
    expect(t.engine.pool.stats()).toMatchObject({ invalidated: 4, pingFailures: 0, open: 3 });
  });

  it('spares connections opened after the disconnect was seen', async () => {
    await using t = fakeEngine({ poolSize: 3 });
    const a = await t.engine.connect();
    t.driver.kill(a.raw);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    const b = await t.engine.connect();
    const bId = b.info.id;
    await b.release();
    await using again = await t.engine.connect();
    expect(again.info.id).toBe(bId);
  });

  it('closes a stale connection when it comes back instead of keeping it', async () => {
    await using t = fakeEngine({ poolSize: 3 });
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    t.driver.kill(a.raw);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    await b.release();
    expect(t.engine.pool.stats()).toMatchObject({ open: 0, checkedIn: 0, invalidated: 2 });
    expect(t.driver.live.size).toBe(0);
  });

  it('invalidates the pool when a prePing fails with a disconnect', async () => {
    await using t = fakeEngine({ poolSize: 3, prePing: true, prePingBypass: 0 });
    const conns = await Promise.all(Array.from({ length: 3 }, () => t.engine.connect()));
    for (const conn of conns) await conn.release();
    t.driver.kill();
    await using first = await t.engine.connect();
    await using second = await t.engine.connect();
    // Only the first checkout pinged; the second knew its connection was stale without a ping.
    expect(t.driver.pings).toBe(1);
    expect(t.engine.pool.stats()).toMatchObject({ pingFailures: 1, invalidated: 2 });
    expect([first.info.id, second.info.id].every((id) => id > 3)).toBe(true);
  });

  it('does not invalidate the pool for an ordinary query error', async () => {
    await using t = fakeEngine({ poolSize: 2 });
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    const bId = b.info.id;
    await b.release();
    await expect(a.query('FAIL')).rejects.toThrow('syntax error');
    expect(a.released).toBe(false);
    await a.release();
    await using again = await t.engine.connect();
    expect([a.info.id, bId]).toContain(again.info.id);
    expect(t.engine.pool.stats().invalidated).toBe(0);
  });
});
