import type { PgRaw } from '@pool/pg';
import { createEngine, driver } from '@pool/pg';
import type { ConformanceTarget } from '@pool/testkit';
import { pgScope, pgUrl, quietLogger, startPrivatePostgres, uniqueName } from '@pool/testkit';

/** @pool/pg as the conformance suite sees it: the shared server, plus private ones to restart. */
export const pgTarget: ConformanceTarget<PgRaw> = {
  name: 'pg',
  createEngine: (url, options) => createEngine(url, { logger: quietLogger(), ...options }),
  sql: {
    param: (n) => `$${n}`,
    sleep: (seconds) => `SELECT pg_sleep(${seconds})`,
    begin: 'BEGIN',
    // 22P02 and P0001 whose messages are node-postgres's own words for a dead connection.
    disconnectLookalikes: [
      "SELECT 'Connection terminated'::int",
      "DO $$ BEGIN RAISE EXCEPTION 'Client has encountered a connection error and is not queryable'; END $$",
    ],
  },
  rowLocks: true,
  serverSessions: true,
  scope: (url) => pgScope(url ?? pgUrl()),
  inTransaction: (raw) => driver.inTransaction?.(raw),
  startPrivateServer: (options) =>
    startPrivatePostgres(
      // Superusers (the tests connect as postgres) get no reserved slots: the limit is the limit.
      options?.maxConnections === undefined ? {} : { settings: { max_connections: String(options.maxConnections), superuser_reserved_connections: '0' } },
    ),
  clientPort: (raw) => (raw.connection.stream as { localPort?: number }).localPort,
  clientTimeout: {
    // node-postgres's query_timeout (milliseconds), on every statement of the connection.
    options: (ms) => ({ connectArgs: { query_timeout: ms } }),
    query: (conn, sql) => conn.query(sql),
  },
  async wrongPassword() {
    // The shared server may trust everyone: a private one checks passwords (scram-sha-256).
    const server = await startPrivatePostgres({ password: `right-${uniqueName()}` });
    const password = `Wr0ng-${uniqueName()}`;
    return {
      url: `postgresql://postgres:${password}@127.0.0.1:${server.port}/postgres`,
      password,
      isAuthError: (error) => (error as { code?: unknown } | undefined)?.code === '28P01',
      [Symbol.asyncDispose]: () => server.dispose(),
    };
  },
  urlFor: (host, port) => `postgresql://postgres@${host}:${port}/test`,
};
