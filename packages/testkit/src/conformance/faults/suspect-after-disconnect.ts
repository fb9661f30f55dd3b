import { isDisconnectError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../wait.js';
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

/**
 * Fault row 5: after a disconnect the older connections become suspect, not condemned: each is
 * pinged at its next checkout whatever `prePing` says, and only those that fail are replaced.
 * One killed busy session costs one reconnect, not a pool's worth; a connection that died
 * silently meanwhile is still never handed out.
 */
export function describeSuspectAfterDisconnect<Raw>(target: ConformanceTarget<Raw>): void {
  if (target.startPrivateServer === undefined || !target.serverSessions) return;
  const clientPort = target.clientPort?.bind(target);
  describe(`${target.name}: fault row 5, one killed session costs one reconnect`, () => {
    it('a busy session killed: one reconnect, and every other pooled connection keeps its session', async () => {
      await using bed = await faultBed(target);
      const scope = killingScope(bed, target.name);
      await using engine = target.createEngine(bed.url, { poolSize: 5, maxOverflow: 0 });
      const conns = await Promise.all(Array.from({ length: 5 }, () => engine.connect()));
      const pids = await Promise.all(conns.map((conn) => conn.backendPid()));
      const [busy, ...others] = conns;
      await Promise.all(others.map((conn) => conn.release()));
      const running = failure(busy!.query(target.sql.sleep(5)));
      await sleep(150);
      await scope.kill(pids[0]!);
      expect(isDisconnectError(await running)).toBe(true);
      await busy!.release();

      const again = await Promise.all(Array.from({ length: 5 }, () => engine.connect()));
      const pidsAgain = await Promise.all(again.map((conn) => conn.backendPid()));
      await Promise.all(again.map((conn) => conn.release()));
      const kept = pidsAgain.filter((pid) => pids.includes(pid));
      expect(sorted(kept)).toEqual(sorted(pids.slice(1)));
      expect(pidsAgain).not.toContain(pids[0]);
      expect(engine.pool.stats().created).toBe(6);
      expect(await scope.sessions()).toEqual(sorted(pidsAgain));
      expect(gauges(engine)).toEqual({ open: 5, checkedIn: 5, checkedOut: 0, waiting: 0 });
    });

    if (clientPort !== undefined) {
      it('after a disconnect, suspects are pinged at checkout even without prePing: those that died silently are replaced invisibly', async () => {
        await using bed = await faultBed(target);
        const scope = killingScope(bed, target.name);
        await using engine = target.createEngine(bed.url, { poolSize: 4, maxOverflow: 0, prePing: false, connectTimeout: 2 });
        const conns = await Promise.all(Array.from({ length: 4 }, () => engine.connect()));
        const pids = await Promise.all(conns.map((conn) => conn.backendPid()));
        const ports = conns.map((conn) => clientPort(conn.raw));
        const [busy, ...idle] = conns;
        await Promise.all(idle.map((conn) => conn.release()));
        // Two idle connections die without a word (the path forgot them: no FIN, no reset until they send).
        for (const port of ports.slice(1, 3)) {
          const link = bed.proxy.connections().find((one) => one.clientPort === port);
          expect(link, `the proxy carries the connection from port ${port}`).toBeDefined();
          link!.sever();
        }
        // Then a busy session is killed: a disconnect the pool sees.
        const running = failure(busy!.query(target.sql.sleep(5)));
        await sleep(150);
        await scope.kill(pids[0]!);
        expect(isDisconnectError(await running)).toBe(true);
        await busy!.release();

        // Every caller gets a working connection: the silently dead ones fail their ping and are replaced.
        const next = await Promise.all(Array.from({ length: 3 }, () => engine.connect()));
        const rows = await Promise.all(next.map((conn) => conn.query('SELECT 1 AS one')));
        const nextPids = await Promise.all(next.map((conn) => conn.backendPid()));
        await Promise.all(next.map((conn) => conn.release()));
        expect(rows.map((result) => result.rows)).toEqual([[{ one: 1 }], [{ one: 1 }], [{ one: 1 }]]);
        // The one that was alive is kept; only the two dead ones cost a reconnect.
        expect(nextPids).toContain(pids[3]);
        expect(nextPids.filter((pid) => pids.includes(pid))).toEqual([pids[3]]);
        expect(engine.pool.stats()).toMatchObject({ created: 6 });
        expect(engine.pool.stats().pingFailures).toBeGreaterThanOrEqual(2);
        await waitFor(async () => sorted(await scope.sessions()).join() === sorted(nextPids).join(), { what: 'only the live sessions on the server' });
      });
    }
  });
}
