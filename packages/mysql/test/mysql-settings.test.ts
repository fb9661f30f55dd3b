import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, createEngine as createCoreEngine } from '@pool/core';
import { createEngine } from '@pool/mysql';
import { quietLogger, startSilentServer, thrownConfigError } from '@pool/testkit';
import { describe, expect, it, vi } from 'vitest';

describe("@pool/mysql's createEngine checks before it builds anything", () => {
  it('a postgresql:// URL with minSize 2 is a ConfigError and opens no socket', async () => {
    await using server = await startSilentServer();
    const error = thrownConfigError(() => createEngine(`postgresql://root@127.0.0.1:${server.port}/test`, { minSize: 2, logger: quietLogger() }));
    expect(error.message).toMatch(/^@pool\/mysql needs a mysql:\/\/ or mariadb:\/\/ URL, got postgresql:/);
    await sleep(100);
    expect(server.accepted).toBe(0);
  });

  it('takes SQLAlchemy-style mysql+pymysql:// URLs', () => {
    expect(createEngine('mysql+pymysql://u@h/d').url.backend).toBe('mysql');
  });

  it('an option mysql2 does not know is a ConfigError (mysql2 itself would only print a warning per connection)', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const fromUrl = thrownConfigError(() => createEngine('mysql://u@h/d?conect_timeout=5'));
      expect(fromUrl.option).toBe('url');
      expect(fromUrl.message).toMatch(/mysql2 has no option "conect_timeout" \(a URL parameter\); did you mean connect_timeout\?/);
      expect(thrownConfigError(() => createEngine('mysql://u@h/d?dateString=true')).message).toMatch(/did you mean dateStrings\?/);
      const fromCode = thrownConfigError(() => createEngine('mysql://u@h/d', { connectArgs: { multipleStatement: true } }));
      expect(fromCode.option).toBe('connectArgs');
      expect(fromCode.message).toMatch(/did you mean multipleStatements\?/);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it('values mysql2 rejects are ConfigErrors: charset, SSL profile, timezone, session variables', () => {
    expect(thrownConfigError(() => createEngine('mysql://u@h/d?charset=utf8mb5')).message).toMatch(/Unknown charset 'utf8mb5'/);
    expect(thrownConfigError(() => createEngine('mysql://u@h/d?ssl=Nonexistent%20Profile')).message).toMatch(/SSL profile/);
    expect(thrownConfigError(() => createEngine('mysql://u@h/d', { connectArgs: { timezone: 'Mars/Olympus' } })).message).toMatch(/timezone/);
    expect(thrownConfigError(() => createEngine('mysql://u@h/d', { connectArgs: { sessionVariables: { 'bad name': 1 } } })).option).toBe('connectArgs');
  });

  it('accepts the usual URL parameters', () => {
    expect(() => createEngine('mysql://u@h/d?charset=utf8mb4&timezone=Z&dateStrings=true&application_name=api&unix_socket=/run/mysqld/mysqld.sock')).not.toThrow();
  });

  it("through @pool/core's createEngine the same settings fail at connect as a ConfigError, not a ConnectError", async () => {
    await using engine = createCoreEngine('mysql://u@127.0.0.1:1/d?charset=utf8mb5', { logger: quietLogger() });
    await expect(engine.connect()).rejects.toBeInstanceOf(ConfigError);
  });
});
