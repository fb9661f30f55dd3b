// The TypeORM snippet of docs/query-builders.md (the region between the markers, verbatim).
// docs:start
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { toPgModule } from '@pool/pg';

const dataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  poolSize: 5, // TypeORM's settings make the engine: poolSize, ssl, applicationName, extra, …
  driver: toPgModule({ prePing: true }, { pg }), // …and these pool options are laid over them
});
await dataSource.initialize();

const rows: unknown = await dataSource.query('SELECT 1 AS one');
await dataSource.destroy(); // ends the pool: the engine is disposed
// docs:end

export const result = rows;
