import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, createEngine as createCoreEngine } from '@pool/core';
import { createEngine } from '@pool/pg';
import { quietLogger, startSilentServer, thrownConfigError } from '@pool/testkit';
import { describe, expect, it } from 'vitest';

describe("@pool/pg's createEngine checks before it builds anything", () => {
  it('a mysql:// URL with minSize 2 is a ConfigError and opens no socket', async () => {
    await using server = await startSilentServer();
    const error = thrownConfigError(() => createEngine(`mysql://root:pw@127.0.0.1:${server.port}/test`, { minSize: 2, logger: quietLogger() }));
    expect(error.message).toBe(`@pool/pg needs a postgres:// or postgresql:// URL, got mysql://root:***@127.0.0.1:${server.port}/test (createEngine from @pool/core picks the driver by the scheme)`);
    await sleep(100);
    expect(server.accepted).toBe(0);
  });

  it('takes SQLAlchemy-style postgresql+psycopg2:// URLs', () => {
    expect(createEngine('postgresql+psycopg2://u@h/d').url.backend).toBe('postgresql');
  });

  it('a misspelt URL parameter that node-postgres would ignore is a ConfigError with a suggestion', () => {
    expect(thrownConfigError(() => createEngine('postgresql://u@h/d?aplication_name=api')).message).toBe(
      '@pool/pg: unknown URL parameter "aplication_name" (did you mean application_name?): node-postgres would ignore it',
    );
    expect(thrownConfigError(() => createEngine('postgresql://u@h/d?ssl_mode=require')).message).toMatch(/did you mean sslmode\?/);
    expect(thrownConfigError(() => createEngine('postgresql://u@h/d?ssl_mode=require')).option).toBe('url');
    expect(thrownConfigError(() => createEngine('postgresql://u@h/d?pool_sise=5')).message).toMatch(/did you mean pool_size\?/);
  });

  it('lets parameters it does not know at all through, as node-postgres does (a Prisma ?schema=)', () => {
    expect(createEngine('postgresql://u@h/d?schema=public&application_name=api').url.query).toMatchObject({ schema: 'public' });
  });

  it('a certificate file that cannot be read is a ConfigError naming it', () => {
    expect(thrownConfigError(() => createEngine('postgresql://u@h/d?sslmode=verify-full&sslrootcert=/no/such/ca.pem')).message).toMatch(/no\/such\/ca\.pem/);
  });

  it("through @pool/core's createEngine the same settings fail at connect as a ConfigError, not a ConnectError", async () => {
    await using engine = createCoreEngine('postgresql://u@127.0.0.1:1/d?aplication_name=api', { logger: quietLogger() });
    await expect(engine.connect()).rejects.toBeInstanceOf(ConfigError);
  });
});
