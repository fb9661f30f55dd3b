import { describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';

async function returnOrder(poolUseLifo: boolean): Promise<number[]> {
  await using t = fakeEngine({ poolSize: 3, poolUseLifo });
  const conns = await Promise.all([t.engine.connect(), t.engine.connect(), t.engine.connect()]);
  const ids = conns.map((conn) => conn.info.id);
  for (const conn of conns) await conn.release();
  const next = await t.engine.connect();
  const got = next.info.id;
  await next.release();
  return [ids[0]!, ids[2]!, got];
}

describe('reuse order', () => {
  it('reuses the connection returned longest ago by default (FIFO)', async () => {
    const [first, , got] = await returnOrder(false);
    expect(got).toBe(first);
  });

  it('reuses the most recently returned connection with poolUseLifo', async () => {
    const [, last, got] = await returnOrder(true);
    expect(got).toBe(last);
  });
});
