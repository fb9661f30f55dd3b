import { quietLogger } from '@pool/testkit';
import { ConfigError } from '@pool/core';
import { createEngine as createSqliteLikeEngine } from '@pool/core';
import { createEngine, MysqlPoolAdapter, toMysqlModule, toMysqlPool } from '@pool/mysql';
import { describe, expect, it } from 'vitest';

// No server: nothing here checks a connection out.
const URL = 'mysql://app:Secret-pw@db.example:3307/shop?timezone=Z';

describe('toMysqlPool without a server', () => {
  it('reports the engine\'s limits as mysql2\'s pool config, without the password', () => {
    const engine = createEngine(URL, { poolSize: 4, maxOverflow: 2, maxWaiting: 9, idleTimeout: 30 });
    const pool = toMysqlPool(engine, { dateStrings: true }) as unknown as MysqlPoolAdapter;
    expect(pool).toBeInstanceOf(MysqlPoolAdapter);
    expect(pool.config).toMatchObject({ connectionLimit: 6, maxIdle: 4, queueLimit: 9, idleTimeout: 30_000, waitForConnections: true });
    expect(pool.config.connectionConfig).toMatchObject({ host: 'db.example', port: 3307, user: 'app', database: 'shop', timezone: 'Z', dateStrings: true, password: undefined });
    expect(JSON.stringify(pool.config)).not.toContain('Secret-pw');
    expect((toMysqlPool(createEngine(URL, { poolSize: 0 })) as unknown as MysqlPoolAdapter).config.connectionLimit).toBe(0);
  });

  it('escapes and formats with the engine\'s timezone and the settings\' stringifyObjects', () => {
    const pool = toMysqlPool(createEngine(URL), { stringifyObjects: true });
    expect(pool.escape(new Date(Date.UTC(2024, 1, 29, 12, 0, 0)))).toBe("'2024-02-29 12:00:00.000'");
    expect(pool.escape({ a: 1 })).toBe("'[object Object]'");
    expect(pool.escapeId('db.t')).toBe('`db`.`t`');
    expect(pool.format('SELECT ?, ??', ['x', 'col'])).toBe("SELECT 'x', `col`");
  });

  it('refuses what is not a MySQL engine, and settings fixed at open that differ from the engine\'s', () => {
    const logger = quietLogger();
    expect(() => toMysqlPool({} as never)).toThrow(ConfigError);
    expect(() => toMysqlPool(createSqliteLikeEngine('postgresql://u@h/d', { logger }))).toThrow(/mysql:\/\/ or mariadb:\/\//);
    const engine = createEngine(URL, { logger });
    expect(() => toMysqlPool(engine, { host: 'other.example' })).toThrow(expect.objectContaining({ option: 'host' }) as Error);
    expect(() => toMysqlPool(engine, { port: 3306 })).toThrow(expect.objectContaining({ option: 'port' }) as Error);
    expect(() => toMysqlPool(engine, { charset: 'latin1' })).toThrow(expect.objectContaining({ option: 'charset' }) as Error);
    expect(() => toMysqlPool(engine, { ssl: {} })).toThrow(expect.objectContaining({ option: 'ssl' }) as Error);
    expect(() => toMysqlPool(engine, { uri: 'mysql://app@db.example:3307/other' })).toThrow(expect.objectContaining({ option: 'database' }) as Error);
    expect(() => toMysqlPool(engine, { uri: 'mysql://app:Other-pw@db.example:3307/shop' })).toThrow(expect.objectContaining({ option: 'password' }) as Error);
    let message = '';
    try {
      toMysqlPool(engine, { uri: 'mysql://app:Other-pw@db.example:3307/shop' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('Other-pw');
    // What a library fills in with the engine's own values, or leaves undefined, passes.
    expect(() => toMysqlPool(engine, { host: 'db.example', port: 3307, user: 'app', password: 'Secret-pw', database: 'shop', charset: undefined, ssl: undefined })).not.toThrow();
  });

  it('warns about settings mysql2 does not know, and ignores the pool sizes and timeouts the engine governs', () => {
    const logger = quietLogger();
    const engine = createEngine(URL, { logger });
    toMysqlPool(engine, { connectionLimit: 100, queueLimit: 3, connectTimeout: 1, enableKeepAlive: false, nonsense: 1 } as never);
    expect(logger.lines).toEqual([expect.stringContaining('nonsense')]);
    expect(logger.lines.join('\n')).not.toContain('connectionLimit');
  });

  it('toMysqlModule: the mysql2 module whose createPool is over the engine (TypeORM\'s driver option)', () => {
    const engine = createEngine(URL);
    const mysql = toMysqlModule(engine);
    const pool = mysql.createPool({ bigNumberStrings: true, supportBigNumbers: true });
    expect(pool).toBeInstanceOf(MysqlPoolAdapter);
    expect(mysql.escape('a')).toBe("'a'");
    expect(() => mysql.createPoolCluster()).toThrow(ConfigError);
  });
});
