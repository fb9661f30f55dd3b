import { createRequire } from 'node:module';

/** The bits of a mysql2 connection the test kit uses for its own (admin) sessions. */
export interface AdminMysqlConnection {
  query(sql: string, values: unknown[] | undefined, callback: (error: Error | null, result?: unknown) => void): unknown;
  end(callback: (error?: Error | null) => void): unknown;
  destroy(): void;
  connect(callback: (error: Error | null) => void): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  readonly threadId: number | null;
  readonly stream: { readonly destroyed: boolean; once(event: 'close', listener: () => void): unknown };
}

interface MysqlModule {
  createConnection(config: string | Record<string, unknown>): AdminMysqlConnection;
}

const mysql = createRequire(import.meta.url)('mysql2') as MysqlModule;

/** A mysql2 admin session (not pooled), with a promise `query`. */
export interface MysqlAdmin {
  readonly threadId: number | null;
  query(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  end(): Promise<void>;
}

/** A plain mysql2 connection, for observing the server from outside the pool. */
export async function mysqlAdminClient(url: string): Promise<MysqlAdmin> {
  const connection = mysql.createConnection({ uri: url.replace(/^mariadb:/, 'mysql:'), connectTimeout: 5000 });
  // An admin session must not crash the run when a test restarts its server.
  connection.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  return {
    threadId: connection.threadId,
    query: (sql, values) =>
      new Promise((resolve, reject) => {
        connection.query(sql, values, (error, result) => (error ? reject(error) : resolve(Array.isArray(result) ? (result as Record<string, unknown>[]) : [])));
      }),
    // COM_QUIT, then wait for the server to close (a socket dropped at once shows up in the
    // server's log as an aborted connection); give up waiting after a second.
    end: () =>
      new Promise((resolve) => {
        if (connection.stream.destroyed) return resolve();
        const timer = setTimeout(() => {
          connection.destroy();
          resolve();
        }, 1000);
        connection.stream.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        connection.end(() => undefined);
      }),
  };
}

/** Run one statement on a short-lived session. */
export async function mysqlQuery(url: string, sql: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
  const admin = await mysqlAdminClient(url);
  try {
    return await admin.query(sql, values);
  } finally {
    await admin.end();
  }
}
