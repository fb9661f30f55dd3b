import { createRequire } from 'node:module';
import { createEngine } from '@pool/pg';
import type { SqlContender, SqlRunner } from './sql-contender.js';

/** The part of node-postgres' pool we use (pg ships no types). */
interface PgPoolClient {
  query(text: string): Promise<unknown>;
  release(error?: Error | boolean): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface PgPool {
  connect(): Promise<PgPoolClient>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'connect', listener: (client: PgPoolClient) => void): unknown;
}

interface PgModule {
  Pool: new (config: { connectionString: string; max: number }) => PgPool;
}

const pg = createRequire(import.meta.url)('pg') as PgModule;
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

function theirs(name: string, path: 'checkout' | 'query'): SqlContender {
  return {
    name,
    role: 'peer',
    create(url: string): SqlRunner {
      const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
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
  ours('@pool/pg', false, 'checkout'),
  ours('@pool/pg prePing', true, 'checkout'),
  ours('@pool/pg engine.query', false, 'query'),
  theirs('pg.Pool', 'checkout'),
  theirs('pg.Pool pool.query', 'query'),
];
