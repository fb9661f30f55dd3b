/** Most connections every SQL contender may open. */
export const SQL_POOL_SIZE = 10;

/** One way of running `SELECT 1` through a pool: the pool, the path through it, our options. */
export interface SqlContender {
  readonly name: string;
  readonly role: 'ours' | 'peer';
  /** Build the pool (max 10 connections) and the function running one statement through it. */
  create(url: string): SqlRunner;
}

export interface SqlRunner {
  /** One `SELECT 1`: checkout + query + release, or the pool's own query helper. */
  cycle(): Promise<void>;
  close(): Promise<void>;
}

/** The part of an @pool engine the SQL comparisons use; @pool/pg's and @pool/mysql's both fit. */
interface SqlEngine {
  connect(): Promise<{ query(sql: string): Promise<unknown>; release(): Promise<void> }>;
  query(sql: string): Promise<unknown>;
  dispose(): Promise<void>;
}

/** Ours through one driver package: at most SQL_POOL_SIZE connections, `prePing` as given, one path. */
export function oursThrough(
  createEngine: (url: string, options: { poolSize: number; maxOverflow: number; prePing: boolean }) => SqlEngine,
  name: string,
  { prePing, path }: { prePing: boolean; path: 'checkout' | 'query' },
): SqlContender {
  return {
    name,
    role: 'ours',
    create(url: string): SqlRunner {
      const engine = createEngine(url, { poolSize: SQL_POOL_SIZE, maxOverflow: 0, prePing });
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
