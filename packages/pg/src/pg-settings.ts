import type { DatabaseUrl } from '@pool/core';
import { closestName, ConfigError, POOL_QUERY_KEYS } from '@pool/core';
import type { PgLibrary } from './pg-client.js';
import { pgClientConfig } from './pg-config.js';

/**
 * URL parameters node-postgres reads (with pg-connection-string, which parses the URL for it),
 * besides the keys of `pg.defaults`.
 */
export const PG_URL_PARAMETERS: ReadonlySet<string> = new Set([
  'host', 'port', 'user', 'password', 'database', 'application_name', 'fallback_application_name',
  'options', 'client_encoding', 'replication', 'binary', 'statement_timeout', 'lock_timeout',
  'idle_in_transaction_session_timeout', 'query_timeout', 'ssl', 'sslmode', 'sslcert', 'sslkey',
  'sslrootcert', 'sslnegotiation', 'uselibpqcompat', 'keepalives', 'keepalives_idle',
]);

/**
 * Check the URL parameters and `connectArgs` once, when the engine is made. node-postgres ignores
 * a parameter it does not know, so a misspelling of one it knows (`?aplication_name=`,
 * `?ssl_mode=require`, or of a pool option: `?pool_sise=`) would silently do nothing: that is a
 * ConfigError. Other parameters (a
 * Prisma `?schema=`) pass through as before. The URL is then read as node-postgres reads it,
 * certificate files (`sslrootcert`, …) included, and anything it rejects is a ConfigError too.
 */
export function validatePgSettings(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>, library: PgLibrary): void {
  const known = new Set([...PG_URL_PARAMETERS, ...Object.keys(library.pg.defaults ?? {})]);
  for (const key of Object.keys(url.query)) {
    if (known.has(key)) continue;
    // A near miss of a pool option (`?pool_sise=`) reaches the driver too: catch it here.
    const meant = closestName(key, [...known, ...POOL_QUERY_KEYS]);
    if (meant !== undefined) {
      throw new ConfigError('url', `@pool/pg: unknown URL parameter "${key}" (did you mean ${meant}?): node-postgres would ignore it`);
    }
  }
  try {
    pgClientConfig(url, { connectTimeout: 10, tcpKeepAlive: true, connectArgs }, library.parseConnectionString);
  } catch (error) {
    throw new ConfigError('url', `@pool/pg: node-postgres cannot read the URL ${url.render()}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
