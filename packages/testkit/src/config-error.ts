import { ConfigError } from '@pool/core';
import { expect } from 'vitest';

/** Run `run`, which must throw a ConfigError synchronously (`POOL_CONFIG`), and return that error. */
export function thrownConfigError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('POOL_CONFIG');
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
