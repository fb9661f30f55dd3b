import type { Engine } from '@pool/core';
import { DatabaseUrl } from '@pool/core';
import type { MysqlEngineOptions, MysqlRaw } from '@pool/mysql';
import { createEngine } from '@pool/mysql';
import type { TargetScope } from '@pool/testkit';
import { mysqlScope, mysqlUrl, quietLogger, sampleMax, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';

/** The table every library test uses, made in the scope's own database. */
export const ITEMS = 'items';

/**
 * A query builder or ORM over `toMysqlPool(engine)`, reduced to what the shared scenarios need.
 * Each operation goes through the library's own API (its pool, its transactions).
 */
export interface LibraryClient {
  /** `SELECT 1 + 1` or the like through the library: the number it answers. */
  selectTwo(): Promise<number>;
  /** Insert `(id, v)` into `items`; resolves to the affected-row count the library reports. */
  insert(id: number, v: string): Promise<number>;
  /** Rows in `items`, through the library. */
  count(): Promise<number>;
  /** In one library transaction insert `ids`, then throw when `fail` (the library rolls back). */
  transaction(ids: readonly number[], fail: boolean): Promise<void>;
  /** One statement that holds its connection about `seconds` (`SELECT SLEEP`). */
  sleep(seconds: number): Promise<void>;
  /** The library's own shutdown (Kysely's destroy, TypeORM's destroy, …). */
  shutdown(): Promise<void>;
}

/** One library under test: how to build it over an engine. */
export interface LibraryUnderTest {
  /** Shown in test names, with the version: `Kysely 0.28.19`. */
  readonly name: string;
  open(engine: Engine<MysqlRaw>): Promise<LibraryClient>;
  /** Whether the library's shutdown ends the pool it was given (else the test disposes the engine). */
  readonly shutdownEndsPool: boolean;
}

/** A scope (a database of the test's own) with `items` in it, and an engine on it. */
export interface LibraryFixture extends AsyncDisposable {
  readonly scope: TargetScope & Required<Pick<TargetScope, 'sessions' | 'kill'>>;
  readonly engine: Engine<MysqlRaw>;
  readonly database: string;
}

export async function libraryFixture(options: MysqlEngineOptions = {}): Promise<LibraryFixture> {
  const scope = (await mysqlScope(mysqlUrl())) as LibraryFixture['scope'];
  const database = DatabaseUrl.parse(scope.url).database!;
  await scope.admin(`CREATE TABLE ${database}.${ITEMS} (id int PRIMARY KEY, v varchar(100)) ENGINE=InnoDB`);
  const engine = createEngine(scope.url, { logger: quietLogger(), poolSize: 5, maxOverflow: 0, poolTimeout: 20, ...options });
  return {
    scope, engine, database,
    async [Symbol.asyncDispose]() {
      await engine.dispose();
      await scope[Symbol.asyncDispose]();
    },
  };
}

/** The rows of `items`, seen by the admin session (outside the pool and the library). */
export async function serverIds(fixture: LibraryFixture): Promise<number[]> {
  const rows = await fixture.scope.admin(`SELECT id FROM ${fixture.database}.${ITEMS} ORDER BY id`);
  return rows.map((row) => Number(row.id));
}

/** Shut the library down, then wait until the server lists no session of the scope. */
export async function shutdownLeavesNoSession(lib: LibraryUnderTest, client: LibraryClient, fixture: LibraryFixture): Promise<void> {
  await client.shutdown();
  if (!lib.shutdownEndsPool) await fixture.engine.dispose();
  // dispose() does not wait for an open or ping still in flight (one prePing started to replace a
  // killed session): it is closed when it lands. Wait for that, then nothing may be left on the server.
  await waitFor(() => fixture.engine.pool.stats().open === 0, { what: 'the opens and pings in flight at dispose() to land and close' });
  await waitFor(async () => (await fixture.scope.sessions()).length === 0, { what: 'every session of the scope to end' });
  expect(fixture.engine.pool.stats()).toMatchObject({ open: 0, checkedOut: 0 });
}

/**
 * What every library must show over `toMysqlPool`: a select, an insert with its affected-row
 * count, a transaction that commits and one that rolls back, a burst under the engine's limit
 * as the server counts sessions, sessions killed by the server healed by prePing, and a shutdown
 * that leaves no session open.
 */
export function describeLibraryScenarios(lib: LibraryUnderTest): void {
  describe(`${lib.name} over toMysqlPool: the shared scenarios`, () => {
    it('selects, and an insert reports one affected row', async () => {
      await using fixture = await libraryFixture();
      const client = await lib.open(fixture.engine);
      expect(await client.selectTwo()).toBe(2);
      expect(await client.insert(1, 'one')).toBe(1);
      expect(await client.insert(2, 'two')).toBe(1);
      expect(await client.count()).toBe(2);
      expect(await serverIds(fixture)).toEqual([1, 2]);
      await shutdownLeavesNoSession(lib, client, fixture);
    });

    it('a transaction commits, and one that throws is rolled back', async () => {
      await using fixture = await libraryFixture();
      const client = await lib.open(fixture.engine);
      await client.transaction([10, 11], false);
      await expect(client.transaction([20, 21], true)).rejects.toThrow(/rolled back on purpose/);
      expect(await serverIds(fixture)).toEqual([10, 11]);
      expect(fixture.engine.pool.stats().checkedOut).toBe(0);
      await shutdownLeavesNoSession(lib, client, fixture);
    });

    it('a burst of 50 with poolSize 5, maxOverflow 0: the server never sees more than 5 sessions', async () => {
      await using fixture = await libraryFixture({ poolSize: 5, maxOverflow: 0 });
      const client = await lib.open(fixture.engine);
      const sampler = sampleMax(async () => (await fixture.scope.sessions()).length, 5);
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.sleep(0.02)));
      const most = await sampler.stop();
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(most).toBeLessThanOrEqual(5);
      expect(most).toBeGreaterThanOrEqual(2);
      expect(fixture.engine.pool.stats().checkedOut).toBe(0);
      expect(fixture.engine.pool.stats().created).toBeLessThanOrEqual(5);
      await shutdownLeavesNoSession(lib, client, fixture);
    });

    it('sessions killed by the server between statements: prePing heals them, the library sees no error', async () => {
      await using fixture = await libraryFixture({ poolSize: 3, maxOverflow: 0, prePing: true, prePingBypass: 0 });
      const client = await lib.open(fixture.engine);
      await Promise.all([client.sleep(0.05), client.sleep(0.05), client.sleep(0.05)]);
      const old = await fixture.scope.sessions();
      expect(old.length).toBeGreaterThanOrEqual(1);
      for (const id of old) await fixture.scope.kill(id);
      const answers = await Promise.all(Array.from({ length: 10 }, () => client.selectTwo()));
      expect(answers).toEqual(Array.from({ length: 10 }, () => 2));
      const now = await fixture.scope.sessions();
      expect(now.filter((id) => old.includes(id))).toEqual([]);
      expect(fixture.engine.pool.stats().invalidated).toBeGreaterThanOrEqual(old.length);
      await shutdownLeavesNoSession(lib, client, fixture);
    });
  });
}
