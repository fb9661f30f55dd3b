import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../src/index.js';
import { FakeDriver } from './fake-driver.js';

const driver = new FakeDriver();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the pool name', () => {
  it('defaults to host:port/database, without credentials', () => {
    expect(createEngine('fake://app:hunter2@db.example:6543/shop', { driver }).options.name).toBe('db.example:6543/shop');
    expect(createEngine('fake://db/shop', { driver }).options.name).toBe('db/shop');
    expect(createEngine('fake://[::1]:5432/x', { driver }).options.name).toBe('[::1]:5432/x');
  });

  it('is a file database path when there is no host', () => {
    expect(createEngine('fake:///data/app.db', { driver }).options.name).toBe('data/app.db');
  });

  it('comes from code, the URL (pool_name) or POOL_NAME, in that order', () => {
    vi.stubEnv('POOL_NAME', 'from-env');
    expect(createEngine('fake://db/x', { driver }).options.name).toBe('from-env');
    expect(createEngine('fake://db/x?pool_name=from-url', { driver }).options.name).toBe('from-url');
    expect(createEngine('fake://db/x?pool_name=from-url', { driver, name: 'orders' }).options.name).toBe('orders');
  });
});

describe('the new options have their SPEC defaults', () => {
  it('maxConnecting 2, queryTimeout -1', () => {
    const { maxConnecting, queryTimeout } = createEngine('fake://db/x', { driver }).options;
    expect({ maxConnecting, queryTimeout }).toEqual({ maxConnecting: 2, queryTimeout: -1 });
  });
});
