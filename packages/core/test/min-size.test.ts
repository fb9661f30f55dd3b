import { describe, expect, it } from 'vitest';
import { fakeEngine, quietLogger, until } from './helpers.js';
import { sleep, tooManyClients } from './fake-driver.js';

describe('minSize', () => {
  it('opens minSize connections in the background as soon as the engine exists', async () => {
    await using t = fakeEngine({ poolSize: 5, minSize: 3 });
    await until(() => t.engine.pool.stats().checkedIn === 3);
    expect(t.engine.pool.stats()).toMatchObject({ open: 3, checkedIn: 3, created: 3, checkouts: 0 });
  });

  it('refills after connections are lost', async () => {
    await using t = fakeEngine({ poolSize: 5, minSize: 2 });
    await until(() => t.engine.pool.stats().checkedIn === 2);
    const conn = await t.engine.connect();
    await conn.invalidate();
    expect(t.engine.pool.stats().open).toBe(2); // the refill's open is under way and counts
    await until(() => t.engine.pool.stats().checkedIn === 2);
    expect(t.engine.pool.stats().created).toBe(3);
  });

  it('retries with backoff when the server is down, warning once, never rejecting unhandled', async () => {
    const logger = quietLogger();
    const t = fakeEngine({ poolSize: 3, minSize: 2, logger }, {}, (driver) => {
      driver.serverDown = tooManyClients();
    });
    await sleep(400);
    // A full server: backoff from 50 ms, doubling, with jitter: a handful of attempts, not a hot loop.
    expect(t.driver.attempts).toBeGreaterThanOrEqual(3);
    expect(t.driver.attempts).toBeLessThanOrEqual(9);
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('too many clients');
    expect(warnings[0]!.fields).toMatchObject({ pool: 'db/test', err: { code: 'POOL_CONNECT' } });
    t.driver.serverDown = undefined;
    await until(() => t.engine.pool.stats().checkedIn === 2, 3000);
    expect(logger.lines.some((line) => line.level === 'info' && line.message.startsWith('a connection opened again after'))).toBe(true);
    await t.engine.dispose();
  });

  it('stops refilling after dispose and starts again on the next connect', async () => {
    await using t = fakeEngine({ poolSize: 3, minSize: 2 });
    await until(() => t.engine.pool.stats().checkedIn === 2);
    await t.engine.dispose();
    await sleep(50);
    expect(t.engine.pool.stats().open).toBe(0);
    // The refill starts with this connect(), which takes the first of the two it opens.
    await (await t.engine.connect()).release();
    await until(() => t.engine.pool.stats().checkedIn === 2);
    await sleep(20);
    expect(t.engine.pool.stats()).toMatchObject({ created: 4, open: 2 });
  });
});
