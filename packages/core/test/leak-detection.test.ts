import { describe, expect, it } from 'vitest';
import type { LeakDetail } from '../src/index.js';
import { fakeEngine, quietLogger } from './helpers.js';
import { sleep } from './fake-driver.js';

async function checkOutAndForget(connect: () => Promise<unknown>): Promise<unknown> {
  return connect();
}

describe('leakDetection', () => {
  it('warns once, with the stack of the connect() call, when a connection is held too long', async () => {
    const logger = quietLogger();
    await using t = fakeEngine({ leakDetection: 0.05, logger });
    const leaks: LeakDetail[] = [];
    t.engine.pool.on('leak', (_info, detail) => leaks.push(detail));
    const leaked = await checkOutAndForget(() => t.engine.connect());
    await sleep(150);
    expect(leaks).toHaveLength(1);
    expect(leaks[0]!.heldFor).toBeGreaterThanOrEqual(0.05);
    expect(leaks[0]!.stack).toContain('checkOutAndForget');
    expect(leaks[0]!.stack).toContain('leak-detection.test.ts');
    const warning = logger.lines.find((line) => line.level === 'warn');
    expect(warning?.message).toMatch(/connection 1 has been checked out for 0\.\d s \(leakDetection 0\.05 s\) and not returned/);
    expect(warning?.message).toContain('checkOutAndForget');
    await (leaked as { release(): Promise<void> }).release();
  });

  it('says nothing about connections returned in time', async () => {
    const logger = quietLogger();
    await using t = fakeEngine({ leakDetection: 0.05, logger });
    for (let i = 0; i < 5; i++) await (await t.engine.connect()).release();
    await sleep(120);
    expect(logger.lines).toEqual([]);
  });

  it('records where a waiter called connect(), not where it was served', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0, leakDetection: 0.05 });
    const stacks: string[] = [];
    t.engine.pool.on('leak', (_info, detail) => stacks.push(detail.stack));
    const first = await t.engine.connect();
    const second = checkOutAndForget(() => t.engine.connect());
    await first.release();
    const conn = (await second) as { release(): Promise<void> };
    await sleep(150);
    expect(stacks.at(-1)).toContain('checkOutAndForget');
    await conn.release();
  });
});
