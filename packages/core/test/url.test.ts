import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, DatabaseUrl } from '../src/index.js';

describe('DatabaseUrl', () => {
  it('parses a full URL, decoding percent-escapes', () => {
    const url = DatabaseUrl.parse('postgresql://app:p%40ss%2Fw0rd@db.example.com:6543/shop?application_name=api&sslmode=require');
    expect(url).toMatchObject({ drivername: 'postgresql', backend: 'postgresql', username: 'app', password: 'p@ss/w0rd', host: 'db.example.com', port: 6543, database: 'shop' });
    expect(url.query).toEqual({ application_name: 'api', sslmode: 'require' });
  });

  it('takes an unencoded @ in the password up to the last @ of the authority', () => {
    expect(DatabaseUrl.parse('mysql://root:a@b@localhost/test')).toMatchObject({ username: 'root', password: 'a@b', host: 'localhost' });
  });

  it('splits a +driver suffix off the backend', () => {
    expect(DatabaseUrl.parse('postgresql+pg://h/d')).toMatchObject({ drivername: 'postgresql+pg', backend: 'postgresql' });
  });

  it('parses IPv6 hosts', () => {
    expect(DatabaseUrl.parse('postgres://u@[::1]:5432/db')).toMatchObject({ host: '::1', port: 5432 });
    expect(DatabaseUrl.parse('postgres://[2001:db8::7]/db').render()).toBe('postgres://[2001:db8::7]/db');
  });

  it('keeps a unix-socket ?host= for the driver', () => {
    const url = DatabaseUrl.parse('postgresql://app@/shop?host=/var/run/postgresql');
    expect(url.host).toBeUndefined();
    expect(url.query).toEqual({ host: '/var/run/postgresql' });
  });

  it('parses the SQLite forms', () => {
    expect(DatabaseUrl.parse('sqlite:///relative.db').database).toBe('relative.db');
    expect(DatabaseUrl.parse('sqlite:////abs/path/app.db').database).toBe('/abs/path/app.db');
    expect(DatabaseUrl.parse('sqlite:///:memory:').database).toBe(':memory:');
    expect(DatabaseUrl.parse('sqlite://').database).toBeUndefined();
  });

  it('keeps repeated query keys', () => {
    expect(DatabaseUrl.parse('mysql://h/d?flags=A&flags=B').query).toEqual({ flags: ['A', 'B'] });
  });

  it('renders with the password hidden, everywhere it could be printed', () => {
    const url = DatabaseUrl.parse('postgresql://app:s3cret@db:5432/shop?x=1');
    expect(String(url)).toBe('postgresql://app:***@db:5432/shop?x=1');
    expect(JSON.stringify({ url })).toBe('{"url":"postgresql://app:***@db:5432/shop?x=1"}');
    expect(inspect(url)).toBe('DatabaseUrl(postgresql://app:***@db:5432/shop?x=1)');
    expect(inspect({ nested: url }, { depth: 5 })).not.toContain('s3cret');
    expect(url.render({ hidePassword: false })).toBe('postgresql://app:s3cret@db:5432/shop?x=1');
  });

  it('round-trips special characters', () => {
    const url = DatabaseUrl.parse('postgresql://a%3Ab:p%3A%40%2F@h/d%20b');
    expect(url).toMatchObject({ username: 'a:b', password: 'p:@/', database: 'd b' });
    expect(DatabaseUrl.parse(url.render({ hidePassword: false }))).toMatchObject({ username: 'a:b', password: 'p:@/', database: 'd b' });
  });

  it('rejects malformed URLs with a ConfigError that hides the password', () => {
    for (const bad of ['not a url', 'postgresql://u:topsecret@h:99999/d', 'postgresql://u:topsecret@h:port/d', 'postgresql://u:%zz@h/d', 'postgres://u:topsecret@[::1/d']) {
      let caught: unknown;
      try {
        DatabaseUrl.parse(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).option).toBe('url');
      expect((caught as Error).message).not.toContain('topsecret');
      expect((caught as Error).message).not.toContain('%zz');
    }
  });

  it('makes changed copies with with()', () => {
    const url = DatabaseUrl.parse('mysql://u:p@h/d?a=1');
    const copy = url.with({ query: {} });
    expect(copy.render({ hidePassword: false })).toBe('mysql://u:p@h/d');
    expect(url.query).toEqual({ a: '1' });
  });
});
