import type { EngineOptions } from '@pool/core';

/** One of the pooling guide's concurrency examples, as pool options and a workload. */
export interface DocumentScenario {
  /** Name in the JSON summary. */
  readonly name: 'sqlalchemy' | 'psycopg2' | 'mysql-connector' | 'asyncpg';
  /** What the guide configures, in its own words. */
  readonly source: string;
  /** The same configuration as @pool options. */
  readonly options: EngineOptions;
  /** How many tasks start together. */
  readonly tasks: number;
  /** Seconds task `i` holds its connection (the guide's `time.sleep`). */
  work(i: number): number;
}

/** The four examples of the guide (seeds/003), with its numbers. */
export const DOCUMENT_SCENARIOS: readonly DocumentScenario[] = [
  {
    name: 'sqlalchemy',
    source: 'SQLAlchemy create_engine(pool_size=5, max_overflow=10, pool_timeout=15, pool_recycle=3600, pre_ping=True)',
    options: { poolSize: 5, maxOverflow: 10, poolTimeout: 15, poolRecycle: 3600, prePing: true },
    tasks: 20,
    work: (i) => 0.1 + (i % 5) * 0.01,
  },
  {
    name: 'psycopg2',
    source: 'psycopg2 ThreadedConnectionPool(minconn=3, maxconn=10)',
    options: { poolSize: 3, maxOverflow: 7, minSize: 3 },
    tasks: 15,
    work: (i) => 0.1 + (i % 3) * 0.02,
  },
  {
    name: 'mysql-connector',
    source: 'MySQL Connector MySQLConnectionPool(pool_size=5), connections created on demand',
    options: { poolSize: 5, maxOverflow: 0 },
    tasks: 8,
    work: (i) => 0.1 + (i % 4) * 0.015,
  },
  {
    name: 'asyncpg',
    source: 'asyncpg create_pool(min_size=2, max_size=10, timeout=60, max_queries=50000, max_inactive_connection_lifetime=300)',
    options: { poolSize: 10, maxOverflow: 0, minSize: 2, poolTimeout: 60, maxUses: 50000, idleTimeout: 300 },
    tasks: 15,
    work: (i) => 0.1 + (i % 5) * 0.01,
  },
];
