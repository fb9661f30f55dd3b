// Compiled in a consumer project WITHOUT @types/pg and @types/better-sqlite3: conn.raw falls back
// to the drivers' structural interfaces, which are real types, not `any`.
import type { PgClient } from '@pool/pg';
import { createEngine as pgEngine } from '@pool/pg';
import type { SqliteDatabase } from '@pool/sqlite';
import { createEngine as sqliteEngine } from '@pool/sqlite';

export async function rawFallsBackToTheStructuralTypes(): Promise<void> {
  await using pg = pgEngine('postgresql://app@db/shop');
  await using pgConn = await pg.connect();
  const client: PgClient = pgConn.raw;
  await client.query('SELECT 1');
  // @ts-expect-error without @types/pg, conn.raw is PgClient (were it `any`, this would compile)
  pgConn.raw.noSuchMethod();

  await using sqlite = sqliteEngine('sqlite:///:memory:');
  await using sqliteConn = await sqlite.connect();
  const db: SqliteDatabase = sqliteConn.raw;
  db.pragma('journal_mode', { simple: true });
  // @ts-expect-error without @types/better-sqlite3, conn.raw is SqliteDatabase, not `any`
  sqliteConn.raw.noSuchMethod();
}
