// The errors a user of the published packages sees, checked from outside the workspace (compiled
// with tsc --strict in the consumer project and run against the test servers). PG_TEST_URL,
// MYSQL_TEST_URL: the scratch databases; the working directory is a fresh one for SQLite files.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import { ConfigError, ConnectError, createEngine, DatabaseUrl, retry } from '@pool/core';
import { createEngine as mysqlEngine } from '@pool/mysql';
import { createEngine as pgEngine } from '@pool/pg';
import { createEngine as sqliteEngine } from '@pool/sqlite';

const PG = process.env.PG_TEST_URL!;
const MYSQL = process.env.MYSQL_TEST_URL!;
let checks = 0;

/** What an error shows: message, stack, util.inspect (the whole cause chain) and every cause. */
function printed(error: unknown): string {
  const out: string[] = [];
  for (let link = error, depth = 0; link instanceof Error && depth < 10; depth++) {
    out.push(link.message, link.stack ?? '', inspect(link, { depth: 10 }));
    link = link.cause;
  }
  return out.join('\n');
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

function check(name: string, run: () => void | Promise<void>): Promise<void> {
  return Promise.resolve(run()).then(() => {
    checks++;
    console.log(`  ok  ${name}`);
  });
}

await check('URL errors never show the password, whatever the shape', () => {
  const secret = 'Hu7nter-Sx9q';
  const shapes = [
    `postgresql//root:${secret}@127.0.0.1/test`, `postgresql:/root:${secret}@127.0.0.1/test`, `postgresql:root:${secret}@127.0.0.1/test`,
    `root:${secret}@127.0.0.1/test`, `"postgresql://root:${secret}@127.0.0.1/test"`, `postgresql://root:${secret}@127.0.0.1:54x32/test`,
    `postgresql://root:${secret}@[::1/test`, `postgresql://root:hun/${secret}@127.0.0.1/test`, `postgresql://root:hun?${secret}@127.0.0.1/test`,
    `postgresql://root:hun#${secret}%zz@127.0.0.1/test`, `mysql://root:hun ${secret}%@127.0.0.1/test`, `postgresql://root:${secret}/test`,
  ];
  for (const url of shapes) {
    for (const make of [() => DatabaseUrl.parse(url), () => createEngine(url), () => pgEngine(url), () => mysqlEngine(url), () => sqliteEngine(url)]) {
      const error = thrown(make);
      assert.ok(error instanceof ConfigError, `${String(error)} for a malformed URL`);
      for (const piece of [secret, 'Hu7n', 'Sx9q']) assert.ok(!printed(error).includes(piece), `"${piece}" shown by: ${String(error)}`);
    }
  }
});

await check('a URL in quotes: an error that says to remove them', () => {
  const error = thrown(() => createEngine('"postgresql://root:pw@db/test"'));
  assert.match(String(error), /wrapped in quotes .*remove them/);
});

await check('@pool/pg given a mysql:// URL with minSize 2: ConfigError, no socket opened', async () => {
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  try {
    const error = thrown(() => pgEngine(`mysql://root@127.0.0.1:${port}/test`, { minSize: 2 }));
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /@pool\/pg needs a postgres:\/\/ or postgresql:\/\/ URL, got mysql:/);
    assert.ok(thrown(() => mysqlEngine(`postgresql://root@127.0.0.1:${port}/test`, { minSize: 2 })) instanceof ConfigError);
    await sleep(200);
    assert.equal(accepted, 0);
  } finally {
    server.close();
  }
});

await check('mistyped driver settings: ConfigError from createEngine, with a suggestion', () => {
  mkdirSync('data', { recursive: true });
  assert.match(String(thrown(() => sqliteEngine('sqlite:///data/app.db?jornal_mode=wal'))), /ConfigError: .*unknown URL parameter "jornal_mode" \(did you mean journal_mode\?\)/);
  assert.match(String(thrown(() => pgEngine(`${PG}?aplication_name=api`))), /ConfigError: .*did you mean application_name\?/);
  assert.match(String(thrown(() => mysqlEngine(`${MYSQL}?charset=utf8mb5`))), /ConfigError: .*Unknown charset 'utf8mb5'/);
  assert.match(String(thrown(() => mysqlEngine(MYSQL, { connectArgs: { multipleStatement: true } }))), /ConfigError: .*did you mean multipleStatements\?/);
});

await check("through @pool/core's createEngine: a ConfigError at connect, which retry() does not retry", async () => {
  for (const url of ['sqlite:///data/app.db?jornal_mode=wal', `${PG}?aplication_name=api`, `${MYSQL}?charset=utf8mb5`]) {
    await using engine = createEngine(url, { minSize: 0 });
    let attempts = 0;
    const error = await retry(async () => {
      attempts++;
      return engine.query('SELECT 1');
    }, { maxFailures: 3, interval: 0.01 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof ConfigError && !(error instanceof ConnectError), `${String(error)} for ${url}`);
    assert.equal(attempts, 1);
  }
});

await check("sqlite:///:memory: through @pool/core is one shared connection, as through @pool/sqlite", async () => {
  for (const make of [() => createEngine('sqlite:///:memory:'), () => sqliteEngine('sqlite:///:memory:')]) {
    await using engine = make();
    await engine.query('CREATE TABLE notes (body TEXT)');
    await engine.query("INSERT INTO notes VALUES ('kept')");
    const results = await Promise.all([1, 2, 3].map(() => engine.query('SELECT body FROM notes')));
    assert.deepEqual(results.map((result) => result.rows), [[{ body: 'kept' }], [{ body: 'kept' }], [{ body: 'kept' }]]);
  }
});

await check('a missing directory for a SQLite file is named as an absolute path', async () => {
  await using engine = sqliteEngine('sqlite:///no-such-dir/app.db');
  const error = await engine.connect().catch((caught: unknown) => caught);
  assert.ok(error instanceof ConnectError);
  assert.ok(error.message.includes(`the directory ${join(resolve('.'), 'no-such-dir')} does not exist`), error.message);
});

await check('refused credentials: ConnectError naming the server, no password anywhere', async () => {
  for (const [base, make] of [[PG, pgEngine], [MYSQL, mysqlEngine]] as const) {
    const url = DatabaseUrl.parse(base).with({ username: 'pool_no_such_user', password: 'Wr0ng-Pa55-Zq8' });
    await using engine = make(url.render({ hidePassword: false }), { connectTimeout: 5 });
    const error = await engine.connect().catch((caught: unknown) => caught);
    assert.ok(error instanceof ConnectError, String(error));
    assert.match(error.message, /Could not connect to \w+:\/\/pool_no_such_user:\*\*\*@/);
    for (const piece of ['Wr0ng-Pa55-Zq8', 'Pa55']) assert.ok(!printed(error).includes(piece), `password shown by ${String(error)}`);
  }
});

console.log(`shipped errors: ${checks} checks passed`);
