import { describe, expect, it } from 'vitest';
import { isPgSessionRefused } from '../src/index.js';

const server = (code: string): Error => Object.assign(new Error('from the server'), { code, severity: 'FATAL' });

describe('isPgSessionRefused: the server answered and would not start a session', () => {
  it('is true for a full server, missing resources, a refused login and a missing database', () => {
    for (const code of ['53300', '53200', '28P01', '28000', '3D000']) expect(isPgSessionRefused(server(code)), code).toBe(true);
  });

  it('is false for a server that is not reached or is restarting', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (const error of [socket, server('57P03'), server('57P01'), new Error('Connection terminated unexpectedly'), undefined, 'text']) {
      expect(isPgSessionRefused(error)).toBe(false);
    }
  });
});
