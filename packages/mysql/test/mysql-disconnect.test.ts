import { isMysqlDisconnect } from '@pool/mysql';
import { describe, expect, it } from 'vitest';

function mysqlError(fields: Record<string, unknown>, message = 'error'): Error {
  return Object.assign(new Error(message), fields);
}

describe('isMysqlDisconnect', () => {
  it.each([
    ['PROTOCOL_CONNECTION_LOST', mysqlError({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true })],
    ["mysql2's per-query timeout: the statement is still in flight", mysqlError({ code: 'PROTOCOL_SEQUENCE_TIMEOUT', errorno: 'PROTOCOL_SEQUENCE_TIMEOUT', syscall: 'query' }, 'Query inactivity timeout')],
    ['any error mysql2 marks fatal', mysqlError({ code: 'SOMETHING_NEW', fatal: true })],
    ["mysql2's closed-state error", mysqlError({ fatal: true }, "Can't add new command when connection is in closed state")],
    ['ECONNRESET', mysqlError({ code: 'ECONNRESET' })],
    ['EPIPE', mysqlError({ code: 'EPIPE' })],
    ['ETIMEDOUT', mysqlError({ code: 'ETIMEDOUT' })],
    ['ER_SERVER_SHUTDOWN (1053)', mysqlError({ code: 'ER_SERVER_SHUTDOWN', errno: 1053 })],
    ['ER_CONNECTION_KILLED (1927, MariaDB)', mysqlError({ code: 'ER_CONNECTION_KILLED', errno: 1927 })],
    ['ER_CLIENT_INTERACTION_TIMEOUT (4031, MySQL 8)', mysqlError({ errno: 4031 })],
    ['CR_SERVER_GONE_ERROR (2006) from a proxy', mysqlError({ errno: 2006 })],
    ['CR_SERVER_LOST (2013) from a proxy', mysqlError({ errno: 2013 })],
    ['ER_NET_READ_ERROR (1158)', mysqlError({ code: 'ER_NET_READ_ERROR', errno: 1158 })],
    ['a happy-eyeballs AggregateError where every address refused', new AggregateError([mysqlError({ code: 'ECONNREFUSED' })])],
  ])('%s is a disconnect', (_, error) => {
    expect(isMysqlDisconnect(error)).toBe(true);
  });

  it.each([
    ['ER_QUERY_INTERRUPTED (KILL QUERY)', mysqlError({ code: 'ER_QUERY_INTERRUPTED', errno: 1317 })],
    ['ER_LOCK_WAIT_TIMEOUT', mysqlError({ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 })],
    ['ER_LOCK_DEADLOCK', mysqlError({ code: 'ER_LOCK_DEADLOCK', errno: 1213 })],
    ['ER_DUP_ENTRY', mysqlError({ code: 'ER_DUP_ENTRY', errno: 1062 })],
    ['ER_NO_SUCH_TABLE', mysqlError({ code: 'ER_NO_SUCH_TABLE', errno: 1146 })],
    ['ER_ACCESS_DENIED_ERROR', mysqlError({ code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 })],
    ['a plain Error', new Error('boom')],
    // What a user can make the server say: the text and the SQLSTATE are theirs, only errno counts.
    ['SIGNAL with a disconnect SQLSTATE and text (ER_SIGNAL_EXCEPTION)', mysqlError({ code: 'ER_SIGNAL_EXCEPTION', errno: 1644, sqlState: '08S01', fatal: false }, 'Connection lost: The server closed the connection.')],
    ['ER_NO_SUCH_TABLE naming a table PROTOCOL_CONNECTION_LOST', mysqlError({ code: 'ER_NO_SUCH_TABLE', errno: 1146, sqlState: '42S02' }, "Table 'test.PROTOCOL_CONNECTION_LOST' doesn't exist")],
    ['ER_TRUNCATED_WRONG_VALUE quoting "Lost connection to server"', mysqlError({ code: 'ER_TRUNCATED_WRONG_VALUE', errno: 1292, sqlState: '22007' }, "Truncated incorrect DOUBLE value: 'Lost connection to server'")],
    ['undefined', undefined],
  ])('%s is not', (_, error) => {
    expect(isMysqlDisconnect(error)).toBe(false);
  });
});
