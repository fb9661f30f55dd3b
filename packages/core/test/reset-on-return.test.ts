import { describe, expect, it } from 'vitest';
import { fakeEngine, quietLogger } from './helpers.js';
import { disconnectError } from './fake-driver.js';

describe('resetOnReturn', () => {
  it('rolls back an unfinished transaction before the next user gets the connection', async () => {
    await using t = fakeEngine({ poolSize: 1 });
    const writer = await t.engine.connect();
    await writer.begin();
    await writer.query('INSERT', ['half-done']);
    await writer.release();
    expect(t.driver.rollbacks).toBe(1);
    await using next = await t.engine.connect();
    expect(t.driver.inTransaction(next.raw)).toBe(false);
    const { rows } = await next.query('SELECT ROWS');
    expect(rows).toEqual([]);
  });

  it('counts a transaction begun with raw SQL as open', async () => {
    await using t = fakeEngine();
    const conn = await t.engine.connect();
    await conn.query('START TRANSACTION');
    await conn.release();
    expect(t.driver.rollbacks).toBe(1);
  });

  it('skips the round trip when the driver knows there is no transaction', async () => {
    await using t = fakeEngine();
    for (let i = 0; i < 5; i++) {
      await using conn = await t.engine.connect();
      await conn.query('SELECT 1');
    }
    expect(t.driver.rollbacks).toBe(0);
  });

  it('rolls back on every return when the driver cannot tell', async () => {
    await using t = fakeEngine({}, { knowsTransactions: false });
    for (let i = 0; i < 3; i++) await (await t.engine.connect()).release();
    expect(t.driver.rollbacks).toBe(3);
  });

  it("commits instead with 'commit'", async () => {
    await using t = fakeEngine({ resetOnReturn: 'commit' });
    const conn = await t.engine.connect();
    await conn.begin();
    await conn.query('INSERT', ['kept']);
    await conn.release();
    expect(t.driver.committed).toEqual(['kept']);
    expect(t.driver.commits).toBe(1);
  });

  it('runs nothing with false (or null)', async () => {
    for (const resetOnReturn of [false, null] as const) {
      await using t = fakeEngine({ resetOnReturn });
      const conn = await t.engine.connect();
      await conn.begin();
      await conn.release();
      expect(t.driver.rollbacks + t.driver.commits).toBe(0);
    }
  });

  it('emits reset with the mode that ran', async () => {
    await using t = fakeEngine();
    const modes: string[] = [];
    t.engine.pool.on('reset', (_info, mode) => modes.push(mode));
    const conn = await t.engine.connect();
    await conn.begin();
    await conn.release();
    expect(modes).toEqual(['rollback']);
  });

  it('invalidates the connection when the reset fails, and release still resolves', async () => {
    const logger = quietLogger();
    await using t = fakeEngine({ logger });
    const conn = await t.engine.connect();
    await conn.begin();
    t.driver.resetFailure = new Error('rollback failed');
    await expect(conn.release()).resolves.toBeUndefined();
    t.driver.resetFailure = undefined;
    expect(t.engine.pool.stats()).toMatchObject({ open: 0, invalidated: 1, closed: 1 });
    expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('rollback failed'))).toBe(true);
  });

  it('treats a reset that fails with a disconnect as a disconnect: older connections are pinged before reuse', async () => {
    await using t = fakeEngine({ poolSize: 2 });
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    const bRaw = b.raw;
    const bId = b.info.id;
    await b.release();
    await a.begin();
    t.driver.resetFailure = disconnectError();
    await a.release();
    t.driver.resetFailure = undefined;
    t.driver.kill(bRaw);
    await using next = await t.engine.connect();
    expect(t.driver.pings).toBe(1);
    expect(next.info.id).not.toBe(bId);
    expect(t.engine.pool.stats()).toMatchObject({ pingFailures: 1, invalidated: 2 });
  });

  it('resolves release() only once the reset has run and the connection is back', async () => {
    await using t = fakeEngine();
    const conn = await t.engine.connect();
    await conn.begin();
    const release = conn.release();
    expect(t.engine.pool.stats().checkedIn).toBe(0);
    await release;
    expect(t.engine.pool.stats().checkedIn).toBe(1);
  });
});
