import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DatabaseUrl } from '@pool/core';
import type { DriverConnectOptions } from '@pool/core';
import { createEngine, mysqlConnectConfig } from '@pool/mysql';
import { describe, expect, it } from 'vitest';

function config(url: string, options: Partial<DriverConnectOptions> = {}): ReturnType<typeof mysqlConnectConfig> {
  const connect: DriverConnectOptions = { connectTimeout: 10, tcpKeepAlive: true, connectArgs: {}, signal: new AbortController().signal, ...options };
  return mysqlConnectConfig(DatabaseUrl.parse(url), connect);
}

describe('mysqlConnectConfig', () => {
  it('takes user, password, host, port and database from the URL, decoded', () => {
    expect(config('mysql://app:p%40ss%3Aw@db.example:3307/shop').options).toMatchObject({
      user: 'app', password: 'p@ss:w', host: 'db.example', port: 3307, database: 'shop',
    });
  });

  it('maps connectTimeout and tcpKeepAlive to mysql2 options', () => {
    expect(config('mysql://h/d', { connectTimeout: 2.5, tcpKeepAlive: false }).options).toMatchObject({ connectTimeout: 2500, enableKeepAlive: false });
  });

  it('reads unix_socket, application_name and typed mysql2 options from the URL', () => {
    expect(config('mysql://u@localhost/d?unix_socket=%2Frun%2Fmysqld%2Fmysqld.sock&application_name=shop&dateStrings=true&charset=utf8mb4').options).toMatchObject({
      socketPath: '/run/mysqld/mysqld.sock', connectAttributes: { program_name: 'shop' }, dateStrings: true, charset: 'utf8mb4',
    });
  });

  it('builds the ssl option from ssl, ssl_ca and ssl_verify_cert', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pool-mysql-ssl-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), 'CA');
      expect(config(`mysql://h/d?ssl_ca=${encodeURIComponent(join(dir, 'ca.pem'))}&ssl_verify_cert=false`).options.ssl).toEqual({ ca: 'CA', rejectUnauthorized: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(config('mysql://h/d?ssl=true').options.ssl).toEqual({});
    expect(config('mysql://h/d?ssl=Amazon%20RDS').options.ssl).toBe('Amazon RDS');
    expect(config('mysql://h/d?ssl=false').options).not.toHaveProperty('ssl');
  });

  it('lets connectArgs win, and takes sessionVariables out for SET SESSION', () => {
    const result = config('mysql://u@h/d?charset=latin1', { connectArgs: { charset: 'utf8mb4', sessionVariables: { max_statement_time: 5 } } });
    expect(result.options).toMatchObject({ charset: 'utf8mb4' });
    expect(result.options).not.toHaveProperty('sessionVariables');
    expect(result.sessionVariables).toEqual({ max_statement_time: 5 });
  });

  it('refuses a session variable name that is not one', () => {
    expect(() => config('mysql://h/d', { connectArgs: { sessionVariables: { 'x = 1; DROP TABLE t; --': 1 } } })).toThrow(TypeError);
  });
});

describe("@pool/mysql's createEngine", () => {
  it('is bound to the mysql driver', () => {
    expect(createEngine('mariadb://u@h/d').options.driver?.name).toBe('mysql');
  });

  it('refuses a URL for another database', () => {
    expect(() => createEngine('postgresql://u@h/d')).toThrow(ConfigError);
  });
});
