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
