import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckinDetail, CheckoutDetail, ConnectDetail, ConnectErrorDetail } from '../src/index.js';
import { fakeEngine } from './helpers.js';

describe('event timings', () => {
  afterEach(() => vi.restoreAllMocks());

  it("times an open that started before anyone listened: minSize's first opens begin in createEngine", async () => {
    await using t = fakeEngine({ minSize: 1 }, { connectDelay: 40 });
    const durations: number[] = [];
    t.engine.pool.on('connect', (_info, { duration }: ConnectDetail) => durations.push(duration));
    await vi.waitFor(() => expect(durations).toHaveLength(1));
    expect(durations[0]).toBeGreaterThanOrEqual(0.03);
    expect(durations[0]).toBeLessThan(5);
  });

  it('times a failed open, with the error', async () => {
    await using t = fakeEngine({}, { connectDelay: 20 }, (driver) => driver.connectFailures.push(new Error('no route to host')));
    const failures: ConnectErrorDetail[] = [];
    t.engine.pool.on('connectError', (detail) => failures.push(detail));
    await expect(t.engine.connect()).rejects.toMatchObject({ code: 'POOL_CONNECT' });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ pool: 'db/test' });
    expect(failures[0]!.duration).toBeGreaterThanOrEqual(0.015);
    expect((failures[0]!.error as Error).message).toContain('no route to host');
  });

  it('gives checkout its wait and checkin its use, in seconds', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const waits: number[] = [];
    const uses: number[] = [];
    t.engine.pool.on('checkout', (_info, { wait }: CheckoutDetail) => waits.push(wait));
    t.engine.pool.on('checkin', (_info, { use }: CheckinDetail) => uses.push(use));
    const held = await t.engine.connect();
    const waiting = t.engine.connect();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await held.release();
    await (await waiting).release();
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThanOrEqual(0.03);
    expect(uses).toHaveLength(2);
    expect(uses[0]).toBeGreaterThanOrEqual(0.03);
  });

  it('an idle checkout reads no clock unless checkout or checkin is listened to (a connect listener is not enough)', async () => {
    await using t = fakeEngine();
    await (await t.engine.connect()).release();
    const cycles = async (): Promise<number> => {
      const now = vi.spyOn(performance, 'now');
      for (let i = 0; i < 10; i++) await (await t.engine.connect()).release();
      const reads = now.mock.calls.length;
      now.mockRestore();
      return reads;
    };
    t.engine.pool.on('connect', () => undefined);
    t.engine.pool.on('connectError', () => undefined);
    // One read per return (for lastUsedAt), none at checkout.
    expect(await cycles()).toBe(10);
    const onCheckout = (): void => undefined;
    t.engine.pool.on('checkout', onCheckout);
    expect(await cycles()).toBe(20);
    t.engine.pool.off('checkout', onCheckout);
    expect(await cycles()).toBe(10);
  });
});
