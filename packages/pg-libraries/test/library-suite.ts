import type { Engine, EngineOptions } from '@pool/core';
import { createEngine } from '@pool/core';
import type { PgClient } from '@pool/pg';
import { PgDriver } from '@pool/pg';
import type { TargetScope } from '@pool/testkit';
import { pgScope, pgUrl, quietLogger, sampleMax, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';

/** One row of the scope's tables `(id int primary key, v varchar(100))`. */
export interface Row {
  readonly id: number;
  readonly v: string;
}

/** A library running on an engine, driven through its own API only. */
export interface LibraryHandle {
  /** `SELECT n` through the query builder or ORM; resolves n as the library returns it. */
  selectNumber(n: number): Promise<number>;
  /** The backend PID of the session the library's statement ran on. */
  backendPid(): Promise<number>;
  /** `SELECT pg_sleep(seconds)` through the library. */
  sleep(seconds: number): Promise<void>;
  /** Insert rows with the library's insert API; resolves the affected-row count the library reports. */
  insert(table: string, rows: readonly Row[]): Promise<number>;
  /** The library's transaction API: insert the row, then commit, or throw `error` inside to roll back. */
  transaction(table: string, row: Row, error?: Error): Promise<void>;
  /** One raw statement through the library's top-level API (which checks out and returns a connection). */
  raw(sql: string): Promise<void>;
  /** The library's own shutdown (destroy, end, close). */
  close(): Promise<void>;
}

/** How a test file plugs a library into the suite. */
export interface LibraryUnderTest {
  /** Shown in test names, with the version tested. */
  readonly name: string;
  /** The library over the engine (toPgPool, toPgModule, or whatever it accepts). */
  open(engine: Engine<PgClient>): Promise<LibraryHandle>;
}

/**
 * The real driver, able to make the session of the next checkout end itself just before the
 * caller's first statement (its BEGIN): the self-termination is queued behind the checkout's
 * ping, so no race decides which statement fails.
 */
class SuiteDriver extends PgDriver {
  #armed = false;

  armSelfTermination(): void {
    this.#armed = true;
  }

  override async ping(client: PgClient): Promise<void> {
    await super.ping(client);
    if (!this.#armed) return;
    this.#armed = false;
    client.query({ text: 'SELECT pg_terminate_backend(pg_backend_pid())' }).catch(() => undefined);
  }
}

type Scope = TargetScope & Required<Pick<TargetScope, 'sessions' | 'kill'>>;

interface Setup extends AsyncDisposable {
  readonly scope: Scope;
  readonly engine: Engine<PgClient>;
  readonly driver: SuiteDriver;
  readonly lib: LibraryHandle;
}

async function setup(library: LibraryUnderTest, options: Omit<EngineOptions<PgClient>, 'driver'> = {}): Promise<Setup> {
  const scope = (await pgScope(pgUrl())) as Scope;
  const driver = new SuiteDriver();
  const engine = createEngine<PgClient>(scope.url, { driver, logger: quietLogger(), poolSize: 5, maxOverflow: 0, ...options });
  const lib = await library.open(engine);
  let closed = false;
  return {
    scope, engine, driver, lib,
    async [Symbol.asyncDispose]() {
      // A test that closed the library itself already proved the shutdown; else close it here.
      if (!closed) await lib.close().catch(() => undefined);
      closed = true;
      await engine.dispose();
      await scope[Symbol.asyncDispose]();
    },
  };
}

async function count(scope: Scope, table: string): Promise<number> {
  const rows = await scope.admin(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

/** What every library must do on @pool, against the real server. */
export function describeLibrary(library: LibraryUnderTest): void {
  describe(`${library.name} on @pool`, () => {
    it('selects', async () => {
      await using s = await setup(library);
      expect(await s.lib.selectNumber(41)).toBe(41);
    });

    it('inserts, reporting the rows it inserted', async () => {
      await using s = await setup(library);
      const table = await s.scope.createTable();
      expect(await s.lib.insert(table, [{ id: 2, v: 'two' }, { id: 3, v: 'three' }, { id: 4, v: 'four' }])).toBe(3);
      expect(await count(s.scope, table)).toBe(4);
    });

    it('commits a transaction, and rolls back one that throws', async () => {
      await using s = await setup(library);
      const table = await s.scope.createTable();
      await s.lib.transaction(table, { id: 2, v: 'kept' });
      const failure = new Error('roll it back');
      await expect(s.lib.transaction(table, { id: 3, v: 'gone' }, failure)).rejects.toThrow(failure.message);
      expect(await s.scope.admin(`SELECT id FROM ${table} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }]);
      await waitFor(() => s.engine.pool.stats().checkedOut === 0, { what: 'every connection back' });
    });

    it('a burst of 50 with poolSize 5, maxOverflow 0: all served, never more than 5 sessions on the server', async () => {
      await using s = await setup(library, { poolSize: 5, maxOverflow: 0, poolTimeout: 60 });
      const sampler = sampleMax(async () => (await s.scope.sessions()).length);
      try {
        await Promise.all(Array.from({ length: 50 }, () => s.lib.sleep(0.05)));
      } finally {
        const most = await sampler.stop();
        expect(most).toBeLessThanOrEqual(5);
        expect(most).toBeGreaterThan(1);
      }
      expect(s.engine.pool.stats().created).toBeLessThanOrEqual(5);
    });

    it('sessions killed by the server mid-run: prePing hands the library live connections only', async () => {
      await using s = await setup(library, { poolSize: 3, prePing: true, prePingBypass: 0 });
      await Promise.all([s.lib.sleep(0.05), s.lib.sleep(0.05), s.lib.sleep(0.05)]);
      const old = await s.scope.sessions();
      expect(old.length).toBeGreaterThan(0);
      for (const pid of old) await s.scope.kill(pid);
      for (let i = 0; i < 6; i++) expect(await s.lib.selectNumber(i)).toBe(i);
      const pid = await s.lib.backendPid();
      expect(old).not.toContain(pid);
    });

    it('shutdown leaves no session open', async () => {
      await using s = await setup(library);
      await Promise.all([s.lib.sleep(0.05), s.lib.sleep(0.05), s.lib.sleep(0.05)]);
      expect((await s.scope.sessions()).length).toBeGreaterThan(0);
      await s.lib.close();
      await waitFor(async () => (await s.scope.sessions()).length === 0, { what: 'every session to end' });
      expect(s.engine.pool.stats().open).toBe(0);
    });

    it('a connection given back inside a transaction is rolled back before its next use', async () => {
      await using s = await setup(library, { poolSize: 1 });
      const table = await s.scope.createTable();
      await s.lib.raw('BEGIN');
      await s.lib.raw(`INSERT INTO ${table} VALUES (2, 'two')`);
      // Had the INSERT run inside the BEGIN's transaction, no other session would see it.
      expect(await count(s.scope, table)).toBe(2);
      expect(await s.scope.admin("SELECT pid FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND pid = ANY($1)", [await s.scope.sessions()])).toEqual([]);
    });

    it('BEGIN failing on a dead session: the library gets the error, nothing leaks, the next transaction commits', async () => {
      await using s = await setup(library, { poolSize: 1, prePing: true, prePingBypass: 0 });
      const table = await s.scope.createTable();
      // A first transaction warms up whatever the library does once (version checks, metadata).
      await s.lib.transaction(table, { id: 2, v: 'first' });
      s.driver.armSelfTermination();
      const begin: unknown = await s.lib.transaction(table, { id: 3, v: 'never' }).then(() => 'committed', (error: unknown) => error);
      expect(begin).toBeInstanceOf(Error);
      await waitFor(() => s.engine.pool.stats().checkedOut === 0, { what: 'the failed connection back' });
      expect(s.engine.pool.stats().invalidated).toBeGreaterThanOrEqual(1);
      await s.lib.transaction(table, { id: 4, v: 'kept' });
      expect(await s.scope.admin(`SELECT id FROM ${table} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
    });
  });
}
