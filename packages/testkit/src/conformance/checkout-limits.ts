import { PoolTimeoutError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { gauges } from './helpers.js';
import type { ConformanceTarget } from './target.js';

/** Pool timeout under exhaustion and fair waiters, on real connections (test 3 of the suite). */
export function describeCheckoutLimits<Raw>(target: ConformanceTarget<Raw>): void {
  describe(`${target.name}: checkout under exhaustion`, () => {
    it('connect() times out with PoolTimeoutError when every connection is out, and the pool stays consistent', async () => {
      await using scope = await target.scope();
      await using engine = target.createEngine(scope.url, { poolSize: 1, maxOverflow: 0, poolTimeout: 0.3 });
      await using held = await engine.connect();
      const pid = await held.backendPid();
      const error = await engine.connect().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(PoolTimeoutError);
      expect((error as Error).message).toBe('QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.30');
      expect(engine.pool.stats()).toMatchObject({ timeouts: 1, checkedOut: 1, waiting: 0, open: 1 });
      if (scope.sessions !== undefined) expect(await scope.sessions()).toEqual([pid]);
      await held.release();
      await using next = await engine.connect();
      expect(await next.backendPid()).toBe(pid);
    });

    it('waiters are served in arrival order, all on the one session', async () => {
      await using scope = await target.scope();
      await using engine = target.createEngine(scope.url, { poolSize: 1, maxOverflow: 0, poolTimeout: 10 });
      const held = await engine.connect();
      const pid = await held.backendPid();
      const served: number[] = [];
      const pids: number[] = [];
      const waiters = Array.from({ length: 5 }, async (_, i) => {
        await using conn = await engine.connect();
        served.push(i);
        pids.push(await conn.backendPid());
        await conn.query('SELECT 1 AS one');
      });
      // Every waiter has queued (connect() is called synchronously above) before the release.
      expect(engine.pool.stats().waiting).toBe(5);
      await held.release();
      await Promise.all(waiters);
      expect(served).toEqual([0, 1, 2, 3, 4]);
      expect(new Set(pids)).toEqual(new Set([pid]));
      expect(gauges(engine)).toEqual({ open: 1, checkedIn: 1, checkedOut: 0, waiting: 0 });
    });
  });
}
