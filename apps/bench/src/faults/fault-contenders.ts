import { createEngine as createMysqlEngine } from '@pool/mysql';
import { createEngine as createPgEngine } from '@pool/pg';
import { createPool } from 'mysql2/promise';
import { pg } from '../pg-library.js';

/** Which server a contender talks to. */
export type FaultDriver = 'pg' | 'mysql';

/** A pool under a fault: one call is checkout + `SELECT 1` + release. */
export interface FaultClient {
  call(): Promise<void>;
  close(): Promise<void>;
}

export interface FaultContender {
  readonly name: string;
  readonly driver: FaultDriver;
  readonly role: 'ours' | 'peer';
  create(url: string): FaultClient;
}

/**
 * The same limits for every pool, as a careful user sets them: 10 connections, 2 s to open one,
 * 2 s to get one, 2 s per statement, wherever the pool has the setting.
 */
export const FAULT_LIMITS = { size: 10, connectTimeout: 2, acquireTimeout: 2, statementTimeout: 2 } as const;

/** The options given to @pool, and the part of its engine used here; @pool/pg's and @pool/mysql's both fit. */
interface OursOptions {
  poolSize: number; maxOverflow: number; prePing: boolean; connectTimeout: number; poolTimeout: number; queryTimeout: number;
  logger: Record<'debug' | 'info' | 'warn' | 'error', () => void>;
}
interface OursEngine {
  connect(): Promise<{ query(sql: string): Promise<unknown>; release(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** @pool through one driver package, with prePing (what the README recommends for production). */
function ours(name: string, driver: FaultDriver, create: (url: string, options: OursOptions) => OursEngine): FaultContender {
  return {
    name,
    driver,
    role: 'ours',
    create(url) {
      const engine = create(url, {
        poolSize: FAULT_LIMITS.size, maxOverflow: 0, prePing: true, connectTimeout: FAULT_LIMITS.connectTimeout,
        poolTimeout: FAULT_LIMITS.acquireTimeout, queryTimeout: FAULT_LIMITS.statementTimeout,
        // The faults make the pool log every lost connection: not what the bench prints.
        logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      return {
        async call() {
          const conn = await engine.connect();
          try {
            await conn.query('SELECT 1');
          } finally {
            await conn.release();
          }
        },
        close: () => engine.dispose(),
      };
    },
  };
}

/** pg.Pool: connectionTimeoutMillis bounds getting a client (waiting or connecting); query_timeout each statement. */
const pgPool: FaultContender = {
  name: 'pg.Pool',
  driver: 'pg',
  role: 'peer',
  create(url) {
    const pool = new pg.Pool({
      connectionString: url, max: FAULT_LIMITS.size, connectionTimeoutMillis: FAULT_LIMITS.acquireTimeout * 1000,
      query_timeout: FAULT_LIMITS.statementTimeout * 1000,
    });
    // The usual setup: idle clients' errors come to the pool, checked-out clients' to the client.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    return {
      async call() {
        const client = await pool.connect();
        try {
          await client.query('SELECT 1');
          client.release();
        } catch (error) {
          // What node-postgres documents: a client that failed is released with the error (destroyed).
          client.release(error instanceof Error ? error : true);
          throw error;
        }
      },
      close: () => pool.end(),
    };
  },
};

/** mysql2's pool: connectTimeout per open; no acquire timeout exists; `timeout` per statement. */
const mysql2Pool: FaultContender = {
  name: 'mysql2 pool',
  driver: 'mysql',
  role: 'peer',
  create(url) {
    const pool = createPool({ uri: url, connectionLimit: FAULT_LIMITS.size, connectTimeout: FAULT_LIMITS.connectTimeout * 1000 });
    return {
      async call() {
        const conn = await pool.getConnection();
        try {
          await conn.query({ sql: 'SELECT 1', timeout: FAULT_LIMITS.statementTimeout * 1000 });
        } finally {
          conn.release();
        }
      },
      close: () => pool.end(),
    };
  },
};

/** Every contender of the fault comparison, by driver. */
export const FAULT_CONTENDERS: readonly FaultContender[] = [
  ours('@pool/pg', 'pg', createPgEngine),
  pgPool,
  ours('@pool/mysql', 'mysql', createMysqlEngine),
  mysql2Pool,
];
