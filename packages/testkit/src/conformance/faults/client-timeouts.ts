import { isDisconnectError, PoolError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../wait.js';
import { gauges } from '../helpers.js';
import type { ConformanceTarget } from '../target.js';
import { faultBed, killingScope } from './fault-bed.js';
import { callsSince, runWorkload } from './workload.js';

const TIMEOUT_MS = 300;
/**
 * How long after the heal the pool may take to have connections again: an open started in the
 * blackhole runs to connectTimeout (1 s), then the next probe comes after a backoff capped at 1 s.
 */
const REOPENED_MS = 2500;
const WORKERS = 4;

/**
 * Fault row 2: a statement the driver timed out client-side (node-postgres's `query_timeout`,
 * mysql2's per-query `timeout`) is still in flight on its connection, and the next statement
 * would queue behind it. The driver classifies that error so the pool closes the connection:
 * after a blackhole that lost bytes heals, no statement lands on such a connection and every call
 * succeeds once the pool has reopened (the issue saw 0 ok, 80 failed).
 */
export function describeClientTimeouts<Raw>(target: ConformanceTarget<Raw>): void {
  const clientTimeout = target.clientTimeout;
  if (target.startPrivateServer === undefined || clientTimeout === undefined) return;
  describe(`${target.name}: fault row 2, statements the driver timed out`, () => {
    it('a client-side timeout closes that connection: it is never handed out again, and the server session ends', async () => {
      await using bed = await faultBed(target);
      const scope = killingScope(bed, target.name);
      await using engine = target.createEngine(bed.url, { poolSize: 2, maxOverflow: 0, ...clientTimeout.options(TIMEOUT_MS) });
      const conn = await engine.connect();
      const pid = await conn.backendPid();
      const error = await clientTimeout.query(conn, target.sql.sleep(3), TIMEOUT_MS).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isDisconnectError(error)).toBe(true);
      expect(conn.released).toBe(true);
      await conn.release();
      expect(engine.pool.stats()).toMatchObject({ invalidated: 1 });
      await using next = await engine.connect();
      expect(await next.backendPid()).not.toBe(pid);
      // Closed, not parked: once the lost statement is over, the server has no session left for it.
      await waitFor(async () => !(await scope.sessions()).includes(pid), { timeout: 10_000, what: `session ${pid} to end` });
    });

    it.each([false, true])('after a blackhole that lost bytes heals, no call lands on a wedged connection and every call succeeds once the pool has reopened (prePing %s)', async (prePing) => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, {
        poolSize: WORKERS, maxOverflow: 0, prePing, connectTimeout: 1, poolTimeout: 5, ...clientTimeout.options(TIMEOUT_MS),
      });
      const warm = await Promise.all(Array.from({ length: WORKERS }, () => engine.connect()));
      await Promise.all(warm.map((conn) => conn.release()));
      const load = runWorkload(engine, WORKERS, (conn) => clientTimeout.query(conn, 'SELECT 1', TIMEOUT_MS));
      let healedAt = Infinity;
      try {
        await sleep(300);
        bed.proxy.blackhole('drop');
        await sleep(1500);
        await bed.proxy.heal();
        healedAt = Date.now();
        await sleep(REOPENED_MS + 1500);
      } finally {
        await load.stop();
      }
      const during = load.calls.filter((call) => call.startedAt < healedAt && call.endedAt > healedAt - 1500);
      expect(during.some((call) => call.error !== undefined), 'calls failed during the blackhole').toBe(true);
      // Once the path is healthy again a call may still fail while the pool reopens (an open lost
      // in the blackhole runs to connectTimeout; the pool fails callers fast until its next probe),
      // but never as a statement on a connection whose lost statement is still in flight.
      const after = callsSince(load.calls, healedAt);
      expect(after.errors.filter((error) => !(error instanceof PoolError)).map(String)).toEqual([]);
      const reopened = callsSince(load.calls, healedAt + REOPENED_MS);
      expect(reopened.errors.map(String)).toEqual([]);
      expect(reopened.ok).toBeGreaterThan(20);
      expect(gauges(engine)).toMatchObject({ checkedOut: 0, waiting: 0 });
    });
  });
}
