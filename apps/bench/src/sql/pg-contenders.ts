import { createEngine } from '@pool/pg';
import type { SqlContender, SqlRunner } from './sql-contender.js';
import { oursThrough, SQL_POOL_SIZE } from './sql-contender.js';
import { pg } from '../pg-library.js';

function theirs(name: string, path: 'checkout' | 'query'): SqlContender {
  return {
    name,
    role: 'peer',
    create(url: string): SqlRunner {
      const pool = new pg.Pool({ connectionString: url, max: SQL_POOL_SIZE });
      // Idle clients' errors come to the pool; a checked-out client's socket error is emitted on
      // the client, and crashes the process unless someone listens: the usual pg.Pool setup.
      pool.on('error', () => undefined);
      pool.on('connect', (client) => client.on('error', () => undefined));
      const checkout = async (): Promise<void> => {
        const client = await pool.connect();
        try {
          await client.query('SELECT 1');
        } finally {
          client.release();
        }
      };
      return { cycle: path === 'checkout' ? checkout : async () => void (await pool.query('SELECT 1')), close: () => pool.end() };
    },
  };
}

/** @pool/pg (checkout, checkout with prePing, engine.query) and pg.Pool (checkout, pool.query). */
export const PG_CONTENDERS: readonly SqlContender[] = [
  oursThrough(createEngine, '@pool/pg', { prePing: false, path: 'checkout' }),
  oursThrough(createEngine, '@pool/pg prePing', { prePing: true, path: 'checkout' }),
  oursThrough(createEngine, '@pool/pg engine.query', { prePing: false, path: 'query' }),
  theirs('pg.Pool', 'checkout'),
  theirs('pg.Pool pool.query', 'query'),
];
