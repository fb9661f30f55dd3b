import { ConnectionReleasedError, isDisconnectError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../wait.js';
import { gauges } from './helpers.js';
import type { ConformanceTarget, TargetScope } from './target.js';

type KillScope = TargetScope & Required<Pick<TargetScope, 'sessions' | 'kill'>>;

async function killScope<Raw>(target: ConformanceTarget<Raw>): Promise<KillScope> {
  const scope = await target.scope();
  if (scope.sessions === undefined || scope.kill === undefined) throw new Error(`${target.name}: this scope cannot list and kill sessions`);
  return scope as KillScope;
}

/**
 * Sessions the server kills (`pg_terminate_backend`, `KILL`), idle or in use (tests 5 and 6 of
 * the suite). The process must not crash and nothing may go unhandled: vitest fails the run on
 * any uncaught exception or unhandled rejection.
 */
export function describeKilledSessions<Raw>(target: ConformanceTarget<Raw>): void {
  describe(`${target.name}: sessions killed by the server`, () => {
    it('an idle connection whose session is killed leaves the pool by itself, before any checkout', async () => {
      await using scope = await killScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 2, maxOverflow: 0 });
      const conns = await Promise.all([engine.connect(), engine.connect()]);
      const pids = await Promise.all(conns.map((conn) => conn.backendPid()));
      await Promise.all(conns.map((conn) => conn.release()));
      await scope.kill(pids[0]!);
      await waitFor(() => engine.pool.stats().checkedIn === 1, { what: 'the dead idle connection to leave the pool' });
      expect(engine.pool.stats()).toMatchObject({ open: 1, invalidated: 1 });
      await using conn = await engine.connect();
      expect(await conn.backendPid()).toBe(pids[1]);
    });

    it('idle sessions all killed: the next checkout (prePing) works on a new session, and every old one is replaced', async () => {
      await using scope = await killScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 3, maxOverflow: 0, prePing: true, prePingBypass: 0 });
      const conns = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
      const old = await Promise.all(conns.map((conn) => conn.backendPid()));
      await Promise.all(conns.map((conn) => conn.release()));
      for (const pid of old) await scope.kill(pid);
      // No waiting for the pool to notice: whether the socket's death or the ping tells it first,
      // the caller must get a working connection.
      {
        await using first = await engine.connect();
        expect((await first.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
        expect(old).not.toContain(await first.backendPid());
      }
      const again = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
      const fresh = await Promise.all(again.map((conn) => conn.backendPid()));
      await Promise.all(again.map((conn) => conn.release()));
      expect(fresh.filter((pid) => old.includes(pid))).toEqual([]);
      expect(new Set(fresh).size).toBe(3);
      await waitFor(async () => (await scope.sessions()).every((pid) => fresh.includes(pid)), { what: 'only the new sessions on the server' });
      expect(engine.pool.stats().invalidated).toBeGreaterThanOrEqual(3);
    });

    it('a session killed while checked out: the query fails as a disconnect, that connection alone is replaced', async () => {
      await using scope = await killScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 3, maxOverflow: 0 });
      const [busy, ...others] = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
      const busyPid = await busy.backendPid();
      const idlePids = await Promise.all(others.map((conn) => conn.backendPid()));
      await Promise.all(others.map((conn) => conn.release()));
      const running = busy.query(target.sql.sleep(5)).then(
        () => undefined,
        (error: unknown) => error,
      );
      await sleep(150);
      await scope.kill(busyPid);
      const error = await running;
      expect(error).toBeInstanceOf(Error);
      expect(isDisconnectError(error)).toBe(true);
      expect(busy.released).toBe(true);
      await expect(busy.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionReleasedError);
      await busy.release();
      const next = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
      const nextPids = await Promise.all(next.map((conn) => conn.backendPid()));
      await Promise.all(next.map((conn) => conn.release()));
      // The live idle sessions were suspect, pinged and kept: one reconnect, not a pool's worth.
      expect(nextPids).not.toContain(busyPid);
      expect(nextPids.filter((pid) => idlePids.includes(pid)).sort()).toEqual([...idlePids].sort());
      expect(engine.pool.stats()).toMatchObject({ created: 4, invalidated: 1 });
      await waitFor(async () => (await scope.sessions()).every((pid) => nextPids.includes(pid)), { what: 'only the three sessions in use on the server' });
      expect(gauges(engine)).toEqual({ open: 3, checkedIn: 3, checkedOut: 0, waiting: 0 });
    });
  });
}
