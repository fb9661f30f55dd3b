import { describe, expect, it } from 'vitest';
import { freePort, pgQuery, pgUrl, startPgBouncer } from '../src/index.js';

describe('startPgBouncer', () => {
  it('runs a PgBouncer in front of the target and stops it on dispose', async () => {
    let url: string;
    {
      await using bouncer = await startPgBouncer({ target: pgUrl(), poolSize: 1 });
      url = bouncer.url;
      expect(await pgQuery(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(await freePort()).not.toBe(bouncer.port);
    }
    await expect(pgQuery(url, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
