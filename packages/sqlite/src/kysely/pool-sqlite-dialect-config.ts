import type { Engine } from '@pool/core';
import type { DatabaseConnection } from 'kysely';
import type { SqliteRaw } from '../better-sqlite3.js';

/** Options of `new PoolSqliteDialect({ engine })`. */
export interface PoolSqliteDialectConfig {
  /** An engine on a `sqlite://` URL (from `@pool/sqlite`'s or `@pool/core`'s `createEngine`). */
  readonly engine: Engine<SqliteRaw> | Engine<unknown>;
  /** Called once per physical connection, the first time Kysely checks it out. Default: none. */
  readonly onCreateConnection?: (connection: DatabaseConnection) => Promise<void>;
  /** Called at every checkout. Default: none. */
  readonly onReserveConnection?: (connection: DatabaseConnection) => Promise<void>;
  /**
   * Whether `kysely.destroy()` disposes the engine. Default false: the engine belongs to the
   * application (other code may use it; `sqlite:///:memory:` loses its data when disposed).
   */
  readonly disposeEngine?: boolean;
}
