// The knex snippet of docs/query-builders.md (the region between the markers, verbatim).
// docs:start
import pg from 'pg';
import knex from 'knex';
import { createEngine, toPgPool } from '@pool/pg';

const engine = createEngine(process.env.DATABASE_URL, { poolSize: 5, maxOverflow: 10, prePing: true });
const pool = toPgPool(engine, { pg });
const db = knex({ client: 'pg', connectionPool: pool }); // knex >= 3.3

const rows = await db.select(db.raw('1 AS one'));
await db.destroy(); // leaves a pool it was given alone…
await pool.end(); // …so end it
// docs:end

export const result = rows;
