import { ConnectError } from '@pool/core';
import { pgScope, pgUrl, startPgBouncer } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { pgTarget } from './pg-target.js';

// PgBouncer in transaction mode hands each transaction whatever server connection is free:
// the client side must send nothing session-bound it cannot carry (startup parameters,
// session state between transactions). Each test runs its own PgBouncer on a free port.
describe('pg through PgBouncer in transaction mode', () => {
  it('concurrent transactions, commits and rollbacks, run without errors over fewer server connections', async () => {
    await using scope = await pgScope(pgUrl());
    const table = await scope.createTable();
    await using bouncer = await startPgBouncer({ target: pgUrl(), poolMode: 'transaction', poolSize: 2 });
    await using engine = pgTarget.createEngine(bouncer.url, { poolSize: 6, maxOverflow: 0, prePing: true, prePingBypass: 0, poolTimeout: 20 });
    const backends = new Set<number>();
    let committed = 0;
    const failures: unknown[] = [];
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; i < 8; i++) {
        const id = 1000 + w * 100 + i;
        const rollback = i % 4 === 3;
        try {
          await engine.transaction(async (conn) => {
            await conn.query(`INSERT INTO ${table} (id, v) VALUES ($1, $2)`, [id, `w${w}`]);
            const { rows } = await conn.query('SELECT pg_backend_pid() AS pid, count(*)::int AS n FROM ' + table + ' WHERE id = $1', [id]);
            backends.add(Number(rows[0]?.pid));
            expect(rows[0]?.n).toBe(1);
            if (rollback) throw new Error('roll this one back');
          });
          committed++;
        } catch (error) {
          if (!(error instanceof Error && error.message === 'roll this one back')) failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));
    expect(failures).toEqual([]);
    expect(committed).toBe(12 * 6);
    const rows = await scope.admin(`SELECT count(*)::int AS n FROM ${table}`);
    expect(rows[0]?.n).toBe(1 + 12 * 6);
    // Six client connections shared PgBouncer's two server connections.
    expect(backends.size).toBeGreaterThanOrEqual(1);
    expect(backends.size).toBeLessThanOrEqual(2);
    expect(engine.pool.stats()).toMatchObject({ checkedOut: 0, open: 6 });
  });

  it('the default startup packet passes; a startup parameter PgBouncer does not know is refused only when asked for', async () => {
    await using bouncer = await startPgBouncer({ target: pgUrl(), poolMode: 'transaction', poolSize: 1 });
    {
      await using engine = pgTarget.createEngine(`${bouncer.url}?application_name=pool_bouncer_check`, { poolSize: 1, maxOverflow: 0 });
      expect((await engine.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    }
    await using asking = pgTarget.createEngine(bouncer.url, { poolSize: 1, maxOverflow: 0, connectArgs: { statement_timeout: 1000 } });
    const error = await asking.connect().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect(String((error as ConnectError).cause)).toMatch(/unsupported startup parameter/i);
  });
});
