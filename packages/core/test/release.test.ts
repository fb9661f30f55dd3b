import { describe, expect, it } from 'vitest';
import { ConnectionReleasedError } from '../src/index.js';
import { fakeEngine, gauges } from './helpers.js';

describe('release, invalidate and use after release', () => {
  it('treats a second release as a no-op', async () => {
    await using t = fakeEngine();
    const conn = await t.engine.connect();
    await conn.release();
    await conn.release();
    await conn[Symbol.asyncDispose]();
    expect(gauges(t.engine)).toEqual({ open: 1, checkedIn: 1, checkedOut: 0, overflow: -4, waiting: 0 });
    expect(t.engine.pool.stats().checkouts).toBe(1);
  });

  it('throws ConnectionReleasedError on any use after release', async () => {
    await using t = fakeEngine();
    const conn = await t.engine.connect();
    await conn.release();
    await expect(conn.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionReleasedError);
    await expect(conn.begin()).rejects.toMatchObject({ code: 'POOL_CONNECTION_RELEASED' });
    await expect(conn.backendPid()).rejects.toBeInstanceOf(ConnectionReleasedError);
    expect(() => conn.raw).toThrow(ConnectionReleasedError);
    expect(conn.info.uses).toBe(1);
  });

  it('does not let a stale handle touch the connection its next holder has', async () => {
    await using t = fakeEngine({ poolSize: 1 });
    const first = await t.engine.connect();
    await first.release();
    await using second = await t.engine.connect();
    expect(second.info.id).toBe(first.info.id);
    await expect(first.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionReleasedError);
    await first.release();
    expect(second.released).toBe(false);
    await expect(second.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
  });

  it('releases at the end of an `await using` block, even when the block throws', async () => {
    await using t = fakeEngine();
    await expect((async () => {
      await using conn = await t.engine.connect();
      await conn.query('SELECT 1');
      throw new Error('handler failed');
    })()).rejects.toThrow('handler failed');
    expect(gauges(t.engine)).toMatchObject({ checkedIn: 1, checkedOut: 0 });
  });

  it('invalidate() closes the connection, frees its slot and says why on later use', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const conn = await t.engine.connect();
    const raw = conn.raw;
    const reasons: string[] = [];
    t.engine.pool.on('invalidate', (_info, reason) => reasons.push(reason));
    await conn.invalidate('corrupted session state');
    expect(raw.closed).toBe(true);
    expect(reasons).toEqual(['corrupted session state']);
    expect(gauges(t.engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, overflow: -1, waiting: 0 });
    await expect(conn.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionReleasedError);
    await conn.release();
    expect(t.engine.pool.stats()).toMatchObject({ invalidated: 1, closed: 1 });
  });

  it('a connection lost to a disconnect says so when used again', async () => {
    await using t = fakeEngine();
    const conn = await t.engine.connect();
    t.driver.kill(conn.raw);
    await expect(conn.query('SELECT 1')).rejects.toMatchObject({ code: 'FAKE_DISCONNECT' });
    await expect(conn.query('SELECT 1')).rejects.toThrow(/can no longer be used: disconnect: server closed the connection unexpectedly/);
    await expect(conn.release()).resolves.toBeUndefined();
    expect(gauges(t.engine).open).toBe(0);
  });
});
