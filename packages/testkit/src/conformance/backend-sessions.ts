import { describe, expect, it } from 'vitest';
import { waitFor } from '../wait.js';
import { gauges, sampleMax, sorted } from './helpers.js';
import type { ConformanceTarget, TargetScope } from './target.js';

/** A scope with the sessions capability. */
export type SessionScope = TargetScope & Required<Pick<TargetScope, 'sessions'>>;

/** A scope that can list sessions; a target without that capability fails here, loudly. */
export async function sessionScope<Raw>(target: ConformanceTarget<Raw>): Promise<SessionScope> {
  const scope = await target.scope();
  if (scope.sessions === undefined) throw new Error(`${target.name}: this scope cannot list sessions`);
  return scope as SessionScope;
}

/**
 * Backend PIDs, limits and dispose as the server sees them (tests 1, 2 and 10 of the suite).
 * Needs a scope that lists sessions (`pg_stat_activity`, `information_schema.processlist`).
 */
export function describeBackendSessions<Raw>(target: ConformanceTarget<Raw>): void {
  describe(`${target.name}: backend sessions as the server sees them`, () => {
    it('backendPid() is the id the server lists for the session', async () => {
      await using scope = await sessionScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 2, maxOverflow: 0 });
      await using conn = await engine.connect();
      const pid = await conn.backendPid();
      expect(Number.isInteger(pid)).toBe(true);
      expect(await scope.sessions()).toEqual([pid]);
    });

    it('a connection keeps its backend PID across checkouts', async () => {
      await using scope = await sessionScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 1, maxOverflow: 0 });
      const pids: number[] = [];
      for (let i = 0; i < 3; i++) {
        await using conn = await engine.connect();
        pids.push(await conn.backendPid());
      }
      expect(new Set(pids).size).toBe(1);
      expect(await scope.sessions()).toEqual([pids[0]]);
    });

    it('concurrent checkouts hold distinct sessions, each one live on the server', async () => {
      await using scope = await sessionScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 3, maxOverflow: 0 });
      const conns = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
      try {
        const pids = await Promise.all(conns.map((conn) => conn.backendPid()));
        expect(new Set(pids).size).toBe(3);
        expect(await scope.sessions()).toEqual(sorted(pids));
      } finally {
        await Promise.all(conns.map((conn) => conn.release()));
      }
    });

    it('the server never sees more than poolSize + maxOverflow sessions; overflow ones close on return', async () => {
      await using scope = await sessionScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 2, maxOverflow: 2, poolTimeout: 10 });
      const sampler = sampleMax(async () => (await scope.sessions()).length);
      const work = Array.from({ length: 10 }, async () => {
        await using conn = await engine.connect();
        await conn.query(target.sql.sleep(0.15));
      });
      await Promise.all(work);
      const most = await sampler.stop();
      expect(most).toBeLessThanOrEqual(4);
      expect(most).toBeGreaterThanOrEqual(3);
      expect(gauges(engine)).toEqual({ open: 2, checkedIn: 2, checkedOut: 0, waiting: 0 });
      await waitFor(async () => (await scope.sessions()).length === 2, { what: 'overflow sessions to close' });
    });

    it('dispose() leaves no session on the server, and a later connect() starts afresh', async () => {
      await using scope = await sessionScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 3, maxOverflow: 0 });
      const conns = await Promise.all([engine.connect(), engine.connect(), engine.connect()]);
      const before = await Promise.all(conns.map((conn) => conn.backendPid()));
      await Promise.all(conns.map((conn) => conn.release()));
      await engine.dispose();
      await waitFor(async () => (await scope.sessions()).length === 0, { what: 'sessions to end after dispose()' });
      expect(gauges(engine)).toEqual({ open: 0, checkedIn: 0, checkedOut: 0, waiting: 0 });
      await using again = await engine.connect();
      const pid = await again.backendPid();
      expect(before).not.toContain(pid);
      expect(await scope.sessions()).toEqual([pid]);
    });

    it('a connection checked out across dispose() keeps working; its session ends when it comes back', async () => {
      await using scope = await sessionScope(target);
      await using engine = target.createEngine(scope.url, { poolSize: 2, maxOverflow: 0 });
      const [held, idle] = await Promise.all([engine.connect(), engine.connect()]);
      const heldPid = await held.backendPid();
      await idle.release();
      await engine.dispose();
      await waitFor(async () => (await scope.sessions()).length === 1, { what: 'the idle session to end' });
      expect((await held.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(await scope.sessions()).toEqual([heldPid]);
      await held.release();
      await waitFor(async () => (await scope.sessions()).length === 0, { what: 'the returned session to end' });
    });
  });
}
