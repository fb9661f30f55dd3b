import { createEngine } from '@pool/core';
import { freePort, uniqueName } from '@pool/testkit';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { SERVERS } from './servers.js';

/** A real pino logger writing JSON lines to memory. */
function pinoToMemory(): { logger: pino.Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  let text = '';
  const logger = pino({ level: 'debug' }, { write: (chunk: string) => void (text += chunk) });
  return { logger, text: () => text, lines: () => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

interface LoggedError {
  type: string;
  message: string;
  stack: string;
  code?: string;
}

describe.each(SERVERS)('the pool logging through real pino, on $name', (server) => {
  it("keeps the error passed to the logger, with its stack and the driver's cause, in pino's JSON", async () => {
    const { url } = server.missingDatabase();
    const log = pinoToMemory();
    const name = uniqueName('logged');
    await using engine = createEngine(url, { name, logger: log.logger });
    await expect(engine.connect()).rejects.toMatchObject({ code: 'POOL_CONNECT' });
    const line = log.lines().find((l) => typeof l.msg === 'string' && l.msg.startsWith('opening a connection failed'));
    expect(line).toMatchObject({ level: 40, pool: name });
    const err = line!.err as LoggedError;
    expect(err.type).toBe('ConnectError');
    expect(err.code).toBe('POOL_CONNECT');
    expect(err.message).toMatch(/^Could not connect to /);
    expect(err.stack).toMatch(/^ConnectError: Could not connect to /);
    expect(err.stack).toMatch(/\n\s+at /);
    // pino's error serializer appends the cause's stack: the driver's error, in the server's words.
    expect(err.stack).toMatch(/\ncaused by: .*pool_otel_no_such_db/);
  });
});

describe('the pool logging through real pino, with no server', () => {
  it('never writes the password, in the message, the error or its cause', async () => {
    const port = await freePort();
    const log = pinoToMemory();
    await using engine = createEngine(`postgresql://app:s3cret-pw@127.0.0.1:${port}/shop`, { name: 'shop', logger: log.logger });
    await expect(engine.connect()).rejects.toMatchObject({ code: 'POOL_CONNECT' });
    const line = log.lines().find((l) => l.level === 40);
    expect(line).toMatchObject({ pool: 'shop', err: { type: 'ConnectError', code: 'POOL_CONNECT' } });
    expect((line!.err as LoggedError).stack).toMatch(/\ncaused by: .*ECONNREFUSED/);
    expect((line!.err as LoggedError).message).toContain(`postgresql://app:***@127.0.0.1:${port}/shop`);
    expect(log.text()).not.toContain('s3cret-pw');
  });
});
