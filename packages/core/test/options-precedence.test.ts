import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../src/index.js';
import type { EngineOptions } from '../src/index.js';
import { FakeDriver } from './fake-driver.js';

const driver = new FakeDriver();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('option resolution: code > URL query > POOL_* environment > default', () => {
  it('uses the defaults of SPEC §3', () => {
    const { options } = createEngine('fake://db/x', { driver });
    expect(options).toMatchObject({
      poolSize: 5, maxOverflow: 10, poolTimeout: 30, poolRecycle: -1, prePing: false, prePingBypass: 0.5,
      resetOnReturn: 'rollback', poolUseLifo: false, minSize: 0, idleTimeout: -1, maxUses: 0, keepalive: -1,
      tcpKeepAlive: true, connectTimeout: 10, maxWaiting: 0, leakDetection: -1, echoPool: false, connectArgs: {},
    });
  });

  it('reads the environment when neither code nor URL say', () => {
    vi.stubEnv('POOL_SIZE', '7');
    vi.stubEnv('POOL_MAX_OVERFLOW', '-1');
    vi.stubEnv('POOL_TIMEOUT', '2.5');
    vi.stubEnv('POOL_RECYCLE', '3600');
    vi.stubEnv('POOL_PRE_PING', 'TRUE');
    vi.stubEnv('POOL_RESET_ON_RETURN', 'commit');
    vi.stubEnv('POOL_USE_LIFO', '1');
    vi.stubEnv('POOL_TCP_KEEPALIVE', 'false');
    vi.stubEnv('POOL_MIN_SIZE', '2');
    vi.stubEnv('POOL_LEAK_DETECTION', '30');
    const { options } = createEngine('fake://db/x', { driver });
    expect(options).toMatchObject({
      poolSize: 7, maxOverflow: -1, poolTimeout: 2.5, poolRecycle: 3600, prePing: true,
      resetOnReturn: 'commit', poolUseLifo: true, tcpKeepAlive: false, minSize: 2, leakDetection: 30,
    });
  });

  it('lets the URL query override the environment, and code override both', () => {
    vi.stubEnv('POOL_SIZE', '7');
    vi.stubEnv('POOL_PRE_PING', 'false');
    const fromUrl = createEngine('fake://db/x?pool_size=3&pre_ping=true&max_overflow=0', { driver });
    expect(fromUrl.options).toMatchObject({ poolSize: 3, prePing: true, maxOverflow: 0 });
    const fromCode = createEngine('fake://db/x?pool_size=3&pre_ping=true', { driver, poolSize: 9, prePing: false });
    expect(fromCode.options).toMatchObject({ poolSize: 9, prePing: false });
  });

  it('treats an empty environment variable as unset', () => {
    vi.stubEnv('POOL_SIZE', '');
    expect(createEngine('fake://db/x', { driver }).options.poolSize).toBe(5);
  });

  it('passes URL parameters that are not pool options to the driver untouched, and removes the pool ones', async () => {
    const fake = new FakeDriver();
    await using engine = createEngine('fake://u:pw@db/x?pool_size=2&application_name=shop&sslmode=require', { driver: fake, connectArgs: { statement_timeout: 500 } });
    await (await engine.connect()).release();
    expect(fake.lastUrl?.query).toEqual({ application_name: 'shop', sslmode: 'require' });
    expect(fake.lastUrl?.password).toBe('pw');
    expect(fake.lastConnectOptions).toMatchObject({ connectArgs: { statement_timeout: 500 }, tcpKeepAlive: true, connectTimeout: 10 });
  });

  it('uses DATABASE_URL when no URL is given', () => {
    vi.stubEnv('DATABASE_URL', 'fake://from-env/db?pool_size=4');
    const engine = createEngine({ driver });
    expect(engine.url.host).toBe('from-env');
    expect(engine.options.poolSize).toBe(4);
    expect(createEngine(undefined, { driver }).url.host).toBe('from-env');
  });

  it('parses strings that untyped JavaScript passes in code, as the environment is parsed', () => {
    const untyped = { driver, poolSize: '8', prePing: 'true' } as unknown as EngineOptions;
    expect(createEngine('fake://db/x', untyped).options).toMatchObject({ poolSize: 8, prePing: true });
  });

  it('freezes the resolved options', () => {
    const { options } = createEngine('fake://db/x', { driver });
    expect(Object.isFrozen(options)).toBe(true);
  });
});
