import { afterEach, describe, expect, it } from 'vitest';
import { fakeEngine } from './helpers.js';

const warnings: Error[] = [];
const onWarning = (warning: Error): void => void warnings.push(warning);
process.on('warning', onWarning);
afterEach(() => {
  warnings.length = 0;
});

describe('one AbortSignal shared by many waiters', () => {
  it('adds one listener, not one per waiter: no MaxListenersExceededWarning', async () => {
    await using t = fakeEngine({ poolSize: 1, maxOverflow: 0 });
    const held = await t.engine.connect();
    const controller = new AbortController();
    const waiters = Array.from({ length: 30 }, () => t.engine.connect({ signal: controller.signal }));
    await held.release();
    const first = await waiters[0]!;
    controller.abort(new Error('request ended'));
    const rest = await Promise.allSettled(waiters.slice(1));
    expect(rest.every((r) => r.status === 'rejected' && (r.reason as Error).message === 'request ended')).toBe(true);
    await first.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(t.engine.pool.stats()).toMatchObject({ waiting: 0, open: 1, checkedIn: 1 });
  });
});
