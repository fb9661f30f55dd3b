import { isDisconnectError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { gauges, sorted } from '../helpers.js';
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

const POOL = 10;

/**
 * Fault row 1: an ordinary SQL error whose text reads like a lost connection is an ordinary
 * error. The connection stays with its holder (its transaction can still be rolled back) and
 * no other pooled connection is disturbed: the server lists the same sessions before and after.
 */
export function describeFalseDisconnects<Raw>(target: ConformanceTarget<Raw>): void {
  const lookalikes = target.sql.disconnectLookalikes ?? [];
  if (target.startPrivateServer === undefined || !target.serverSessions || lookalikes.length === 0) return;
  describe(`${target.name}: fault row 1, SQL errors that read like a lost connection`, () => {
    it.each(lookalikes)('%s fails as an ordinary error: the holder keeps its connection, the pool keeps every session', async (sql) => {
      await using bed = await faultBed(target);
      const scope = killingScope(bed, target.name);
      await using engine = target.createEngine(bed.url, { poolSize: POOL, maxOverflow: 0 });
      const conns = await Promise.all(Array.from({ length: POOL }, () => engine.connect()));
      const pids = await Promise.all(conns.map((conn) => conn.backendPid()));
      const [holder, ...others] = conns;
      await Promise.all(others.map((conn) => conn.release()));

      await holder!.begin();
      const error = await failure(holder!.query(sql));
      expect(error).toBeInstanceOf(Error);
      expect(isDisconnectError(error)).toBe(false);
      expect(engine.pool.stats().invalidated).toBe(0);
      // Still the holder's: its transaction rolls back on the same session, which keeps working.
      expect(holder!.released).toBe(false);
      await holder!.rollback();
      expect((await holder!.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(await holder!.backendPid()).toBe(pids[0]);
      await holder!.release();

      // Every pooled connection is handed out again on its old session: none was marked stale.
      const again = await Promise.all(Array.from({ length: POOL }, () => engine.connect()));
      const pidsAgain = await Promise.all(again.map((conn) => conn.backendPid()));
      await Promise.all(again.map((conn) => conn.release()));
      expect(sorted(pidsAgain)).toEqual(sorted(pids));
      expect(await scope.sessions()).toEqual(sorted(pids));
      expect(engine.pool.stats()).toMatchObject({ created: POOL, invalidated: 0, closed: 0 });
      expect(gauges(engine)).toEqual({ open: POOL, checkedIn: POOL, checkedOut: 0, waiting: 0 });
    });

    it.each(lookalikes)('%s inside engine.transaction(): the caller gets that error and the transaction is rolled back on the same session', async (sql) => {
      await using bed = await faultBed(target);
      await using engine = target.createEngine(bed.url, { poolSize: 2, maxOverflow: 0 });
      const table = await bed.scope.createTable();
      let pid = 0;
      const error = await failure(
        engine.transaction(async (conn) => {
          pid = await conn.backendPid();
          await conn.query(`DELETE FROM ${table}`);
          await conn.query(sql);
        }),
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toHaveProperty('code', 'POOL_CONNECTION_RELEASED');
      expect(Number((await bed.scope.admin(`SELECT count(*) AS n FROM ${table}`))[0]?.n)).toBe(1);
      await using next = await engine.connect();
      expect(await next.backendPid()).toBe(pid);
      expect(engine.pool.stats()).toMatchObject({ created: 1, invalidated: 0 });
    });
  });
}
