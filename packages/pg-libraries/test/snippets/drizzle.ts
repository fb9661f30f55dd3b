// The Drizzle snippet of docs/query-builders.md (the region between the markers, verbatim).
// docs:start
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { createEngine, toPgPool } from '@pool/pg';

const engine = createEngine(process.env.DATABASE_URL, { poolSize: 5, maxOverflow: 10, prePing: true });
const pool = toPgPool(engine, { pg });
const db = drizzle({ client: pool });

const rows = await db.transaction(async (tx) => (await tx.execute(sql`SELECT 1 AS one`)).rows);
await pool.end(); // Drizzle never ends a pool it was given
// docs:end

export const result = rows;
