import type { Engine, PooledConnection } from '@pool/core';
import { ConnectError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { sleep } from '../../wait.js';
import type { ConformanceTarget } from '../target.js';
import { faultBed } from './fault-bed.js';

const MAX_CONNECTIONS = 6;
const STORM_MS = 2000;
const CALLERS = 10;

function codeOf(error: unknown): unknown {
  return (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
}

/**
 * Fault row 6: while opens keep failing (here: a server full of other clients), callers that need
 * a new connection fail at once with the last ConnectError (its cause intact), and the pool probes
 * the server with exponential backoff and jitter capped at 1 s, instead of one connect attempt per
 * caller per moment. The first good query after room frees up still comes within about a second.
 */
export function describeConnectStorms<Raw>(target: ConformanceTarget<Raw>): void {
  if (target.startPrivateServer === undefined) return;
  describe(`${target.name}: fault row 6, no connect storms`, () => {
    it('against a full server: callers fail at once with the ConnectError, the server sees a few attempts a second, and recovery is quick', async () => {
      await using bed = await faultBed(target, { maxConnections: MAX_CONNECTIONS });
      // Other clients take every session the server allows (straight to it, not through the proxy),
      // each an engine of its own holding its one connection.
      const others: Engine<Raw>[] = [];
      const held: PooledConnection<Raw>[] = [];
      const leave = async (): Promise<void> => {
        await Promise.all(held.splice(0).map((conn) => conn.release()));
        await Promise.all(others.splice(0).map((one) => one.dispose()));
      };
      await using _others = { [Symbol.asyncDispose]: leave };
      let full: unknown;
      while (full === undefined && others.length < 50) {
        const other = target.createEngine(bed.scope.url, { poolSize: 1, maxOverflow: 0, connectTimeout: 5 });
        others.push(other);
        await other.connect().then((conn) => held.push(conn), (error: unknown) => (full = error));
      }
      expect(full).toBeInstanceOf(ConnectError);

      await using engine = target.createEngine(bed.url, { poolSize: 5, maxOverflow: 0, connectTimeout: 2, poolTimeout: 2 });
      const first = await engine.connect().then(() => undefined, (error: unknown) => error);
      expect(first).toBeInstanceOf(ConnectError);
      expect(codeOf(first)).toBe(codeOf(full));

      const attemptsBefore = bed.proxy.accepted;
      const t0 = Date.now();
      const waits: number[] = [];
      const errors: unknown[] = [];
      const caller = async (): Promise<void> => {
        while (Date.now() - t0 < STORM_MS) {
          const start = Date.now();
          await engine.connect().then((conn) => conn.release(), (error: unknown) => void errors.push(error));
          waits.push(Date.now() - start);
          await sleep(5);
        }
      };
      await Promise.all(Array.from({ length: CALLERS }, caller));
      const attemptsPerSecond = (bed.proxy.accepted - attemptsBefore) / ((Date.now() - t0) / 1000);
      // Backoff capped at 1 s: a handful of probes in two seconds, where one attempt per caller per failure makes hundreds.
      expect(attemptsPerSecond).toBeLessThan(10);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.filter((error) => !(error instanceof ConnectError) || codeOf(error) !== codeOf(full)).map(String)).toEqual([]);
      // "At once": the middle caller did not wait for an open of its own.
      waits.sort((a, b) => a - b);
      expect(waits[Math.floor(waits.length / 2)]).toBeLessThan(100);

      await leave();
      const freedAt = Date.now();
      let recoveredAt: number | undefined;
      while (recoveredAt === undefined && Date.now() - freedAt < 5000) {
        await engine.query('SELECT 1').then(() => (recoveredAt = Date.now()), () => sleep(10));
      }
      expect(recoveredAt, 'a query succeeded once the server had room').toBeDefined();
      expect(recoveredAt! - freedAt).toBeLessThan(2500);
    });
  });
}
