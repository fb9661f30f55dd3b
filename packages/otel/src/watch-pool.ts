import type { CheckinDetail, CheckoutDetail, ConnectDetail, ConnectErrorDetail, ConnectionInfo, Engine } from '@pool/core';
import { errorType } from './error-type.js';

/** Where the pool's timings go: one method per measurement, durations in seconds. */
export interface TimingSink {
  /** A connection was opened in `seconds`. */
  created(seconds: number): void;
  /** An open failed after `seconds`, with this `error.type`. */
  createFailed(seconds: number, errorType: string): void;
  /** A caller got its connection `seconds` after it called `connect()`. */
  waited(seconds: number): void;
  /** A caller gave its connection back after holding it `seconds`. */
  used(seconds: number): void;
  /** A caller got PoolTimeoutError. */
  timedOut(): void;
}

/**
 * Listen to the pool's timed events (which makes it read the clock for them, and only while
 * someone listens) and pass each measurement on. Returns what removes the listeners.
 *
 * A use of exactly 0 means the connection was checked out before anything listened (the pool had
 * not read the clock for that checkout); a real use always takes some time, so it is left out rather
 * than counted as instant. A wait of 0 is real: a checkout served from the idle list at once.
 */
export function watchPool(engine: Pick<Engine<unknown>, 'pool'>, sink: TimingSink): () => void {
  const { pool } = engine;
  const onConnect = (_info: ConnectionInfo, { duration }: ConnectDetail): void => sink.created(duration);
  const onConnectError = ({ duration, error }: ConnectErrorDetail): void => sink.createFailed(duration, errorType(error));
  const onCheckout = (_info: ConnectionInfo, { wait }: CheckoutDetail): void => sink.waited(wait);
  const onCheckin = (_info: ConnectionInfo, { use }: CheckinDetail): void => {
    if (use > 0) sink.used(use);
  };
  const onTimeout = (): void => sink.timedOut();
  pool.on('connect', onConnect);
  pool.on('connectError', onConnectError);
  pool.on('checkout', onCheckout);
  pool.on('checkin', onCheckin);
  pool.on('timeout', onTimeout);
  return () => {
    pool.off('connect', onConnect);
    pool.off('connectError', onConnectError);
    pool.off('checkout', onCheckout);
    pool.off('checkin', onCheckin);
    pool.off('timeout', onTimeout);
  };
}
