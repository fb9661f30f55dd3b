import type { Engine } from '@pool/core';
import { POOL_QUERY_KEYS } from '@pool/core';
import type { PgClient } from '../pg-client.js';
import { pgClientConfig } from '../pg-config.js';

/**
 * The facade's `options`, as pg.Pool exposes its own: the Client settings every connection is
 * opened with (what `@prisma/adapter-pg` copies to open a shadow database) and the engine's limits
 * in pg-pool's names. The password is there but not enumerable, as pg-pool hides it, so it stays
 * out of `console.log` and `JSON.stringify`.
 */
export function poolOptionsView(engine: Engine<PgClient>, parse: (url: string) => Record<string, unknown>): Record<string, unknown> {
  const o = engine.options;
  const query = Object.fromEntries(Object.entries(engine.url.query).filter(([key]) => !POOL_QUERY_KEYS.has(key)));
  const client = pgClientConfig(engine.url.with({ query }), {
    connectTimeout: o.connectTimeout, tcpKeepAlive: o.tcpKeepAlive, connectArgs: o.connectArgs, signal: new AbortController().signal,
  }, parse);
  const { password, ...visible } = client;
  const unlimited = o.poolSize === 0 || o.maxOverflow === -1;
  const options: Record<string, unknown> = {
    ...visible,
    max: unlimited ? Infinity : o.poolSize + o.maxOverflow,
    min: o.minSize,
    idleTimeoutMillis: o.idleTimeout < 0 ? 0 : o.idleTimeout * 1000,
    maxUses: o.maxUses === 0 ? Infinity : o.maxUses,
    maxLifetimeSeconds: o.poolRecycle < 0 ? 0 : o.poolRecycle,
    // The pool's timers never keep the process alive.
    allowExitOnIdle: true,
  };
  if (password !== undefined) Object.defineProperty(options, 'password', { value: password, enumerable: false, writable: true, configurable: true });
  return options;
}
