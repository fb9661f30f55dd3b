import type { DatabaseUrl, DriverConnectOptions } from '@pool/core';

const URL_PARTS = ['user', 'password', 'host', 'port', 'database'] as const;

/**
 * The node-postgres `Client` config for one connection. The URL (pool options already removed
 * from its query) is parsed as node-postgres parses a connection string, so every parameter it
 * understands works as in `psql`: `application_name`, `sslmode`, `options`, a unix socket as
 * `?host=/run/postgresql`, … Then `connectArgs` (Client options) are laid over it and win.
 * Nothing else is added to the startup packet: it carries what the user asked for and no more,
 * so a PgBouncer in transaction mode accepts it.
 */
export function pgClientConfig(
  url: DatabaseUrl,
  options: Pick<DriverConnectOptions, 'connectTimeout' | 'tcpKeepAlive' | 'connectArgs'> & Partial<Pick<DriverConnectOptions, 'signal'>>,
  parse: (url: string) => Record<string, unknown>,
): Record<string, unknown> {
  const fromUrl = { ...parse(url.with({ drivername: 'postgresql' }).render({ hidePassword: false })) };
  // The parser fills absent parts with '': leave them to node-postgres's defaults (PG* variables).
  for (const part of URL_PARTS) if (fromUrl[part] === '') delete fromUrl[part];
  return {
    keepAlive: options.tcpKeepAlive,
    // node-postgres destroys the socket itself at this limit; the pool enforces it too.
    connectionTimeoutMillis: Math.ceil(options.connectTimeout * 1000),
    ...fromUrl,
    ...options.connectArgs,
  };
}
