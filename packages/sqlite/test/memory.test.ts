import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '@pool/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../src/index.js';
import { quietLogger } from '@pool/testkit';
import { count, sqliteEngine } from './helpers.js';

describe('sqlite:///:memory:', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is one database that every checkout sees', async () => {
    await using engine = sqliteEngine('sqlite:///:memory:');
    await engine.query('CREATE TABLE t (x INTEGER)');
    await engine.query('INSERT INTO t VALUES (1)');
    await using conn = await engine.connect();
    expect((await conn.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }]);
    expect(conn.raw.memory).toBe(true);
  });

  it('stays one connection under concurrency: callers queue for it', async () => {
    await using engine = sqliteEngine('sqlite:///:memory:');
    await engine.query('CREATE TABLE t (pid INTEGER)');
    let mostOpen = 0;
    engine.pool.on('checkout', () => (mostOpen = Math.max(mostOpen, engine.pool.stats().open)));
    const pids = await Promise.all(
      Array.from({ length: 10 }, () =>
        engine.transaction(async (conn) => {
          const pid = await conn.backendPid();
          await conn.query('INSERT INTO t VALUES (?)', [pid]);
          await sleep(2);
          return pid;
        }),
      ),
    );
    expect(new Set(pids).size).toBe(1);
    expect(mostOpen).toBe(1);
    expect(engine.pool.stats()).toMatchObject({ created: 1, closed: 0, open: 1 });
    expect(await count(engine, 'SELECT COUNT(*) AS n FROM t')).toBe(10);
  });

  it('is also what sqlite:// with no path means', async () => {
    await using engine = sqliteEngine('sqlite://');
    await using conn = await engine.connect();
    expect(conn.raw.memory).toBe(true);
    expect(engine.pool.stats().poolSize).toBe(1);
  });

  it('refuses options in code that would open a second connection or close the one', () => {
    expect(() => createEngine('sqlite:///:memory:', { poolSize: 5 })).toThrow(ConfigError);
    expect(() => createEngine('sqlite:///:memory:', { maxOverflow: 10 })).toThrow(/maxOverflow must be 0/);
    expect(() => createEngine('sqlite:///:memory:', { poolRecycle: 3600 })).toThrow(/poolRecycle must be -1/);
    expect(() => createEngine('sqlite:///:memory:', { idleTimeout: 300 })).toThrow(/idleTimeout/);
    expect(() => createEngine('sqlite:///:memory:', { maxUses: 100 })).toThrow(/maxUses/);
  });

  it('overrides pool sizes from the URL and the environment', async () => {
    vi.stubEnv('POOL_SIZE', '7');
    await using engine = createEngine('sqlite:///:memory:?max_overflow=5', { logger: quietLogger() });
    expect(engine.pool.stats()).toMatchObject({ poolSize: 1, maxOverflow: 0 });
  });

  it('is dropped by dispose(): a later connect starts with an empty database', async () => {
    await using engine = sqliteEngine('sqlite:///:memory:');
    await engine.query('CREATE TABLE t (x INTEGER)');
    await engine.dispose();
    await expect(engine.query('SELECT * FROM t')).rejects.toThrow(/no such table/);
  });
});
