import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, createEngine } from '../src/index.js';
import type { EngineOptions } from '../src/index.js';
import { FakeDriver } from './fake-driver.js';

const driver = new FakeDriver();

afterEach(() => {
  vi.unstubAllEnvs();
});

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('POOL_CONFIG');
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('bad options are ConfigErrors naming the option, the value and where it came from', () => {
  const cases: [keyof EngineOptions, unknown, RegExp][] = [
    ['poolSize', -1, /expected a non-negative integer, got -1/],
    ['poolSize', 2.5, /non-negative integer/],
    ['poolSize', 'abc', /got "abc"/],
    ['maxOverflow', -2, /an integer ≥ -1, got -2/],
    ['poolTimeout', -0.5, /seconds ≥ 0/],
    ['poolTimeout', 'soon', /got "soon"/],
    ['poolRecycle', -3, /-1 for never/],
    ['prePing', 'yes', /true, false, 1 or 0, got "yes"/],
    ['prePing', 'on', /true, false, 1 or 0/],
    ['resetOnReturn', 'truncate', /'rollback', 'commit' or false/],
    ['resetOnReturn', true, /'rollback', 'commit' or false, got true/],
    ['minSize', -1, /non-negative integer/],
    ['keepalive', 0, /> 0, or -1/],
    ['leakDetection', 0, /> 0, or -1/],
    ['maxUses', 1.5, /non-negative integer/],
    ['maxWaiting', -5, /non-negative integer/],
    ['connectTimeout', Number.NaN, /seconds ≥ 0, got NaN/],
    ['isDisconnect', 'nope', /a function/],
    ['connectArgs', 'ssl=true', /an object/],
    ['logger', 42, /an object/],
    ['echoPool', 2, /true, false, 1 or 0/],
    ['maxConnecting', -1, /non-negative integer/],
    ['maxConnecting', 1.5, /non-negative integer/],
    ['queryTimeout', 0, /> 0, or -1/],
    ['queryTimeout', '5s', /got "5s"/],
    ['name', '  ', /a non-empty string/],
    ['name', 7, /a non-empty string, got 7/],
  ];
  for (const [option, value, message] of cases) {
    it(`${option} = ${String(value)} (from code)`, () => {
      const error = configError(() => createEngine('fake://db/x', { driver, [option]: value }));
      expect(error.option).toBe(option);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(`Invalid pool option ${option}`);
      expect(error.message).toContain('(from code)');
    });
  }

  it('names the URL parameter a bad value came from', () => {
    const error = configError(() => createEngine('fake://u:hunter2@db/x?pool_size=ten', { driver }));
    expect(error.option).toBe('poolSize');
    expect(error.message).toBe('Invalid pool option poolSize: expected a non-negative integer, got "ten" (from URL query parameter pool_size)');
    expect(error.message).not.toContain('hunter2');
  });

  it('names the environment variable a bad value came from', () => {
    vi.stubEnv('POOL_PRE_PING', 'maybe');
    const error = configError(() => createEngine('fake://db/x', { driver }));
    expect(error.option).toBe('prePing');
    expect(error.message).toBe('Invalid pool option prePing: expected true, false, 1 or 0, got "maybe" (from environment variable POOL_PRE_PING)');
  });

  it('rejects unknown option keys, suggesting the right spelling', () => {
    const error = configError(() => createEngine('fake://db/x', { driver, pool_size: 5 } as EngineOptions));
    expect(error.option).toBe('pool_size');
    expect(error.message).toBe('Unknown pool option "pool_size" (did you mean poolSize?)');
    expect(configError(() => createEngine('fake://db/x', { driver, toString: 1 } as EngineOptions)).option).toBe('toString');
  });

  it('rejects minSize above poolSize, naming both sources', () => {
    vi.stubEnv('POOL_MIN_SIZE', '8');
    const error = configError(() => createEngine('fake://db/x', { driver, poolSize: 3 }));
    expect(error.option).toBe('minSize');
    expect(error.message).toContain('8 (from environment variable POOL_MIN_SIZE) is larger than poolSize 3 (from code)');
  });

  it('rejects a driver object missing methods', () => {
    const error = configError(() => createEngine('fake://db/x', { driver: { name: 'half', connect: () => Promise.resolve(1) } as never }));
    expect(error.option).toBe('driver');
    expect(error.message).toContain('close, ping, query');
  });

  it('rejects an unknown scheme, and no URL at all', () => {
    const scheme = configError(() => createEngine('oracle://db/x'));
    expect(scheme.option).toBe('url');
    expect(scheme.message).toContain('Unknown database URL scheme "oracle"');
    vi.stubEnv('DATABASE_URL', '');
    expect(configError(() => createEngine()).message).toBe('No database URL: pass one to createEngine() or set DATABASE_URL');
  });
});
