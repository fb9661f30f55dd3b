import { describe, expect, it } from 'vitest';
import { fakeEngine, quietLogger } from './helpers.js';
import { sleep } from './fake-driver.js';

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

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

  it('retries with backoff when the server is down, logging, never rejecting unhandled', async () => {
    const logger = quietLogger();
    const t = fakeEngine({ poolSize: 3, minSize: 2, logger }, {}, (driver) => {
      driver.serverDown = new Error('connection refused');
    });
    await sleep(400);
    const warnings = logger.lines.filter((line) => line.level === 'warn' && line.message.includes('minSize'));
    // 0.1 s, 0.2 s, 0.4 s…: a handful of attempts, not a hot loop.
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings.length).toBeLessThanOrEqual(8);
    expect(warnings[0]!.message).toContain('retrying in 0.1 s');
    t.driver.serverDown = undefined;
    await until(() => t.engine.pool.stats().checkedIn === 2, 3000);
    await t.engine.dispose();
  });

  it('stops refilling after dispose and starts again on the next connect', async () => {
    await using t = fakeEngine({ poolSize: 3, minSize: 2 });
    await until(() => t.engine.pool.stats().checkedIn === 2);
    await t.engine.dispose();
    await sleep(50);
    expect(t.engine.pool.stats().open).toBe(0);
    // The refill starts with this connect(), which opens its own connection beside it.
    await (await t.engine.connect()).release();
    await until(() => t.engine.pool.stats().checkedIn === 3);
    expect(t.engine.pool.stats().created).toBe(5);
  });
});
