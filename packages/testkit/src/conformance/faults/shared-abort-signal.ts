import { describe, expect, it } from 'vitest';
import { sleep } from '../../wait.js';
import { gauges } from '../helpers.js';
import type { ConformanceTarget } from '../target.js';
import { faultBed } from './fault-bed.js';

/** Collects the process warnings emitted while `run` runs (Node emits them on a later tick). */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error): void => void seen.push(`${warning.name}: ${warning.message}`);
  process.on('warning', listener);
  try {
    await run();
    await sleep(20);
  } finally {
    process.off('warning', listener);
  }
  return seen.filter((line) => line.startsWith('MaxListenersExceededWarning'));
}

/**
 * Fault row 7: one AbortSignal shared by many callers (a request's signal passed to every query
 * it makes) costs the pool one listener, or none until needed: more than 10 waiters on it print
 * no MaxListenersExceededWarning, and aborting it still rejects each one with its reason.
 */
export function describeSharedAbortSignal<Raw>(target: ConformanceTarget<Raw>): void {
  if (target.startPrivateServer === undefined) return;
  describe(`${target.name}: fault row 7, one AbortSignal shared by many waiters`, () => {
    it('15 waiters on one signal: no MaxListenersExceededWarning; the abort rejects each with its reason and leaves no trace', async () => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, { poolSize: 1, maxOverflow: 0, poolTimeout: 10 });
      const held = await engine.connect();
      const pid = await held.backendPid();
      const controller = new AbortController();
      const reason = new Error('the request was cancelled');
      let outcomes: unknown[] = [];
      const warnings = await warningsDuring(async () => {
        const waiters = Array.from({ length: 15 }, () => engine.connect({ signal: controller.signal }).then(() => 'served', (error: unknown) => error));
        expect(engine.pool.stats().waiting).toBe(15);
        await sleep(20);
        controller.abort(reason);
        outcomes = await Promise.all(waiters);
      });
      expect(warnings).toEqual([]);
      expect(outcomes.every((outcome) => outcome === reason)).toBe(true);
      expect(gauges(engine)).toEqual({ open: 1, checkedIn: 0, checkedOut: 1, waiting: 0 });
      await held.release();
      await using next = await engine.connect();
      expect(await next.backendPid()).toBe(pid);
    });

    it('one signal given to many checkouts in a row, and to waiters that were served, leaves no listener behind', async () => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, { poolSize: 2, maxOverflow: 0, poolTimeout: 10 });
      const controller = new AbortController();
      const warnings = await warningsDuring(async () => {
        for (let i = 0; i < 30; i++) {
          await using conn = await engine.connect({ signal: controller.signal });
          await conn.query('SELECT 1');
        }
        // Waiters served by returned connections, all on the same signal.
        const [a, b] = await Promise.all([engine.connect(), engine.connect()]);
        const waiters = Array.from({ length: 12 }, async () => {
          await using conn = await engine.connect({ signal: controller.signal });
          await conn.query('SELECT 1');
        });
        await sleep(20);
        await Promise.all([a.release(), b.release()]);
        await Promise.all(waiters);
      });
      expect(warnings).toEqual([]);
      // Aborting it now touches nothing: no caller is waiting on it any more.
      controller.abort(new Error('late'));
      await using conn = await engine.connect();
      expect((await conn.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(engine.pool.stats().waiting).toBe(0);
    });
  });
}
