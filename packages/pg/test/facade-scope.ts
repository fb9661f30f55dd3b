import pg from 'pg';
import type { Engine } from '@pool/core';
import type { PgClient, PgEngineOptions, PgRaw } from '@pool/pg';
import { createEngine, toPgPool } from '@pool/pg';
import type { TargetScope } from '@pool/testkit';
import { pgScope, pgUrl, quietLogger } from '@pool/testkit';

/** A facade over a fresh engine on a scope of the shared server; disposing ends all three. */
export interface FacadeScope extends AsyncDisposable {
  readonly scope: TargetScope & Required<Pick<TargetScope, 'sessions' | 'kill'>>;
  readonly engine: Engine<PgRaw>;
  readonly pool: pg.Pool & { readonly engine: Engine<PgClient> };
  /** The session's backend PID, asked through the client itself. */
  pid(client: pg.PoolClient): Promise<number>;
}

export async function facadeScope(options: PgEngineOptions = {}): Promise<FacadeScope> {
  const scope = (await pgScope(pgUrl())) as FacadeScope['scope'];
  const engine = createEngine(scope.url, { logger: quietLogger(), poolSize: 2, maxOverflow: 0, ...options });
  const pool = toPgPool(engine, { pg });
  return {
    scope, engine, pool,
    async pid(client) {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return rows[0]!.pid;
    },
    async [Symbol.asyncDispose]() {
      // Not pool.end(): it waits for every client to come back, and a failed test may hold one.
      await engine.dispose();
      await scope[Symbol.asyncDispose]();
    },
  };
}
