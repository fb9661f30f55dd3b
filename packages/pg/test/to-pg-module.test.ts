import pg from 'pg';
import { ConfigError } from '@pool/core';
import { createEngine, pgPoolConfigParts, toPgModule } from '@pool/pg';
import { describe, expect, it } from 'vitest';

describe('pgPoolConfigParts: a pg.Pool config in engine terms', () => {
  it('takes the URL from connectionString, or from host, port, user, password and database', () => {
    expect(pgPoolConfigParts({ connectionString: 'postgresql://app:s3cret@db:6432/shop?application_name=x' }).url.render({ hidePassword: false }))
      .toBe('postgresql://app:s3cret@db:6432/shop?application_name=x');
    const parts = pgPoolConfigParts({ host: 'db', port: '6432', user: 'app', password: 'p@ss', database: 'shop' });
    expect(parts.url.render({ hidePassword: false })).toBe('postgresql://app:p%40ss@db:6432/shop');
    expect(String(parts.url)).not.toContain('p@ss');
    expect(pgPoolConfigParts({ host: '/run/postgresql', database: 'shop' }).url.render()).toBe('postgresql:///shop?host=%2Frun%2Fpostgresql');
    expect(pgPoolConfigParts({}).url.render()).toBe('postgresql://');
  });

  it('makes every other Client setting a connectArg, skipping undefined ones', () => {
    const types = { getTypeParser: () => String };
    const { connectArgs } = pgPoolConfigParts({ ssl: { rejectUnauthorized: false }, types, application_name: 'orm', statement_timeout: 500, host: 'h', max: 3, keepAlive: undefined });
    expect(connectArgs).toEqual({ ssl: { rejectUnauthorized: false }, types, application_name: 'orm', statement_timeout: 500 });
  });

  it("maps pg-pool's limits: max is poolSize with no overflow, timeouts in seconds, 0 means off", () => {
    expect(pgPoolConfigParts({ max: 7, min: 2, idleTimeoutMillis: 5000, connectionTimeoutMillis: 1500, maxUses: 100, maxLifetimeSeconds: 60 }).poolOptions).toEqual({
      poolSize: 7, maxOverflow: 0, minSize: 2, idleTimeout: 5, connectTimeout: 1.5, poolTimeout: 1.5, maxUses: 100, poolRecycle: 60,
    });
    expect(pgPoolConfigParts({ max: undefined, idleTimeoutMillis: 0, connectionTimeoutMillis: 0, maxUses: Infinity }).poolOptions).toEqual({});
  });

  it('refuses what it cannot honour, naming the option', () => {
    expect(() => pgPoolConfigParts({ max: 'lots' })).toThrow(expect.objectContaining({ option: 'max' }) as Error);
    expect(() => pgPoolConfigParts({ onConnect: () => undefined })).toThrow(expect.objectContaining({ option: 'onConnect' }) as Error);
    expect(() => pgPoolConfigParts({ Client: class {} })).toThrow(expect.objectContaining({ option: 'Client' }) as Error);
    expect(() => pgPoolConfigParts({ password: () => 'x' })).toThrow(expect.objectContaining({ option: 'password' }) as Error);
    expect(() => pgPoolConfigParts({ port: 'x' })).toThrow(ConfigError);
    expect(pgPoolConfigParts({ Client: pg.Client }, pg.Client).connectArgs).toEqual({});
  });
});

describe('toPgModule', () => {
  it("is the node-postgres module with Pool replaced: the same Client, types and helpers, and no native", () => {
    const mod = toPgModule({}, { pg });
    expect(Object.getPrototypeOf(mod)).toBe(pg);
    expect([mod.Client, mod.types, mod.escapeLiteral]).toEqual([pg.Client, pg.types, pg.escapeLiteral]);
    expect((mod as { native?: unknown }).native).toBeNull();
    const pool = new mod.Pool('postgresql://u@h/d');
    expect(pool).toBeInstanceOf(pg.Pool);
    expect(pool.constructor.name).toBe('Pool');
  });

  it('over engine options, each new Pool(config) makes an engine from the config, the options laid over it', () => {
    const mod = toPgModule({ prePing: true, poolSize: 4, connectArgs: { statement_timeout: 100 } }, { pg });
    const pool = new mod.Pool({ connectionString: 'postgresql://app@db/shop', max: 9, application_name: 'orm', statement_timeout: 5 });
    expect(pool.engine.options).toMatchObject({ prePing: true, poolSize: 4, maxOverflow: 0, connectArgs: { application_name: 'orm', statement_timeout: 100 } });
    expect(pool.engine.url.render()).toBe('postgresql://app@db/shop');
    expect(new mod.Pool({}).engine).not.toBe(pool.engine);
  });

  it('over an engine, refuses Client settings its connections do not have, and ignores the pool limits', () => {
    const engine = createEngine('postgresql://app@db:5432/shop?application_name=api');
    const mod = toPgModule(engine, { pg });
    expect(new mod.Pool({ max: 50, idleTimeoutMillis: 1 }).engine).toBe(engine);
    expect(new mod.Pool({ connectionString: 'postgresql://app@db:5432/shop?application_name=api', user: 'app', host: undefined }).engine).toBe(engine);
    expect(() => new mod.Pool({ ssl: { rejectUnauthorized: false } })).toThrow(expect.objectContaining({ option: 'ssl' }) as Error);
    expect(() => new mod.Pool('postgresql://app@elsewhere/shop')).toThrow(/given host/);
  });
});
