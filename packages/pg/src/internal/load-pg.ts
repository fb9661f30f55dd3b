import { createRequire } from 'node:module';
import type { PgLibrary, PgModule } from '../pg-client.js';

let loaded: PgLibrary | undefined;

/**
 * Load the `pg` peer dependency. A missing package throws here, when `@pool/pg` is imported,
 * so that `@pool/core` can tell the user to install it (DriverNotFoundError). As a peer, the
 * copy resolved from here is the application's own (npm, pnpm and yarn all link it so);
 * `createEngine(url, { pg })` names another copy explicitly.
 */
export function loadPg(): PgLibrary {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  const pg = require('pg') as PgModule;
  // Resolved from pg's own directory: whatever version pg itself parses URLs with.
  const fromPg = createRequire(require.resolve('pg'));
  const { parse } = fromPg('pg-connection-string') as { parse: (url: string) => Record<string, unknown> };
  loaded = { pg, parseConnectionString: parse };
  return loaded;
}

/** A given node-postgres module, with the URL parser of the copy beside `@pool/pg` (its format is stable across pg 8). */
export function pgLibraryFor(pg: PgModule): PgLibrary {
  return { pg, parseConnectionString: loadPg().parseConnectionString };
}
