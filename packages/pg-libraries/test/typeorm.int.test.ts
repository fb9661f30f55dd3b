import 'reflect-metadata';
import pg from 'pg';
import { DataSource, EntitySchema } from 'typeorm';
import type { PgEngine, PgPool } from '@pool/pg';
import { createEngine, toPgModule } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, uniqueName, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import type { LibraryHandle, Row } from './library-suite.js';
import { describeLibrary } from './library-suite.js';
import { versionOf } from './version-of.js';

const rowsOf = (table: string) => new EntitySchema<Row>({
  name: `Row_${table}`,
  tableName: table,
  columns: { id: { type: 'int', primary: true }, v: { type: 'varchar', length: 100 } },
});

/** TypeORM with its `driver` overridden: the pg module whose Pool is the engine. */
async function typeormOver(engine: PgEngine, table?: string): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', driver: toPgModule(engine, { pg }), entities: table === undefined ? [] : [rowsOf(table)] });
  return ds.initialize();
}

describeLibrary({
  name: `TypeORM ${versionOf('typeorm')} (driver override)`,
  async open(engine): Promise<LibraryHandle> {
    const ds = await typeormOver(engine);
    // Entities are per table (tables are per test): a DataSource knows them from the start.
    const forTable = new Map<string, Promise<DataSource>>();
    const on = (table: string): Promise<DataSource> => {
      let found = forTable.get(table);
      if (found === undefined) forTable.set(table, (found = typeormOver(engine, table)));
      return found;
    };
    return {
      async selectNumber(n) {
        const rows = await ds.query<{ n: number }[]>('SELECT $1::int AS n', [n]);
        return rows[0]!.n;
      },
      async backendPid() {
        const rows = await ds.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
        return rows[0]!.pid;
      },
      async sleep(seconds) {
        await ds.query('SELECT pg_sleep($1)', [seconds]);
      },
      async insert(table, rows) {
        const result = await (await on(table)).getRepository(rowsOf(table).options.name).insert([...rows]);
        return result.identifiers.length;
      },
      async transaction(table, row, error) {
        await (await on(table)).transaction(async (manager) => {
          await manager.insert(rowsOf(table).options.name, row);
          if (error) throw error;
        });
      },
      async raw(text) {
        await ds.query(text);
      },
      async close() {
        for (const other of forTable.values()) await (await other).destroy();
        await ds.destroy();
      },
    };
  },
});

describe('TypeORM on @pool: what only TypeORM does', () => {
  it("toPgModule(engineOptions): TypeORM's own settings (applicationName, extra, poolSize) reach the engine it makes", async () => {
    await using scope = await pgScope(pgUrl());
    const applicationName = uniqueName('typeorm');
    const ds = await new DataSource({
      type: 'postgres', url: scope.url, applicationName, poolSize: 3,
      extra: { statement_timeout: 1234 },
      driver: toPgModule({ prePing: true, logger: quietLogger() }, { pg }),
    }).initialize();
    const engine = ((ds.driver as unknown as { master: PgPool }).master).engine;
    expect(engine.options).toMatchObject({ poolSize: 3, maxOverflow: 0, prePing: true });
    expect(await ds.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '1234ms' }]);
    const sessions = await scope.admin('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    expect(sessions).toEqual([{ n: 1 }]);
    await ds.destroy();
    expect(engine.pool.stats().open).toBe(0);
    await waitFor(async () => (await scope.admin('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]))[0]?.n === 0);
  });

  it('refuses TypeORM settings an existing engine would not apply, instead of dropping them', async () => {
    await using engine = createEngine(pgUrl(), { poolSize: 1, logger: quietLogger() });
    const ds = new DataSource({ type: 'postgres', ssl: { rejectUnauthorized: false }, driver: toPgModule(engine, { pg }) });
    await expect(ds.initialize()).rejects.toMatchObject({ code: 'POOL_CONFIG', option: 'ssl' });
  });

  it('a query runner released mid-transaction is rolled back by the engine; UPDATE reports its affected rows', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = createEngine(scope.url, { poolSize: 1, maxOverflow: 0, logger: quietLogger() });
    const table = await scope.createTable();
    const ds = await typeormOver(engine, table);
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.manager.insert(rowsOf(table).options.name, { id: 2, v: 'two' });
    await runner.release();
    const update = await ds.createQueryBuilder().update(rowsOf(table).options.name).set({ v: 'x' }).where('id >= :id', { id: 1 }).execute();
    expect(update.affected).toBe(1);
    expect(await scope.admin(`SELECT id, v FROM ${table}`)).toEqual([{ id: 1, v: 'x' }]);
    await ds.destroy();
  });
});
