import { ConfigError, DatabaseUrl } from '@pool/core';
import type { DriverConnectOptions } from '@pool/core';
import { createEngine, pgClientConfig } from '@pool/pg';
import { describe, expect, it } from 'vitest';
import { loadPg } from '../src/internal/load-pg.js';

const { parseConnectionString } = loadPg();

function config(url: string, options: Partial<DriverConnectOptions> = {}): Record<string, unknown> {
  const connect: DriverConnectOptions = { connectTimeout: 10, tcpKeepAlive: true, connectArgs: {}, signal: new AbortController().signal, ...options };
  return pgClientConfig(DatabaseUrl.parse(url), connect, parseConnectionString);
}

describe('pgClientConfig', () => {
  it('takes user, password, host, port and database from the URL, decoded', () => {
    expect(config('postgresql://app:p%40ss%3Aw@db.example:6543/shop')).toMatchObject({
      user: 'app', password: 'p@ss:w', host: 'db.example', port: '6543', database: 'shop',
    });
  });

  it('leaves absent parts to node-postgres (PG* variables, defaults)', () => {
    const result = config('postgresql://db.example/shop');
    expect(result).not.toHaveProperty('user');
    expect(result).not.toHaveProperty('password');
    expect(result).not.toHaveProperty('port');
  });

  it('maps connectTimeout and tcpKeepAlive to node-postgres options', () => {
    expect(config('postgresql://h/d', { connectTimeout: 2.5, tcpKeepAlive: false })).toMatchObject({ connectionTimeoutMillis: 2500, keepAlive: false });
  });

  it('passes URL parameters through as node-postgres reads them: a socket directory, application_name, sslmode', () => {
    expect(config('postgresql://u@/d?host=%2Frun%2Fpostgresql&application_name=shop&sslmode=disable')).toMatchObject({
      host: '/run/postgresql', application_name: 'shop', ssl: false,
    });
  });

  it('lets connectArgs win over the URL', () => {
    const ssl = { rejectUnauthorized: false };
    expect(config('postgresql://u:p@h/d?application_name=url&sslmode=disable', { connectArgs: { application_name: 'args', ssl, password: 'fromArgs' } })).toMatchObject({
      application_name: 'args', ssl, password: 'fromArgs',
    });
  });

  it('adds nothing to the startup packet the user did not ask for', () => {
    const keys = Object.keys(config('postgresql://u@h/d'));
    expect(keys.sort()).toEqual(['connectionTimeoutMillis', 'database', 'host', 'keepAlive', 'user']);
  });
});

describe("@pool/pg's createEngine", () => {
  it('is bound to the pg driver', () => {
    expect(createEngine('postgresql://u@h/d').options.driver?.name).toBe('pg');
  });

  it('refuses a URL for another database', () => {
    expect(() => createEngine('mysql://u@h/d')).toThrow(ConfigError);
  });
});
