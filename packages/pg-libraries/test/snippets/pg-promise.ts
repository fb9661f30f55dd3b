// The pg-promise snippet of docs/query-builders.md (the region between the markers, verbatim).
// docs:start
import pg from 'pg';
import pgPromise from 'pg-promise';
import { toPgModule } from '@pool/pg';

const pgp = pgPromise();
// pgp.pg is the module pg-promise makes its pools from (read-only in its typings only).
Object.assign(pgp, { pg: toPgModule({ poolSize: 5, maxOverflow: 10, prePing: true }, { pg }) });
const db = pgp(process.env.DATABASE_URL ?? '');

const row = await db.one<{ one: number }>('SELECT 1 AS one');
await db.$pool.end(); // ends the pool: the engine is disposed
// docs:end

export const result = [row];
