import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PrivateServer } from '../src/index.js';
import { mysqlQuery, pgQuery, startPrivateMariadb, startPrivatePostgres } from '../src/index.js';

const kinds: [string, () => Promise<PrivateServer>, (url: string) => Promise<number>][] = [
  ['postgres', () => startPrivatePostgres(), async (url) => Number((await pgQuery(url, 'SELECT pg_backend_pid() AS id'))[0]?.id)],
  ['mariadb', () => startPrivateMariadb(), async (url) => Number((await mysqlQuery(url, 'SELECT CONNECTION_ID() AS id'))[0]?.id)],
];

describe.each(kinds)('private %s server', (_, start, sessionId) => {
  it('answers at its URL, stops, starts and restarts on the same port, and stops answering once disposed', async () => {
    const server = await start();
    try {
      expect(server.running).toBe(true);
      expect(server.url).toContain(`127.0.0.1:${server.port}/`);
      expect(await sessionId(server.url)).toBeGreaterThan(0);
      await server.restart({ downFor: 0.1 });
      expect(server.running).toBe(true);
      expect(await sessionId(server.url)).toBeGreaterThan(0);
      await server.stop();
      expect(server.running).toBe(false);
      await expect(sessionId(server.url)).rejects.toThrow();
      await server.start();
      expect(await sessionId(server.url)).toBeGreaterThan(0);
    } finally {
      await server.dispose();
    }
    expect(server.running).toBe(false);
    await expect(sessionId(server.url)).rejects.toThrow();
  });
});

describe('private postgres with a password', () => {
  it('accepts the password and refuses a wrong one', async () => {
    await using server = await startPrivatePostgres({ password: 's3cret' });
    expect(await pgQuery(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await expect(pgQuery(server.url.replace('s3cret', 'wrong'), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
  });
});

describe('dispose', () => {
  it('removes the data directory', async () => {
    const server = await startPrivatePostgres();
    const [row] = await pgQuery(server.url, 'SHOW data_directory');
    const dataDir = String(row?.data_directory);
    expect(existsSync(dataDir)).toBe(true);
    await server.dispose();
    expect(existsSync(dataDir)).toBe(false);
  });
});
