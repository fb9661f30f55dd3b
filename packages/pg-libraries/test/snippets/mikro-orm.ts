// The MikroORM snippet of docs/query-builders.md (the region between the markers, verbatim).
/* eslint-disable @typescript-eslint/no-unsafe-argument -- MikroORM types its knex dialects as any */
// docs:start
import pg from 'pg';
import { MikroORM, PostgreSqlKnexDialect } from '@mikro-orm/postgresql';
import { toPgModule } from '@pool/pg';

const { Pool } = toPgModule({ poolSize: 5, maxOverflow: 10, prePing: true }, { pg });

// MikroORM 6 builds on knex 3.2, which takes no external pool: a dialect whose pool is @pool.
class PooledDialect extends PostgreSqlKnexDialect {
  initializePool() {
    // MikroORM's connection settings (its type parsers too) make the engine.
    const pool = new Pool(this.connectionSettings);
    this.pool = {
      acquire: () => ({ promise: pool.connect() }),
      release: (client: { release(): void }) => (client.release(), true),
      destroy: () => pool.end(),
    };
  }
}

const orm = await MikroORM.init({
  clientUrl: process.env.DATABASE_URL,
  entities: [], // yours
  discovery: { warnWhenNoEntities: false },
  driverOptions: { client: PooledDialect },
});
const rows = await orm.em.getConnection().execute('SELECT 1 AS one');
await orm.close(); // ends the pool: the engine is disposed
// docs:end

export const result = rows;
