import pg from 'pg';
import { EntitySchema } from '@mikro-orm/core';
import { MikroORM, PostgreSqlKnexDialect } from '@mikro-orm/postgresql';
import type { PgEngine, PgPoolConfig } from '@pool/pg';
import { toPgModule, toPgPool } from '@pool/pg';
import { pgScope, pgUrl, quietLogger, uniqueName, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import type { LibraryHandle, Row } from './library-suite.js';
import { describeLibrary } from './library-suite.js';
import { versionOf } from './version-of.js';

// MikroORM 7 (which builds on Kysely) requires Node >= 22.17 (its engines field): this machine
// runs Node 20, so MikroORM 6, the newest that allows Node 20, is tested. MikroORM 6 builds on
// knex 3.2, which has no connectionPool option: a dialect whose pool is @pool plugs it in.

/** The part of knex's Client the dialect touches (MikroORM types its dialects as any). */
interface KnexClientPool {
  connectionSettings: PgPoolConfig;
  pool: { acquire(): { promise: Promise<unknown> }; release(client: { release(): void }): boolean; destroy(): Promise<void> };
}

/** What the dialect needs of a pg.Pool. */
interface ConnectAndEnd {
  connect(): Promise<unknown>;
  end(): Promise<void>;
}

/** knex's pool contract (acquire/release/destroy) over a pg.Pool facade. */
function knexPoolOver(pool: ConnectAndEnd): KnexClientPool['pool'] {
  return {
    acquire: () => ({ promise: pool.connect() }),
    release: (client) => {
      client.release();
      return true;
    },
    destroy: () => pool.end(),
  };
}

/** A MikroORM dialect whose connections come from `makePool(MikroORM's connection settings)`. */
function pooledDialect(makePool: (settings: PgPoolConfig) => ConnectAndEnd): unknown {
  return class extends (PostgreSqlKnexDialect as unknown as new (...args: unknown[]) => KnexClientPool) {
    initializePool(): void {
      this.pool = knexPoolOver(makePool(this.connectionSettings));
    }
  };
}

const rowsOf = (table: string) => new EntitySchema<Row>({
  name: `Row_${table}`,
  tableName: table,
  properties: { id: { type: 'number', primary: true }, v: { type: 'string' } },
});

async function ormOver(engine: PgEngine, table: string): Promise<MikroORM> {
  return MikroORM.init({
    entities: [rowsOf(table)],
    clientUrl: engine.url.render({ hidePassword: false }),
    // The suite makes the engine: MikroORM's connection settings (its date parsers among them)
    // do not reach it here; the test below shows the way that carries them.
    driverOptions: { client: pooledDialect(() => toPgPool(engine)) },
    allowGlobalContext: true,
    debug: false,
  });
}

describeLibrary({
  name: `MikroORM ${versionOf('@mikro-orm/core')} (knex dialect)`,
  async open(engine): Promise<LibraryHandle> {
    // One ORM knows its entities from the start; tables are per test.
    const orm = await ormOver(engine, uniqueName('pool_it_unused'));
    const forTable = new Map<string, Promise<MikroORM>>();
    const on = (table: string): Promise<MikroORM> => {
      let found = forTable.get(table);
      if (found === undefined) forTable.set(table, (found = ormOver(engine, table)));
      return found;
    };
    const execute = async (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => orm.em.getConnection().execute(sql, params);
    return {
      selectNumber: async (n) => Number((await execute('SELECT ?::int AS n', [n]))[0]!.n),
      backendPid: async () => Number((await execute('SELECT pg_backend_pid() AS pid'))[0]!.pid),
      async sleep(seconds) {
        await execute('SELECT pg_sleep(?)', [seconds]);
      },
      async insert(table, rows) {
        const em = (await on(table)).em.fork();
        const result = await em.createQueryBuilder(rowsOf(table).meta.className).insert([...rows]).execute('run');
        return result.affectedRows;
      },
      async transaction(table, row, error) {
        await (await on(table)).em.fork().transactional(async (em) => {
          await em.insert(rowsOf(table).meta.className, row);
          if (error) throw error;
        });
      },
      async raw(sql) {
        await execute(sql);
      },
      async close() {
        for (const other of forTable.values()) await (await other).close();
        await orm.close();
      },
    };
  },
});

describe('MikroORM on @pool: what only MikroORM does', () => {
  it("toPgModule(engineOptions): MikroORM's connection settings, its date parsers among them, make the engine", async () => {
    await using scope = await pgScope(pgUrl());
    const table = await scope.createTable();
    let made: ReturnType<typeof toPgPool> | undefined;
    const poolModule = toPgModule({ poolSize: 2, prePing: true, logger: quietLogger() }, { pg });
    const orm = await MikroORM.init({
      entities: [rowsOf(table)],
      clientUrl: scope.url,
      // MikroORM drops the URL's parameters; knex's connection settings carry what it should add.
      driverOptions: {
        client: pooledDialect((settings) => (made = new poolModule.Pool(settings) as unknown as ReturnType<typeof toPgPool>)),
        connection: { application_name: new URL(scope.url).searchParams.get('application_name') },
      },
      allowGlobalContext: true,
      debug: false,
    });
    // MikroORM keeps timestamps as text (it parses them itself): its type parsers reached the client.
    const [row] = await orm.em.getConnection().execute<{ at: unknown }[]>("SELECT '2024-01-02 03:04:05'::timestamp AS at");
    expect(row!.at).toBe('2024-01-02 03:04:05');
    expect(made?.engine.options).toMatchObject({ poolSize: 2, prePing: true, connectArgs: { types: expect.anything() as unknown } });
    const em = orm.em.fork();
    expect(await em.find(rowsOf(table).meta.className, {})).toMatchObject([{ id: 1, v: 'one' }]);
    expect((await scope.sessions!()).length).toBeGreaterThan(0);
    await orm.close();
    expect(made?.ended).toBe(true);
    await waitFor(async () => (await scope.sessions!()).length === 0, { what: 'the sessions to end' });
  });
});
