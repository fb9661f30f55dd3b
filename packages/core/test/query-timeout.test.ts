import { describe, expect, it, vi } from 'vitest';
import { ConnectionReleasedError, createEngine, QueryTimeoutError } from '../src/index.js';
import { FakeDriver } from './fake-driver.js';
import { fakeEngine, gauges } from './helpers.js';

describe('queryTimeout', () => {
  it('fails a statement that runs too long with QueryTimeoutError and closes its connection', async () => {
    await using t = fakeEngine({ queryTimeout: 0.05 });
    const conn = await t.engine.connect();
    const started = performance.now();
    const error = await conn.query('SLEEP 500').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(400);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(error).toMatchObject({ code: 'POOL_QUERY_TIMEOUT' });
    expect((error as Error).message).toBe('a statement ran longer than queryTimeout (0.05 s); its connection was closed');
    expect(conn.released).toBe(true);
    expect(t.driver.live.size).toBe(0);
    await expect(conn.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionReleasedError);
    await conn.release();
    expect(gauges(t.engine)).toMatchObject({ open: 0, checkedOut: 0 });
    expect(t.engine.pool.stats().invalidated).toBe(1);
  });

  it('lets statements within the limit through, and is off by default', async () => {
    await using limited = fakeEngine({ queryTimeout: 0.5 });
    await using unlimited = fakeEngine();
    await expect(limited.engine.query('SLEEP 10')).resolves.toMatchObject({ rowCount: 0 });
    await expect(unlimited.engine.query('SLEEP 100')).resolves.toMatchObject({ rowCount: 0 });
    expect(limited.engine.pool.stats().invalidated).toBe(0);
  });

  it('bounds the reset on return too: a rollback that hangs closes the connection', async () => {
    await using t = fakeEngine({ queryTimeout: 0.05 }, { resetDelay: 500 });
    const conn = await t.engine.connect();
    await conn.begin();
    const started = performance.now();
    await conn.release();
    expect(performance.now() - started).toBeLessThan(400);
    expect(gauges(t.engine)).toMatchObject({ open: 0, checkedOut: 0 });
  });

  it('is read from the URL and the environment like every option', () => {
    vi.stubEnv('POOL_QUERY_TIMEOUT', '2.5');
    expect(createEngine('fake://db/x', { driver: new FakeDriver() }).options.queryTimeout).toBe(2.5);
    expect(createEngine('fake://db/x?query_timeout=0.25', { driver: new FakeDriver() }).options.queryTimeout).toBe(0.25);
    vi.unstubAllEnvs();
  });
});
