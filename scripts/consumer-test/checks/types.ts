// Types a user relies on, checked by tsc --strict in the consumer project (nodenext and bundler),
// with @types/pg and @types/better-sqlite3 installed. Compiled, never run: a @ts-expect-error that
// stops being an error fails the compile.
import type { EngineOptions } from '@pool/core';
import { createEngine } from '@pool/core';
import { createEngine as mysqlEngine } from '@pool/mysql';
import { createEngine as pgEngine } from '@pool/pg';
import { createEngine as sqliteEngine } from '@pool/sqlite';
import type { Database } from 'better-sqlite3';
import type { Connection, RowDataPacket } from 'mysql2';
import type { Client } from 'pg';

export async function rawIsTheLibrarysOwnType(): Promise<void> {
  await using pg = pgEngine('postgresql://app@db/shop');
  await using pgConn = await pg.connect();
  const client: Client = pgConn.raw;
  await client.query('LISTEN jobs');

  await using mysql = mysqlEngine('mysql://app@db/shop');
  await using mysqlConn = await mysql.connect();
  const connection: Connection = mysqlConn.raw;
  const [rows] = await connection.promise().query<RowDataPacket[]>('SELECT 1 AS n');
  void rows[0]?.n;

  await using sqlite = sqliteEngine('sqlite:///:memory:');
  await using sqliteConn = await sqlite.connect();
  const db: Database = sqliteConn.raw;
  db.function('twice', (n: number) => n * 2);
}

export function optionsInCodeAreTyped(): EngineOptions[] {
  return [
    { poolSize: 5, maxOverflow: 10, poolTimeout: 15, prePing: true, resetOnReturn: 'commit', maxConnecting: 2, queryTimeout: 30, name: 'api' },
    { resetOnReturn: false },
    { resetOnReturn: null },
    // @ts-expect-error a misspelt resetOnReturn mode
    { resetOnReturn: 'rolback' },
    // @ts-expect-error seconds are numbers in code ('30s' is no duration)
    { poolTimeout: '30s' },
    // @ts-expect-error prePing is a boolean in code
    { prePing: 'yes' },
  ];
}

export function textStaysLegalInTheUrl(): void {
  createEngine('postgresql://app@db/shop?pool_timeout=30&pre_ping=true&reset_on_return=commit');
}
