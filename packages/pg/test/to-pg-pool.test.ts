import pg from 'pg';
import { ConfigError, createEngine as createAnyEngine } from '@pool/core';
import type { Driver } from '@pool/core';
import type { PgClient } from '@pool/pg';
import { createEngine, driver, toPgPool } from '@pool/pg';
import { describe, expect, it } from 'vitest';

describe('toPgPool: what it accepts', () => {
  it('refuses an engine on another driver, naming the option', () => {
    const mysql = createAnyEngine('mysql://root@127.0.0.1/test') as never;
    expect(() => toPgPool(mysql)).toThrow(ConfigError);
    expect(() => toPgPool(mysql)).toThrow(/toPgPool needs an engine on @pool\/pg's node-postgres driver, got a mysql:\/\/ engine/);
    // A driver of its own (a wrapper, say) is not node-postgres as far as the facade can tell.
    const methods = ['connect', 'close', 'ping', 'query', 'begin', 'commit', 'rollback', 'backendPid', 'isDisconnect'] as const;
    const other = Object.fromEntries(methods.map((name) => [name, (...args: never[]) => (driver[name] as (...a: never[]) => unknown)(...args)]));
    const custom = createAnyEngine<PgClient>('postgresql://u@h/d', { driver: { ...other, name: 'other' } as unknown as Driver<PgClient> });
    expect(() => toPgPool(custom)).toThrow(/whose driver is other/);
  });

  it('refuses a pg option that is not the node-postgres module', () => {
    const engine = createEngine('postgresql://u@h/d');
    expect(() => toPgPool(engine, { pg: {} as never })).toThrow(expect.objectContaining({ code: 'POOL_CONFIG', option: 'pg' }) as Error);
    expect(() => createEngine('postgresql://u@h/d', { pg: 42 as never })).toThrow(expect.objectContaining({ option: 'pg' }) as Error);
  });

  it('makes one facade class per pg module: every facade over it shares it, named with Pool', () => {
    const a = toPgPool(createEngine('postgresql://u@h/a'), { pg });
    const b = toPgPool(createEngine('postgresql://u@h/b'), { pg });
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    expect(a.constructor.name).toBe('PgEnginePool');
    expect(a).toBeInstanceOf(pg.Pool);
  });

  it('an engine found by scheme (no driver option) is accepted, with no connection opened', () => {
    const engine = createAnyEngine<PgClient>('postgres://u@h/d');
    const pool = toPgPool(engine);
    expect(pool.engine).toBe(engine);
    expect([pool.totalCount, pool.idleCount, pool.waitingCount, pool.expiredCount]).toEqual([0, 0, 0, 0]);
    expect([pool.ending, pool.ended]).toEqual([false, false]);
  });
});
