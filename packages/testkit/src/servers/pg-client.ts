import { createRequire } from 'node:module';

/** The bits of node-postgres the test kit uses for its own (admin) sessions. */
export interface AdminPgClient {
  connect(): Promise<unknown>;
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface PgModule {
  readonly Client: new (config: Record<string, unknown>) => AdminPgClient;
}

const pg = createRequire(import.meta.url)('pg') as PgModule;

/** A plain node-postgres client (not pooled), for observing the server from outside the pool. */
export async function pgAdminClient(url: string, applicationName = 'pool_testkit_admin'): Promise<AdminPgClient> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName, connectionTimeoutMillis: 5000 });
  // An admin session must not crash the run when a test restarts its server.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Run one statement on a short-lived session. */
export async function pgQuery(url: string, sql: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
  const client = await pgAdminClient(url);
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}
