import { describe, expect, it } from 'vitest';
import { fakeEngine, gauges } from './helpers.js';

describe('engine.query and engine.transaction', () => {
  it('query() checks out, runs, and gives the connection back', async () => {
    await using t = fakeEngine();
    const result = await t.engine.query('SELECT $1', [42]);
    expect(result).toMatchObject({ rowCount: 1, rows: [{ params: [42] }] });
    expect(gauges(t.engine)).toMatchObject({ checkedIn: 1, checkedOut: 0 });
  });

  it('query() gives the connection back when the statement fails', async () => {
    await using t = fakeEngine();
    await expect(t.engine.query('FAIL')).rejects.toThrow('syntax error');
    expect(gauges(t.engine)).toMatchObject({ checkedIn: 1, checkedOut: 0 });
  });

  it('transaction() commits when the callback resolves, and returns its value', async () => {
    await using t = fakeEngine();
    const value = await t.engine.transaction(async (conn) => {
      await conn.query('INSERT', ['a']);
      await conn.query('INSERT', ['b']);
      return 'done';
    });
    expect(value).toBe('done');
    expect(t.driver.committed).toEqual(['a', 'b']);
    expect(t.driver.rollbacks).toBe(0);
  });

  it('transaction() rolls back and rethrows when the callback throws', async () => {
    await using t = fakeEngine();
    await expect(t.engine.transaction(async (conn) => {
      await conn.query('INSERT', ['lost']);
      throw new Error('business rule violated');
    })).rejects.toThrow('business rule violated');
    expect(t.driver.committed).toEqual([]);
    expect(t.driver.rollbacks).toBe(1);
    expect(gauges(t.engine)).toMatchObject({ checkedIn: 1, checkedOut: 0 });
  });

  it('transaction() keeps the caller\'s error when the connection died mid-way', async () => {
    await using t = fakeEngine();
    await expect(t.engine.transaction(async (conn) => {
      t.driver.kill(conn.raw);
      await conn.query('SELECT 1');
    })).rejects.toMatchObject({ code: 'FAKE_DISCONNECT' });
    expect(gauges(t.engine)).toMatchObject({ open: 0 });
  });

  it('String(engine) and String(engine.url) hide the password', async () => {
    await using t = fakeEngine();
    expect(String(t.engine)).toBe('Engine(fake://app:***@db/test)');
    expect(String(t.engine.url)).toBe('fake://app:***@db/test');
  });
});
