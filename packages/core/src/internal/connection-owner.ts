import type { Driver } from '../driver.js';
import type { ConnRecord } from './conn-record.js';

/** What a PooledConnection needs from the pool that lent it; kept off the public Pool API. */
export interface ConnectionOwner<Raw> {
  readonly driver: Driver<Raw>;
  /** Take the connection back: reset, then hand on, keep or close it. Never rejects. */
  release(rec: ConnRecord<Raw>): Promise<void>;
  /** Close the connection and free its slot. Never rejects. */
  invalidate(rec: ConnRecord<Raw>, reason: string): Promise<void>;
  /** Pass a statement's result through, within queryTimeout, noticing disconnect errors on the way. */
  run<T>(rec: ConnRecord<Raw>, operation: Promise<T>): Promise<T>;
  /** An error seen on the connection: if it is a disconnect, discard it and suspect older ones. Returns whether it was. */
  noteError(rec: ConnRecord<Raw>, error: unknown): boolean;
}
