import { createEngine } from '@pool/mysql';
import { createPool } from 'mysql2/promise';
import type { SqlContender, SqlRunner } from './sql-contender.js';

const POOL_SIZE = 10;

function ours(name: string, prePing: boolean, path: 'checkout' | 'query'): SqlContender {
  return {
    name,
    role: 'ours',
    create(url: string): SqlRunner {
      const engine = createEngine(url, { poolSize: POOL_SIZE, maxOverflow: 0, prePing });
      const checkout = async (): Promise<void> => {
        const conn = await engine.connect();
        try {
          await conn.query('SELECT 1');
        } finally {
          await conn.release();
        }
      };
      return { cycle: path === 'checkout' ? checkout : async () => void (await engine.query('SELECT 1')), close: () => engine.dispose() };
    },
  };
}

/** mysql2's own pool through its promise API (what async code uses), default options. */
function theirs(name: string, path: 'checkout' | 'query'): SqlContender {
  return {
    name,
    role: 'peer',
    create(url: string): SqlRunner {
      const pool = createPool({ uri: url, connectionLimit: POOL_SIZE });
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
  ours('@pool/mysql', false, 'checkout'),
  ours('@pool/mysql prePing', true, 'checkout'),
  ours('@pool/mysql engine.query', false, 'query'),
  theirs('mysql2 pool', 'checkout'),
  theirs('mysql2 pool.query', 'query'),
];
