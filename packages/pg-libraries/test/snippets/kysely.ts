// The Kysely snippet of docs/query-builders.md (the region between the markers, verbatim).
// docs:start
import pg from 'pg';
import Cursor from 'pg-cursor';
import { Kysely, PostgresDialect } from 'kysely';
import { createEngine, toPgPool } from '@pool/pg';

interface Database {
  pg_database: { datname: string; datistemplate: boolean };
}

const engine = createEngine(process.env.DATABASE_URL, { poolSize: 5, maxOverflow: 10, prePing: true });
const db = new Kysely<Database>({
  // cursor: only needed for .stream()
  dialect: new PostgresDialect({ pool: toPgPool(engine, { pg }), cursor: Cursor }),
});

const databases = await db.selectFrom('pg_database').select('datname').where('datistemplate', '=', false).execute();
await db.destroy(); // ends the pool: the engine is disposed
// docs:end

export const result = databases;
