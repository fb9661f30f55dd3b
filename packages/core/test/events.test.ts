import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../src/index.js';
import { fakeEngine, quietLogger } from './helpers.js';

describe('pool events', () => {
  it('emits connect, checkout, checkin, close with ConnectionInfo', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 1 });
    const seen: [string, ConnectionInfo][] = [];
    for (const event of ['connect', 'checkout', 'checkin', 'close'] as const) {
      t.engine.pool.on(event, (info: ConnectionInfo) => seen.push([event, { ...info }]));
    }
    const before = Date.now();
    const a = await t.engine.connect();
    const b = await t.engine.connect();
    await a.release();
    await b.release();
    expect(seen.map(([event, info]) => `${event}:${info.id}`)).toEqual([
      'connect:1', 'checkout:1', 'connect:2', 'checkout:2', 'checkin:1', 'checkin:2', 'close:2',
    ]);
    const info = seen[1]![1];
    expect(info.uses).toBe(1);
    expect(info.createdAt).toBeGreaterThanOrEqual(before - 5);
    expect(info.createdAt).toBeLessThanOrEqual(Date.now() + 5);
    expect(info.lastUsedAt).toBeGreaterThanOrEqual(info.createdAt);
  });

  it('keeps counting uses across checkouts of the same connection', async () => {
    await using t = fakeEngine();
    for (let i = 0; i < 3; i++) await (await t.engine.connect()).release();
    await using conn = await t.engine.connect();
    expect(conn.info).toMatchObject({ id: 1, uses: 4 });
  });

  it('survives a listener that throws, logging it', async () => {
    const logger = quietLogger();
    await using t = fakeEngine({ logger });
    t.engine.pool.on('checkout', () => {
      throw new Error('listener bug');
    });
    const conn = await t.engine.connect();
    await conn.release();
    expect(t.engine.pool.stats()).toMatchObject({ checkedIn: 1, checkedOut: 0 });
    expect(logger.lines.some((line) => line.level === 'error' && line.message.includes('"checkout"'))).toBe(true);
  });

  it('logs every event at debug level with echoPool', async () => {
    const logger = quietLogger();
    await using t = fakeEngine({ echoPool: true, logger });
    await (await t.engine.connect()).release();
    expect(logger.lines.filter((line) => line.level === 'debug').map((line) => line.message)).toEqual([
      'connect', 'checkout', 'checkin',
    ]);
  });
});
