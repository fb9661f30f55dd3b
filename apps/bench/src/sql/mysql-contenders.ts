import { createEngine } from '@pool/mysql';
import { createPool } from 'mysql2/promise';
import type { SqlContender, SqlRunner } from './sql-contender.js';
import { oursThrough, SQL_POOL_SIZE } from './sql-contender.js';

/** mysql2's own pool through its promise API (what async code uses), default options. */
function theirs(name: string, path: 'checkout' | 'query'): SqlContender {
  return {
    name,
    role: 'peer',
    create(url: string): SqlRunner {
      const pool = createPool({ uri: url, connectionLimit: SQL_POOL_SIZE });
      const checkout = async (): Promise<void> => {
        const conn = await pool.getConnection();
        try {
          await conn.query('SELECT 1');
        } finally {
          conn.release();
        }
      };
      return { cycle: path === 'checkout' ? checkout : async () => void (await pool.query('SELECT 1')), close: () => pool.end() };
    },
  };
}

/** @pool/mysql (checkout, checkout with prePing, engine.query) and mysql2's pool (getConnection, pool.query). */
export const MYSQL_CONTENDERS: readonly SqlContender[] = [
  oursThrough(createEngine, '@pool/mysql', { prePing: false, path: 'checkout' }),
  oursThrough(createEngine, '@pool/mysql prePing', { prePing: true, path: 'checkout' }),
  oursThrough(createEngine, '@pool/mysql engine.query', { prePing: false, path: 'query' }),
  theirs('mysql2 pool', 'checkout'),
  theirs('mysql2 pool.query', 'query'),
];
