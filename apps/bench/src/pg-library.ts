import { createRequire } from 'node:module';

/** The part of node-postgres' pool client the bench uses (pg ships no types). */
export interface PgPoolClient {
  query(text: string): Promise<unknown>;
  release(error?: Error | boolean): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of node-postgres' `Pool` the bench uses. */
export interface PgPool {
  connect(): Promise<PgPoolClient>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'connect', listener: (client: PgPoolClient) => void): unknown;
}

/** node-postgres as the bench loads it (a dev dependency, required as CommonJS). */
export const pg = createRequire(import.meta.url)('pg') as { Pool: new (config: Record<string, unknown>) => PgPool };
