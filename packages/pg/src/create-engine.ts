import type { DatabaseUrl, Engine, EngineOptions } from '@pool/core';
import { ConfigError, createEngine as createCoreEngine } from '@pool/core';
import type { PgClient } from './pg-client.js';
import { driver } from './driver.js';

/** Pool options for `@pool/pg`'s `createEngine`: every option but `driver`, which is node-postgres. */
export type PgEngineOptions = Omit<EngineOptions<PgClient>, 'driver'>;

const SCHEMES = new Set(['postgres', 'postgresql']);

/**
 * `createEngine` of `@pool/core` bound to node-postgres: no scheme lookup, and `conn.raw` is
 * typed as the pg client. The URL (default `DATABASE_URL`) must be `postgres://` or `postgresql://`.
 */
export function createEngine(url?: string | DatabaseUrl, options: PgEngineOptions = {}): Engine<PgClient> {
  const engine = createCoreEngine<PgClient>(url, { ...options, driver });
  if (!SCHEMES.has(engine.url.backend)) {
    throw new ConfigError('url', `@pool/pg needs a postgresql:// URL, got ${engine.url.backend}:// (use @pool/core's createEngine to pick the driver by scheme)`);
  }
  return engine;
}
