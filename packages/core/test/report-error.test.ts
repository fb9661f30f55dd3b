import { describe, expect, it } from 'vitest';
import { disconnectError } from './fake-driver.js';
import { fakeEngine } from './helpers.js';

describe('conn.reportError: an error seen on the raw client', () => {
  it('a disconnect discards the connection, frees its slot and says so', async () => {
    await using t = fakeEngine({ poolSize: 2 });
    const conn = await t.engine.connect();
    expect(conn.reportError(disconnectError())).toBe(true);
    expect(conn.released).toBe(true);
    expect(t.engine.pool.stats()).toMatchObject({ open: 0, invalidated: 1 });
    expect(t.driver.live.size).toBe(0);
    await conn.release();
  });

  it('an ordinary error leaves the connection with its holder', async () => {
    await using t = fakeEngine({ poolSize: 2 });
    await using conn = await t.engine.connect();
    expect(conn.reportError(new Error('duplicate key value'))).toBe(false);
    expect(conn.released).toBe(false);
    await expect(conn.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
  });

  it('after release it is a no-op', async () => {
    await using t = fakeEngine({ poolSize: 2 });
    const conn = await t.engine.connect();
    await conn.release();
    expect(conn.reportError(disconnectError())).toBe(false);
    expect(t.engine.pool.stats()).toMatchObject({ open: 1, checkedIn: 1, invalidated: 0 });
  });
});
