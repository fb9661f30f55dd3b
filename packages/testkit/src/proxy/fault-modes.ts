/** What happens to bytes in one direction of a proxied connection. */
export type Flow = 'pass' | 'hold' | 'drop';

/** What a blackhole does with the bytes it swallows. */
export type BlackholeBytes = 'hold' | 'drop';

/** Which way a delay applies. */
export type Direction = 'up' | 'down' | 'both';

/** Options of `delay()`. */
export interface DelayOptions {
  /**
   * `'down'` (default): chunks from the server to the client, so every round trip takes `ms`
   * longer (toxiproxy's latency toxic); `'up'`: client to server; `'both'`: each way.
   */
  readonly direction?: Direction;
}

/** The faults a connection (or the whole proxy) is under, as `connections()` reports them. */
export interface FaultState {
  /** Client → server. */
  readonly up: Flow;
  /** Server → client. */
  readonly down: Flow;
  readonly delayUpMs: number;
  readonly delayDownMs: number;
}

/** No fault: bytes pass both ways at once. */
export const HEALTHY: FaultState = Object.freeze({ up: 'pass', down: 'pass', delayUpMs: 0, delayDownMs: 0 });

/** `state` with a blackhole both ways. */
export function withBlackhole(state: FaultState, bytes: BlackholeBytes): FaultState {
  return { ...state, up: bytes, down: bytes };
}

/** `state` with `ms` of delay in `direction`. */
export function withDelay(state: FaultState, ms: number, direction: Direction = 'down'): FaultState {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`delay must be a number of milliseconds ≥ 0, got ${ms}`);
  return {
    ...state,
    delayUpMs: direction === 'down' ? state.delayUpMs : ms,
    delayDownMs: direction === 'up' ? state.delayDownMs : ms,
  };
}
