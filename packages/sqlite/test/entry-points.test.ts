import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ConnectError, createEngine as createCoreEngine, retry } from '@pool/core';
import { quietLogger } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/index.js';
import { tempFolder } from './helpers.js';

// One behaviour whichever createEngine makes the engine: @pool/sqlite's (driver given) or
// @pool/core's (driver found by the sqlite:// scheme at the first connect).
describe('@pool/sqlite and @pool/core give one SQLite behaviour', () => {
  it('sqlite:///:memory: through @pool/core is one shared connection: every checkout sees the same tables', async () => {
    await using engine = createCoreEngine('sqlite:///:memory:', { logger: quietLogger() });
    expect(engine.pool.stats()).toMatchObject({ poolSize: 1, maxOverflow: 0 });
    await engine.query('CREATE TABLE notes (body TEXT)');
    await engine.query("INSERT INTO notes VALUES ('kept')");
    const seen = await Promise.all([1, 2, 3].map(() => engine.query('SELECT body FROM notes')));
    expect(seen.map((result) => result.rows)).toEqual([[{ body: 'kept' }], [{ body: 'kept' }], [{ body: 'kept' }]]);
    expect(engine.pool.stats().created).toBe(1);
  });

  it('@pool/core refuses, as @pool/sqlite does, options that would give :memory: a second connection', () => {
    expect(() => createCoreEngine('sqlite:///:memory:', { poolSize: 5 })).toThrow(/poolSize must be 1 or left out, got 5/);
    expect(() => createEngine('sqlite:///:memory:', { poolSize: 5 })).toThrow(/poolSize must be 1 or left out, got 5/);
  });

  it('a mistyped URL parameter is a ConfigError from @pool/sqlite createEngine, before any connection', () => {
    using tmp = tempFolder();
    let caught: unknown;
    try {
      createEngine(tmp.url('app.db', 'jornal_mode=wal'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect(caught).toMatchObject({ option: 'url', message: expect.stringMatching(/unknown URL parameter "jornal_mode" \(did you mean journal_mode\?\)/) as unknown });
  });

  it('through @pool/core it is a ConfigError at connect (the driver loads then), never a ConnectError, and retry() does not retry it', async () => {
    using tmp = tempFolder();
    await using engine = createCoreEngine(tmp.url('app.db', 'jornal_mode=wal'), { logger: quietLogger() });
    let attempts = 0;
    const failure = await retry(async () => {
      attempts++;
      return engine.query('SELECT 1');
    }, { maxFailures: 5, interval: 0.001 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure).not.toBeInstanceOf(ConnectError);
    expect(attempts).toBe(1);
    expect(engine.pool.stats()).toMatchObject({ open: 0, created: 0 });
  });

  it('bad connectArgs are ConfigErrors naming the key', () => {
    expect(() => createEngine('sqlite:///:memory:', { connectArgs: { jurnalMode: 'wal' } })).toThrow(/unknown connectArgs key "jurnalMode" \(did you mean journalMode\?\)/);
    expect(() => createEngine('sqlite:///:memory:', { connectArgs: { timeout: 'soon' } })).toThrow(expect.objectContaining({ option: 'connectArgs' }));
  });

  it('a missing directory is named, as an absolute path, and the engine works once it exists', async () => {
    using tmp = tempFolder();
    const directory = join(tmp.dir, 'data');
    await using engine = createEngine(`sqlite:///${join(directory, 'app.db')}`, { logger: quietLogger() });
    await expect(engine.connect()).rejects.toThrow(`the directory ${directory} does not exist`);
    mkdirSync(directory);
    // Callers fail at once with the last ConnectError until the pool's next probe finds the
    // directory (SPEC §4), so the user's retry() carries the next query through.
    await expect(retry(() => engine.query('SELECT 1 AS one'), { maxFailures: 50, interval: 0.05, backoff: 1 })).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  it('names the absolute directory for a relative URL too', async () => {
    await using engine = createEngine('sqlite:///no-such-directory-for-pool-tests/app.db', { logger: quietLogger() });
    await expect(engine.connect()).rejects.toThrow(`the directory ${join(process.cwd(), 'no-such-directory-for-pool-tests')} does not exist`);
  });
});
