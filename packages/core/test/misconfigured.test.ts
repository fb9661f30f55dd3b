import { describe, expect, it } from 'vitest';
import { ConfigError, DriverNotFoundError } from '../src/index.js';
import { sleep } from './fake-driver.js';
import { fakeEngine, quietLogger } from './helpers.js';

describe('an open that fails in a way no retry can fix (missing driver package, bad settings)', () => {
  it('gives every waiting caller the error at once, logs it once, and neither probes nor refills minSize', async () => {
    const logger = quietLogger();
    await using t = fakeEngine({ poolSize: 3, minSize: 2, logger }, {}, (driver) => {
      driver.serverDown = new ConfigError('url', 'fake: unknown URL parameter "jornal_mode" (did you mean journal_mode?)');
    });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => t.engine.connect()));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof ConfigError)).toBe(true);
    const attempts = t.driver.attempts;
    await sleep(300);
    expect(t.driver.attempts).toBe(attempts);
    expect(logger.lines.filter((line) => line.level === 'error')).toHaveLength(1);
    expect(t.engine.pool.stats()).toMatchObject({ open: 0, waiting: 0 });
  });

  it('still lets each new caller try, so that installing the package or fixing the setting is enough', async () => {
    await using t = fakeEngine({ poolSize: 3, minSize: 2 }, {}, (driver) => {
      driver.serverDown = new DriverNotFoundError('@pool/fake', 'npm install @pool/fake');
    });
    await expect(t.engine.connect()).rejects.toBeInstanceOf(DriverNotFoundError);
    await expect(t.engine.connect()).rejects.toBeInstanceOf(DriverNotFoundError);
    t.driver.serverDown = undefined;
    await using conn = await t.engine.connect();
    expect(conn.info.id).toBe(1);
    // Fixed: minSize refills again.
    await sleep(50);
    expect(t.engine.pool.stats().open).toBe(2);
  });
});
