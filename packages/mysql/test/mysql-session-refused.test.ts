import { describe, expect, it } from 'vitest';
import { isMysqlSessionRefused } from '../src/index.js';

const server = (errno: number, code: string): Error => Object.assign(new Error('from the server'), { errno, code, fatal: true });

describe('isMysqlSessionRefused: the server answered and would not start a session', () => {
  it('is true for too many connections, user limits and refused logins', () => {
    for (const [errno, code] of [[1040, 'ER_CON_COUNT_ERROR'], [1203, 'ER_TOO_MANY_USER_CONNECTIONS'], [1045, 'ER_ACCESS_DENIED_ERROR'], [1049, 'ER_BAD_DB_ERROR']] as const) {
      expect(isMysqlSessionRefused(server(errno, code)), code).toBe(true);
    }
  });

  it('is false for a server that is not reached or shutting down', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 });
    for (const error of [socket, server(1053, 'ER_SERVER_SHUTDOWN'), new Error('Connection lost'), null]) expect(isMysqlSessionRefused(error)).toBe(false);
  });
});
