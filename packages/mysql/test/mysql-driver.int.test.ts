import { createEngine as createAnyEngine, isDisconnectError } from '@pool/core';
import type { MysqlRaw } from '@pool/mysql';
import { driver } from '@pool/mysql';
import { keepAliveTimerOn, mysqlQuery, mysqlScope, mysqlUrl, quietLogger, startPrivateMariadb } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { mysqlTarget } from './mysql-target.js';

/** Run SQL straight on the mysql2 connection, past the driver, as an application may. */
function rawQuery(raw: MysqlRaw, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) => raw.query(sql, (error, result) => (error ? reject(error) : resolve(result))));
}

function withQuery(url: string, query: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

describe('mysql driver against a real server', () => {
  it('@pool/core finds @pool/mysql from the mysql:// and mariadb:// schemes', async () => {
    for (const scheme of ['mysql', 'mariadb']) {
      await using engine = createAnyEngine(mysqlUrl().replace(/^[a-z]+:/, `${scheme}:`), { logger: quietLogger(), poolSize: 1 });
      expect((await engine.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    }
  });

  it('reads the transaction state from the server status flags, whoever sent the statement', async () => {
    await using engine = mysqlTarget.createEngine(mysqlUrl(), { poolSize: 1 });
    await using conn = await engine.connect();
    // Fresh: init_connect may have run, so the state is unknown until the server says.
    expect(driver.inTransaction?.(conn.raw)).toBeUndefined();
    await conn.query('START TRANSACTION');
    expect(driver.inTransaction?.(conn.raw)).toBe(true);
    await conn.query('SELECT 1');
    expect(driver.inTransaction?.(conn.raw)).toBe(true);
    await conn.query('COMMIT');
    expect(driver.inTransaction?.(conn.raw)).toBe(false);
    await conn.query('SELECT 1');
    expect(driver.inTransaction?.(conn.raw)).toBe(false);
    await rawQuery(conn.raw, 'BEGIN');
    expect(driver.inTransaction?.(conn.raw)).toBe(true);
    await rawQuery(conn.raw, 'ROLLBACK');
    expect(driver.inTransaction?.(conn.raw)).toBe(false);
    await conn.query('SET autocommit = 0');
    expect(driver.inTransaction?.(conn.raw)).toBe(false);
    // With autocommit off a SELECT opens a transaction, and its EOF packet is not visible: unknown.
    await conn.query('SELECT 1');
    expect(driver.inTransaction?.(conn.raw)).toBeUndefined();
    await conn.query('SET autocommit = 1');
  });

  it('a transaction opened on conn.raw, past the driver, is still rolled back on return', async () => {
    await using scope = await mysqlScope(mysqlUrl());
    const table = await scope.createTable();
    await using engine = mysqlTarget.createEngine(scope.url, { poolSize: 1, maxOverflow: 0 });
    {
      await using conn = await engine.connect();
      await conn.query('SELECT 1');
      await rawQuery(conn.raw, 'START TRANSACTION');
      await rawQuery(conn.raw, `INSERT INTO ${table} VALUES (2, 'two')`);
    }
    await using next = await engine.connect();
    expect((await next.query(`SELECT count(*) AS n FROM ${table}`)).rows).toEqual([{ n: 1 }]);
  });

  it('autocommit turned off is not trusted: the connection is reset on return', async () => {
    await using scope = await mysqlScope(mysqlUrl());
    const table = await scope.createTable();
    await using engine = mysqlTarget.createEngine(scope.url, { poolSize: 1, maxOverflow: 0 });
    {
      await using conn = await engine.connect();
      await conn.query('SET autocommit = 0');
      await conn.query(`SELECT v FROM ${table} WHERE id = 1 FOR UPDATE`);
    }
    // The row lock taken by that implicit transaction is gone.
    await expect(scope.admin(`SELECT v FROM ${table} WHERE id = 1 FOR UPDATE NOWAIT`)).resolves.toEqual([{ v: 'one' }]);
  });

  it('sessionVariables in connectArgs are set on every new connection', async () => {
    await using engine = mysqlTarget.createEngine(mysqlUrl(), { poolSize: 1, connectArgs: { sessionVariables: { wait_timeout: 1234, sql_mode: 'ANSI_QUOTES' } } });
    const { rows } = await engine.query('SELECT @@SESSION.wait_timeout AS wait, @@SESSION.sql_mode AS mode');
    expect(rows).toEqual([{ wait: 1234, mode: 'ANSI_QUOTES' }]);
  });

  it('mysql2 options pass through from the URL and connectArgs (dateStrings, multipleStatements)', async () => {
    await using engine = mysqlTarget.createEngine(withQuery(mysqlUrl(), 'dateStrings=true'), { poolSize: 1, connectArgs: { multipleStatements: true } });
    const { rows } = await engine.query("SELECT 1 AS one; SELECT DATE('2024-02-29') AS d; DO 0");
    expect(rows).toEqual([{ d: '2024-02-29' }]);
  });

  it('a unix socket given as ?unix_socket= reaches the server', async () => {
    await using server = await startPrivateMariadb();
    const [row] = await mysqlQuery(server.url, 'SELECT @@socket AS socket');
    await using engine = mysqlTarget.createEngine(`mysql://root@localhost/test?unix_socket=${encodeURIComponent(String(row?.socket))}`, { poolSize: 1 });
    const { rows } = await engine.query("SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()");
    expect(rows).toEqual([{ host: 'localhost' }]);
  });

  it('tcpKeepAlive sets SO_KEEPALIVE on the socket, and tcpKeepAlive: false does not', async () => {
    for (const tcpKeepAlive of [true, false]) {
      await using engine = mysqlTarget.createEngine(mysqlUrl(), { poolSize: 1, tcpKeepAlive });
      await using conn = await engine.connect();
      // mysql2's typings leave out the socket: it is there all the same.
      const port = (conn.raw as unknown as { stream: { localPort: number } }).stream.localPort;
      expect(keepAliveTimerOn(port)).toBe(tcpKeepAlive);
    }
  });

  it('KILL QUERY interrupts the statement but not the session: no disconnect, same connection after', async () => {
    await using scope = await mysqlScope(mysqlUrl());
    await using engine = mysqlTarget.createEngine(scope.url, { poolSize: 1, maxOverflow: 0 });
    await using conn = await engine.connect();
    const pid = await conn.backendPid();
    // The outcome is settled as soon as the statement ends, so an early error is never unhandled.
    // MariaDB answers a killed SLEEP() with 1 (interrupted) rather than an error; either way the session lives.
    const running: Promise<unknown> = conn.query('SELECT SLEEP(5) AS slept').then((result) => result.rows, (error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await scope.admin(`KILL QUERY ${pid}`);
    const outcome = await running;
    expect(isDisconnectError(outcome)).toBe(false);
    expect(conn.released).toBe(false);
    expect(await conn.backendPid()).toBe(pid);
    expect((await conn.query('SELECT CONNECTION_ID() AS id')).rows).toEqual([{ id: pid }]);
  });
});
