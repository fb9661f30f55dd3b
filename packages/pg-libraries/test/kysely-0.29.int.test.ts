import pg from 'pg';
import * as kysely from 'kysely-0.29';
import { createEngine, toPgPool } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import type { Kysely } from './kysely-cases.js';
import { describeKysely } from './kysely-cases.js';

// Kysely 0.29's engines field asks for Node >= 22; the suite passes on this machine's Node 20,
// so it is tested here through the npm alias kysely-0.29.
describeKysely(kysely as unknown as Kysely, 'kysely-0.29');

describe('Kysely 0.29 on @pool: aborting a query', () => {
  it("'cancel query' cancels it server-side through a control client made from pool.Client and pool.options; the pooled connection lives on", async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- no tables involved
    const db = new kysely.Kysely<any>({ dialect: new kysely.PostgresDialect({ pool: toPgPool(engine, { pg }) }) });
    const pid = (await kysely.sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;
    const controller = new AbortController();
    const sleeping = kysely.sql`SELECT pg_sleep(30)`.execute(db, { signal: controller.signal, inflightQueryAbortStrategy: 'cancel query' });
    const outcome = sleeping.then(() => 'finished', (error: unknown) => error);
    await waitFor(async () => (await scope.admin('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]))[0]?.state === 'active', { what: 'pg_sleep to run' });
    controller.abort(new Error('no longer needed'));
    expect(await outcome).toMatchObject({ message: expect.stringContaining('no longer needed') as unknown });
    await waitFor(async () => (await scope.admin('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]))[0]?.state === 'idle', { what: 'the query to be cancelled' });
    await waitFor(() => engine.pool.stats().checkedIn === 1, { what: 'the connection back' });
    expect((await kysely.sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid).toBe(pid);
    expect(engine.pool.stats()).toMatchObject({ created: 1, closed: 0 });
    await db.destroy();
  });
});
