import type { Driver } from '../driver.js';
import type { ConnRecord } from './conn-record.js';

/** What a PooledConnection needs from the pool that lent it; kept off the public Pool API. */
export interface ConnectionOwner<Raw> {
  readonly driver: Driver<Raw>;
  /** Take the connection back: reset, then keep, hand on or close it. Never rejects. */
  giveBack(rec: ConnRecord<Raw>): Promise<void>;
  /** Close the connection and free its slot. Never rejects. */
  invalidate(rec: ConnRecord<Raw>, reason: string): Promise<void>;
  /** An error seen on the connection: if it is a disconnect, discard it and suspect older ones. Returns whether it was. */
  noteError(rec: ConnRecord<Raw>, error: unknown): boolean;
  /** Pass an operation's result through, noticing disconnect errors on the way. */
  watch<T>(rec: ConnRecord<Raw>, operation: Promise<T>): Promise<T>;
}
