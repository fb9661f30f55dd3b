import type { PooledConnection } from '@pool/core';
import { ConnectError, PoolError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../wait.js';
import { gauges } from '../helpers.js';
import type { ConformanceTarget } from '../target.js';
import { faultBed } from './fault-bed.js';

/** How long `connect()` took to settle, and how (it is expected to fail). */
async function timedConnect(connect: () => Promise<{ release(): Promise<void> }>): Promise<{ error: unknown; ms: number }> {
  const t0 = Date.now();
  try {
    const conn = await connect();
    await conn.release();
    return { error: undefined, ms: Date.now() - t0 };
  } catch (error) {
    return { error, ms: Date.now() - t0 };
  }
}

/**
 * The first connection after the path heals. The pool may still be failing callers fast with the
 * last ConnectError until its next probe (backoff capped at 1 s: ConnectFailures in @pool/core): give it a few seconds.
 */
async function connectOnceHealed<Raw>(engine: { connect(): Promise<PooledConnection<Raw>> }): Promise<PooledConnection<Raw>> {
  return waitFor(() => engine.connect(), { timeout: 3000, interval: 20, what: 'a connection once the path healed' });
}

// Slack for a machine shared with the rest of the run: "within poolTimeout" means within a
// poolTimeout of 1 s plus this, where the pool without the bound takes 3 s.
const SLACK_MS = 700;

/**
 * Fault row 4: a caller's `connect()` settles within `poolTimeout` of its call, whatever the pool
 * does for it: waiting, pinging an idle connection, opening a new one. An open still running then
 * finishes for the pool. With `poolTimeout: 0` a caller given a free slot waits for that open,
 * bounded by `connectTimeout`.
 */
export function describeBoundedConnect<Raw>(target: ConformanceTarget<Raw>): void {
  if (target.startPrivateServer === undefined) return;
  describe(`${target.name}: fault row 4, connect() bounded by poolTimeout`, () => {
    it('an idle connection to ping, then one to reopen, against a server gone silent: connect() still settles within poolTimeout', async () => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, {
        poolSize: 1, maxOverflow: 0, prePing: true, prePingBypass: 0, poolTimeout: 1, connectTimeout: 1.5,
      });
      await (await engine.connect()).release();
      bed.proxy.blackhole('hold');
      const { error, ms } = await timedConnect(() => engine.connect());
      expect(error).toBeInstanceOf(PoolError);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(1000 + SLACK_MS);
      await bed.proxy.heal();
      // Whatever the pool was still doing for that caller ends, and leaves nothing behind.
      await waitFor(() => engine.pool.stats().checkedOut === 0, { what: 'the pool to finish the open it started' });
      await using next = await connectOnceHealed(engine);
      expect((await next.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(gauges(engine)).toEqual({ open: 1, checkedIn: 0, checkedOut: 1, waiting: 0 });
    });

    it('a caller given a free slot waits at most poolTimeout for its open, not connectTimeout', async () => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, { poolSize: 1, maxOverflow: 0, poolTimeout: 1, connectTimeout: 3 });
      bed.proxy.blackhole('hold');
      const { error, ms } = await timedConnect(() => engine.connect());
      expect(error).toBeInstanceOf(PoolError);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(1000 + SLACK_MS);
      await bed.proxy.heal();
      await waitFor(() => engine.pool.stats().checkedOut === 0, { what: 'the pool to finish the open it started' });
      await using next = await connectOnceHealed(engine);
      expect((await next.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });

    it('poolTimeout 0 keeps its meaning: a caller given a free slot waits for that open, bounded by connectTimeout', async () => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, { poolSize: 1, maxOverflow: 0, poolTimeout: 0, connectTimeout: 1 });
      bed.proxy.blackhole('hold');
      const { error, ms } = await timedConnect(() => engine.connect());
      expect(error).toBeInstanceOf(ConnectError);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(3000);
      await bed.proxy.heal();
      await using next = await connectOnceHealed(engine);
      expect((await next.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });
}
