import { inject } from 'vitest';

/** Default URL of the shared PostgreSQL the integration tests run against. */
export const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/test';
/** Default URL of the shared MySQL / MariaDB the integration tests run against. */
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the global setup when it started a PostgreSQL container. */
    'pool:pgUrl': string | undefined;
    /** Set by the global setup when it started a MariaDB container. */
    'pool:mysqlUrl': string | undefined;
  }
}

/** The shared PostgreSQL: the container the global setup started, else `PG_URL`, else the default. */
export function pgUrl(): string {
  return injected('pool:pgUrl') ?? envUrl('PG_URL') ?? DEFAULT_PG_URL;
}

/** The shared MySQL / MariaDB: the container the global setup started, else `MYSQL_URL`, else the default. */
export function mysqlUrl(): string {
  return injected('pool:mysqlUrl') ?? envUrl('MYSQL_URL') ?? DEFAULT_MYSQL_URL;
}

function envUrl(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function injected(key: 'pool:pgUrl' | 'pool:mysqlUrl'): string | undefined {
  try {
    return inject(key);
  } catch {
    // Outside a vitest worker (a script reusing the kit): no provided context.
    return undefined;
  }
}
