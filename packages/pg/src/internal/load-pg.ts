import { createRequire } from 'node:module';
import type { PgLibrary, PgModule } from '../pg-client.js';

/**
 * Load the `pg` peer dependency. A missing package throws here, when `@pool/pg` is imported,
 * so that `@pool/core` can tell the user to install it (DriverNotFoundError).
 */
export function loadPg(): PgLibrary {
  const require = createRequire(import.meta.url);
  const pg = require('pg') as PgModule;
  // Resolved from pg's own directory: whatever version pg itself parses URLs with.
  const fromPg = createRequire(require.resolve('pg'));
  const { parse } = fromPg('pg-connection-string') as { parse: (url: string) => Record<string, unknown> };
  return { pg, parseConnectionString: parse };
}
