import { describe, expect, it } from 'vitest';
import { ConfigError, ConnectError, isDisconnectError, retry } from '../src/index.js';
import { fakeEngine, quietLogger } from './helpers.js';

describe('retry()', () => {
  it('runs fn at once and returns its value', async () => {
    const attempts: number[] = [];
    await expect(retry((attempt) => {
      attempts.push(attempt);
      return 'ok';
    })).resolves.toBe('ok');
    expect(attempts).toEqual([1]);
  });

  it('re-runs on disconnect errors, each attempt on a different connection', async () => {
    await using t = fakeEngine({ poolSize: 3 });
    const ids: number[] = [];
    const logger = quietLogger();
    const result = await retry(async (attempt) => {
      await using conn = await t.engine.connect();
      ids.push(conn.info.id);
      if (attempt < 3) t.driver.kill(conn.raw);
      return (await conn.query('SELECT 1')).rowCount;
    }, { interval: 0.01, logger });
    expect(result).toBe(1);
    expect(new Set(ids).size).toBe(3);
    expect(logger.lines.filter((line) => line.level === 'info')).toHaveLength(2);
  });

  it('makes at most maxFailures attempts, then throws the last error', async () => {
    let attempts = 0;
    const error = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    await expect(retry(() => {
      attempts++;
      throw error;
    }, { maxFailures: 4, interval: 0 })).rejects.toBe(error);
    expect(attempts).toBe(4);
  });

  it('does not retry errors that are not disconnects', async () => {
    let attempts = 0;
    await expect(retry(() => {
      attempts++;
      throw new Error('syntax error');
    })).rejects.toThrow('syntax error');
    expect(attempts).toBe(1);
  });

  it('waits interval, growing by backoff, between attempts', async () => {
    const times: number[] = [];
    await expect(retry(() => {
      times.push(performance.now());
      throw new ConnectError('down');
    }, { maxFailures: 3, interval: 0.03, backoff: 2 })).rejects.toBeInstanceOf(ConnectError);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(25);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(55);
  });

  it('takes isRetryable and stops on abort', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const running = retry(() => {
      throw new Error('busy');
    }, { isRetryable: () => true, interval: 10, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(running).rejects.toBe(reason);
  });

  it('rejects bad options with a ConfigError naming the option', async () => {
    await expect(retry(() => 1, { maxFailures: 0 })).rejects.toMatchObject({ option: 'maxFailures' });
    await expect(retry(() => 1, { interval: -1 })).rejects.toBeInstanceOf(ConfigError);
  });

  it('recognises socket errors and ConnectErrors as disconnects', () => {
    expect(isDisconnectError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDisconnectError(new ConnectError('x'))).toBe(true);
    expect(isDisconnectError(new Error('duplicate key'))).toBe(false);
  });
});
