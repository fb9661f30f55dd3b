import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseUrl, Driver } from '../src/index.js';
import { ConfigError, ConnectError, createEngine, retry, urlForDriver } from '../src/index.js';
import type { FakeConn } from './fake-driver.js';
import { FakeDriver } from './fake-driver.js';
import { quietLogger } from './helpers.js';

/** A fake driver whose validate() rejects `?bad=…` and counts its calls. */
class CheckingDriver extends FakeDriver {
  validations: { url: string; connectArgs: Readonly<Record<string, unknown>> }[] = [];
  throwPlain = false;

  validate(url: DatabaseUrl, connectArgs: Readonly<Record<string, unknown>>): void {
    this.validations.push({ url: url.render(), connectArgs });
    if (url.query.bad === undefined) return;
    if (this.throwPlain) throw new Error(`unusable setting bad=${String(url.query.bad)} for ${url.render({ hidePassword: false })}`);
    throw new ConfigError('url', 'fake: unknown URL parameter "bad"');
  }
}

afterEach(() => vi.unstubAllEnvs());

describe('driver settings are checked once, in createEngine, as ConfigErrors', () => {
  it('calls validate() with the URL minus pool options, and connectArgs, before any connection', () => {
    const driver = new CheckingDriver();
    createEngine('fake://u:pw@db/x?pool_size=3&application_name=api', { driver, connectArgs: { ssl: true }, logger: quietLogger() });
    expect(driver.validations).toEqual([{ url: 'fake://u:***@db/x?application_name=api', connectArgs: { ssl: true } }]);
    expect(driver.opened).toBe(0);
  });

  it('a bad setting throws from createEngine: no pool, no minSize refill, nothing opened', async () => {
    const driver = new CheckingDriver();
    expect(() => createEngine('fake://db/x?bad=1', { driver, minSize: 2, logger: quietLogger() })).toThrow(ConfigError);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(driver.opened).toBe(0);
  });

  it('anything else validate() throws becomes a ConfigError, password removed', () => {
    const driver = new CheckingDriver();
    driver.throwPlain = true;
    let caught: unknown;
    try {
      createEngine('fake://u:Sekr1t@db/x?bad=1', { driver });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toBe('Invalid fake setting for fake://u:***@db/x?bad=1: unusable setting bad=1 for fake://u:***@db/x?bad=1');
    expect(String((caught as Error).cause)).not.toContain('Sekr1t');
  });

  it('retry() does not retry a ConfigError', async () => {
    let attempts = 0;
    await expect(retry(() => {
      attempts++;
      createEngine('fake://db/x?bad=1', { driver: new CheckingDriver() });
      return Promise.resolve();
    }, { maxFailures: 3, interval: 0 })).rejects.toBeInstanceOf(ConfigError);
    expect(attempts).toBe(1);
  });

  it('a driver without validate() is used as before', async () => {
    await using engine = createEngine<FakeConn>('fake://db/x?anything=1', { driver: new FakeDriver(), logger: quietLogger() });
    await expect(engine.query('SELECT 1')).resolves.toBeDefined();
  });

  it('a failed connect stays a ConnectError (only settings are ConfigErrors)', async () => {
    const driver = new CheckingDriver();
    driver.connectFailures.push(new Error('connection refused'));
    await using engine = createEngine<FakeConn>('fake://db/x', { driver, logger: quietLogger() });
    await expect(engine.connect()).rejects.toBeInstanceOf(ConnectError);
  });
});

describe('urlForDriver: the scheme check of a driver package, before anything is built', () => {
  const rule = { packageName: '@pool/fake', schemes: ['fake', 'fakedb'] };

  it('returns the parsed URL, +suffix ignored, and reads DATABASE_URL when none is given', () => {
    expect(urlForDriver('fake+native://db/x', rule).backend).toBe('fake');
    vi.stubEnv('DATABASE_URL', 'fakedb://env/y');
    expect(urlForDriver(undefined, rule).host).toBe('env');
  });

  it('names the package, the schemes it takes and what it got (password hidden)', () => {
    expect(() => urlForDriver('mysql://root:pw@127.0.0.1/test', rule)).toThrow(
      '@pool/fake needs a fake:// or fakedb:// URL, got mysql://root:***@127.0.0.1/test (createEngine from @pool/core picks the driver by the scheme)',
    );
  });
});

// Type-level: the Driver contract's validate is optional and synchronous.
const _typed: Pick<Driver, 'validate'> = { validate: (_url: DatabaseUrl, _args: Readonly<Record<string, unknown>>) => undefined };
void _typed;
