import { ConnectionReleasedError, QueryTimeoutError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../wait.js';
import type { ConformanceTarget } from '../target.js';
import { faultBed, killingScope } from './fault-bed.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (error: unknown) => error,
  );
}

/** Elapsed ms of `run`, and what it threw. */
async function timed(run: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const t0 = Date.now();
  const error = await failure(run());
  return { error, ms: Date.now() - t0 };
}

function withQuery(url: string, parameter: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${parameter}`;
}

/**
 * Fault row 3: `queryTimeout` bounds every statement run through the pool. On expiry the caller
 * gets QueryTimeoutError (POOL_QUERY_TIMEOUT) and the connection is closed, so the server ends
 * the session (and the statement) instead of the pool parking a connection whose answer is lost.
 */
export function describeQueryTimeouts<Raw>(target: ConformanceTarget<Raw>): void {
  if (target.startPrivateServer === undefined || !target.serverSessions) return;
  describe(`${target.name}: fault row 3, queryTimeout`, () => {
    it('a statement running past queryTimeout: QueryTimeoutError at about queryTimeout, the connection closed, its session ended', async () => {
      await using bed = await faultBed(target);
      const scope = killingScope(bed, target.name);
      await using engine = target.createEngine(bed.url, { poolSize: 2, maxOverflow: 0, queryTimeout: 0.5 });
      const conn = await engine.connect();
      const pid = await conn.backendPid();
      const { error, ms } = await timed(() => conn.query(target.sql.sleep(3)));
      expect(error).toBeInstanceOf(QueryTimeoutError);
      expect(error).toHaveProperty('code', 'POOL_QUERY_TIMEOUT');
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(2500);
      expect(conn.released).toBe(true);
      await expect(conn.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionReleasedError);
      await conn.release();
      expect(engine.pool.stats()).toMatchObject({ open: 0, checkedOut: 0 });
      await waitFor(async () => !(await scope.sessions()).includes(pid), { timeout: 10_000, what: `session ${pid} to end on the server` });
      await using next = await engine.connect();
      expect(await next.backendPid()).not.toBe(pid);
      // A statement within the limit is untouched.
      expect((await next.query(target.sql.sleep(0.1))).rows).toHaveLength(1);
    });

    it('a statement whose bytes are lost: QueryTimeoutError instead of a hang, and the pool works once the path heals', async () => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, { poolSize: 2, maxOverflow: 0, queryTimeout: 0.5, connectTimeout: 1 });
      await engine.query('SELECT 1');
      bed.proxy.blackhole('drop');
      const { error, ms } = await timed(() => engine.query('SELECT 1'));
      expect(error).toBeInstanceOf(QueryTimeoutError);
      expect(ms).toBeLessThan(2500);
      await bed.proxy.heal();
      expect((await engine.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(engine.pool.stats()).toMatchObject({ checkedOut: 0, waiting: 0 });
    });

    it('queryTimeout read from the URL (query_timeout) bounds engine.query() and transactions alike', async () => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(withQuery(bed.url, 'query_timeout=0.5'), { poolSize: 1, maxOverflow: 0 });
      expect(engine.options.queryTimeout).toBe(0.5);
      await expect(engine.query(target.sql.sleep(3))).rejects.toBeInstanceOf(QueryTimeoutError);
      const inTransaction = await failure(engine.transaction((conn) => conn.query(target.sql.sleep(3))));
      expect(inTransaction).toBeInstanceOf(QueryTimeoutError);
      expect((await engine.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });
}
