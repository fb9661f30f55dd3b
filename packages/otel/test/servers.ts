import { DatabaseUrl } from '@pool/core';
import type { TargetScope } from '@pool/testkit';
import { mysqlScope, mysqlUrl, pgScope, pgUrl } from '@pool/testkit';

/** A scope whose server lists its sessions (both real servers do). */
export type ServerScope = TargetScope & { sessions(): Promise<number[]> };

/** A real server the metrics are checked against, and how to make an open fail on it. */
export interface Server {
  readonly name: string;
  /** A scope of its own: the URL tags this test's sessions, `sessions()` lists what the server sees. */
  scope(): Promise<ServerScope>;
  /** The URL of a database that does not exist on this server, and the driver's code for that error. */
  missingDatabase(): { readonly url: string; readonly code: string };
}

const missing = (url: string): string => DatabaseUrl.parse(url).with({ database: 'pool_otel_no_such_db' }).render({ hidePassword: false });

async function listing(scope: Promise<TargetScope>): Promise<ServerScope> {
  const made = await scope;
  if (made.sessions === undefined) throw new Error('this scope cannot list its sessions');
  return made as ServerScope;
}

export const SERVERS: readonly Server[] = [
  { name: 'PostgreSQL', scope: () => listing(pgScope(pgUrl())), missingDatabase: () => ({ url: missing(pgUrl()), code: '3D000' }) },
  { name: 'MariaDB', scope: () => listing(mysqlScope(mysqlUrl())), missingDatabase: () => ({ url: missing(mysqlUrl()), code: 'ER_BAD_DB_ERROR' }) },
];
