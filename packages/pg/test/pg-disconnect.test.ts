import { isPgDisconnect } from '@pool/pg';
import { describe, expect, it } from 'vitest';

function pgError(fields: Record<string, unknown>, message = 'error'): Error {
  return Object.assign(new Error(message), fields);
}

describe('isPgDisconnect', () => {
  it.each([
    ['57P01 admin_shutdown (pg_terminate_backend)', pgError({ code: '57P01', severity: 'FATAL' })],
    ['57P02 crash_shutdown', pgError({ code: '57P02' })],
    ['57P03 cannot_connect_now', pgError({ code: '57P03' })],
    ['57P05 idle_session_timeout', pgError({ code: '57P05' })],
    ['class 08 connection exceptions', pgError({ code: '08006' })],
    ['08P01 protocol violation (PgBouncer)', pgError({ code: '08P01' })],
    ['any FATAL, e.g. 25P03 idle_in_transaction_session_timeout', pgError({ code: '25P03', severity: 'FATAL' })],
    ['ECONNRESET', pgError({ code: 'ECONNRESET' })],
    ['EPIPE', pgError({ code: 'EPIPE' })],
    ['ECONNREFUSED', pgError({ code: 'ECONNREFUSED' })],
    ['ETIMEDOUT', pgError({ code: 'ETIMEDOUT' })],
    ["node-postgres's Connection terminated unexpectedly", new Error('Connection terminated unexpectedly')],
    ["node-postgres's not queryable (after an error)", new Error('Client has encountered a connection error and is not queryable')],
    ["node-postgres's not queryable (after end)", new Error('Client was closed and is not queryable')],
    ["node-postgres's query_timeout: the statement is still in flight", new Error('Query read timeout')],
    ['a protocol desync', new Error('Received unexpected dataRow message from backend.')],
    ['a FATAL whose text reads like an ordinary error', pgError({ code: '53300', severity: 'FATAL' }, 'sorry, too many clients already')],
    ['a happy-eyeballs AggregateError where every address refused', new AggregateError([pgError({ code: 'ECONNREFUSED' }), pgError({ code: 'ECONNREFUSED' })])],
  ])('%s is a disconnect', (_, error) => {
    expect(isPgDisconnect(error)).toBe(true);
  });

  it.each([
    ['57014 query_canceled (statement_timeout)', pgError({ code: '57014', severity: 'ERROR' })],
    ['23505 unique_violation', pgError({ code: '23505', severity: 'ERROR' })],
    ['42P01 undefined_table', pgError({ code: '42P01', severity: 'ERROR' })],
    ['40P01 deadlock_detected', pgError({ code: '40P01', severity: 'ERROR' })],
    ['a plain Error', new Error('boom')],
    // A server error's text is the user's: only its SQLSTATE and severity count.
    ["22P02 whose text is node-postgres's (SELECT 'Connection terminated'::int)", pgError({ code: '22P02', severity: 'ERROR' }, 'invalid input syntax for type integer: "Connection terminated"')],
    ['P0001 raised with a disconnect message', pgError({ code: 'P0001', severity: 'ERROR' }, 'Connection terminated unexpectedly')],
    ['42P01 naming a table called "Query read timeout"', pgError({ code: '42P01', severity: 'ERROR' }, 'relation "Query read timeout" does not exist')],
    ['a server error without a code but with a severity', pgError({ severity: 'ERROR' }, 'Client was closed and is not queryable')],
    ['a SQLSTATE without a severity', pgError({ code: '22P02' }, 'Connection terminated')],
    ['a NOTICE-level severity', pgError({ code: '01000', severity: 'WARNING' }, 'socket hang up')],
    ['a string', 'Connection terminated'],
    ['null', null],
  ])('%s is not', (_, error) => {
    expect(isPgDisconnect(error)).toBe(false);
  });
});
