import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';

describe('after a disconnect seen by a ping or a query, older connections are suspect', () => {
  it('one killed session costs one reconnect: the others are pinged at their next checkout and kept', async () => {
    await using t = fakeEngine({ poolSize: 10 });
    const conns = await Promise.all(Array.from({ length: 10 }, () => t.engine.connect()));
    const victim = conns[0]!;
    for (const conn of conns.slice(1)) await conn.release();
    t.driver.kill(victim.raw); // pg_terminate_backend on one busy session
    await expect(victim.query('SELECT 1')).rejects.toMatchObject({ code: 'FAKE_DISCONNECT' });
    const again = await Promise.all(Array.from({ length: 10 }, () => t.engine.connect()));
    for (const conn of again) await expect(conn.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
    expect(t.driver.opened).toBe(11);
    expect(t.driver.pings).toBe(9);
    expect(t.engine.pool.stats()).toMatchObject({ invalidated: 1, pingFailures: 0 });
    for (const conn of again) await conn.release();
  });

  it('a restart kills them all: every older connection fails its ping and is replaced invisibly', async () => {
    await using t = fakeEngine({ poolSize: 4 });
    const conns = await Promise.all(Array.from({ length: 4 }, () => t.engine.connect()));
    const oldIds = conns.map((conn) => conn.info.id);
    const victim = conns[0]!;
    for (const conn of conns.slice(1)) await conn.release();
    t.driver.kill();
    await expect(victim.query('SELECT 1')).rejects.toMatchObject({ code: 'FAKE_DISCONNECT' });
    const fresh = await Promise.all(Array.from({ length: 3 }, () => t.engine.connect()));
    for (const conn of fresh) {
      expect(oldIds).not.toContain(conn.info.id);
      await expect(conn.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
      await conn.release();
    }
    expect(t.engine.pool.stats()).toMatchObject({ invalidated: 4, pingFailures: 3, open: 3 });
  });

  it('pings a suspect once: after a good ping it is trusted again', async () => {
    await using t = fakeEngine({ poolSize: 2 });
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    await b.release();
    t.driver.kill(a.raw);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    await (await t.engine.connect()).release();
    expect(t.driver.pings).toBe(1);
    await (await t.engine.connect()).release();
    expect(t.driver.pings).toBe(1);
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
    expect(t.driver.pings).toBe(0);
  });

  it('keeps a suspect that comes back, and pings it before the next caller gets it', async () => {
    await using t = fakeEngine({ poolSize: 3 });
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    t.driver.kill(a.raw);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    await b.release();
    expect(t.engine.pool.stats()).toMatchObject({ open: 1, checkedIn: 1, invalidated: 1 });
    await using next = await t.engine.connect();
    expect(next.info.id).toBe(b.info.id);
    expect(t.driver.pings).toBe(1);
  });

  it('a waiter handed a returned suspect gets it pinged first', async () => {
    await using t = fakeEngine({ poolSize: 2, maxOverflow: 0 });
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    const waiting = t.engine.connect();
    t.driver.kill(a.raw);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    // a's slot is free: the waiter may get a new connection or b, whichever comes first.
    await b.release();
    await using got = await waiting;
    await expect(got.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
    expect(t.driver.pings + t.driver.opened).toBeGreaterThanOrEqual(3);
  });

  it('does not suspect anyone for an ordinary query error', async () => {
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
    expect(t.driver.pings).toBe(0);
  });
});
