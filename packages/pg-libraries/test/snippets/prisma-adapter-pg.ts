// The @prisma/adapter-pg snippet of docs/query-builders.md (the region between the markers, verbatim).
// docs:start
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { createEngine, toPgPool } from '@pool/pg';

const engine = createEngine(process.env.DATABASE_URL, { poolSize: 5, maxOverflow: 10, prePing: true });
// disposeExternalPool: prisma.$disconnect() (the adapter's dispose) ends the pool.
const adapter = new PrismaPg(toPgPool(engine, { pg }), { disposeExternalPool: true });

// In an application: const prisma = new PrismaClient({ adapter });
const connection = await adapter.connect();
const { rows } = await connection.queryRaw({ sql: 'SELECT 1 AS one', args: [], argTypes: [] });
await connection.dispose();
// docs:end

export const result = rows;
