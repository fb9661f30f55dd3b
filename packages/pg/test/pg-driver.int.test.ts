import { createEngine as createAnyEngine, isDisconnectError } from '@pool/core';
import type { PgClient, PgRaw } from '@pool/pg';
import { driver } from '@pool/pg';
import { keepAliveTimerOn, pgQuery, pgScope, pgUrl, quietLogger, startPrivatePostgres, uniqueName, waitFor } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { pgTarget } from './pg-target.js';

function localPort(raw: PgClient | PgRaw): number {
  // @types/pg leaves out the client's socket: it is there all the same.
  return (raw as unknown as { connection: { stream: { localPort: number } } }).connection.stream.localPort;
}

describe('pg driver against a real server', () => {
  it('@pool/core finds @pool/pg from the postgres:// and postgresql:// schemes', async () => {
    for (const scheme of ['postgres', 'postgresql']) {
      await using engine = createAnyEngine(pgUrl().replace(/^[a-z]+:/, `${scheme}:`), { logger: quietLogger(), poolSize: 1 });
      expect((await engine.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    }
  });

  it('reads the transaction state from ReadyForQuery: idle, in a transaction, failed transaction', async () => {
    await using engine = pgTarget.createEngine(pgUrl(), { poolSize: 1 });
    await using conn = await engine.connect();
    expect(driver.inTransaction?.(conn.raw)).toBe(false);
    await conn.query('BEGIN');
    expect(driver.inTransaction?.(conn.raw)).toBe(true);
    await expect(conn.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    expect(driver.inTransaction?.(conn.raw)).toBe(true);
    await conn.query('ROLLBACK');
    expect(driver.inTransaction?.(conn.raw)).toBe(false);
  });

  it('URL parameters reach node-postgres: application_name and options', async () => {
    await using scope = await pgScope(pgUrl());
    const name = uniqueName('pool_app');
    const url = `${pgUrl()}${pgUrl().includes('?') ? '&' : '?'}application_name=${name}&options=${encodeURIComponent('-c search_path=pool_nowhere,public')}`;
    await using engine = pgTarget.createEngine(url, { poolSize: 1 });
    await using conn = await engine.connect();
    const pid = await conn.backendPid();
    const rows = await scope.admin('SELECT application_name FROM pg_stat_activity WHERE pid = $1', [pid]);
    expect(rows).toEqual([{ application_name: name }]);
    expect((await conn.query('SHOW search_path')).rows).toEqual([{ search_path: 'pool_nowhere,public' }]);
  });

  it('sslmode from the URL is understood: require against a server without TLS fails to connect', async () => {
    await using server = await startPrivatePostgres();
    await using engine = pgTarget.createEngine(`${server.url}?sslmode=require`, { poolSize: 1, connectTimeout: 5 });
    await expect(engine.connect()).rejects.toMatchObject({ code: 'POOL_CONNECT', cause: { message: expect.stringMatching(/does not support SSL/i) as unknown } });
  });

  it('a unix socket given as ?host=/dir reaches the server without TCP', async () => {
    await using server = await startPrivatePostgres();
    const [settings] = await pgQuery(server.url, 'SHOW unix_socket_directories');
    const socketDir = String(settings?.unix_socket_directories);
    await using engine = pgTarget.createEngine(`postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}&port=${server.port}`, { poolSize: 1 });
    const { rows } = await engine.query('SELECT client_addr IS NULL AS local FROM pg_stat_activity WHERE pid = pg_backend_pid()');
    expect(rows).toEqual([{ local: true }]);
  });

  it('connectArgs reach the client: statement_timeout applies, and a timed-out statement keeps its connection', async () => {
    await using engine = pgTarget.createEngine(pgUrl(), { poolSize: 1, maxOverflow: 0, connectArgs: { statement_timeout: 200 } });
    await using conn = await engine.connect();
    const pid = await conn.backendPid();
    expect((await conn.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '200ms' }]);
    const error: unknown = await conn.query('SELECT pg_sleep(2)').catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: '57014' });
    expect(isDisconnectError(error)).toBe(false);
    expect(conn.released).toBe(false);
    expect(await conn.backendPid()).toBe(pid);
  });

  it('tcpKeepAlive sets SO_KEEPALIVE on the socket, and tcpKeepAlive: false does not', async () => {
    for (const tcpKeepAlive of [true, false]) {
      await using engine = pgTarget.createEngine(pgUrl(), { poolSize: 1, tcpKeepAlive });
      await using conn = await engine.connect();
      expect(keepAliveTimerOn(localPort(conn.raw))).toBe(tcpKeepAlive);
    }
  });

  it('ping rejects with a disconnect error once the session is gone, and close() still resolves', async () => {
    await using scope = await pgScope(pgUrl());
    await using engine = pgTarget.createEngine(scope.url, { poolSize: 1 });
    const conn = await engine.connect();
    const raw = conn.raw;
    await scope.kill!(await conn.backendPid());
    await waitFor(async () => (await scope.sessions!()).length === 0, { what: 'the session to end' });
    const error: unknown = await driver.ping(raw).catch((thrown: unknown) => thrown);
    expect(driver.isDisconnect(error)).toBe(true);
    await conn.invalidate('test');
    await expect(driver.close(raw)).resolves.toBeUndefined();
  });
});
