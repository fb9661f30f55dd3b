/** A throwaway database server a test owns: it may stop and restart it at will. */
export interface PrivateServer extends AsyncDisposable {
  /** URL of its test database (with the password, if the server has one). */
  readonly url: string;
  readonly port: number;
  /** Whether it is accepting connections (between start and stop). */
  readonly running: boolean;
  /** Start it again after stop(); resolves once it accepts connections. */
  start(): Promise<void>;
  /** Shut it down (sessions are terminated, as in a real restart); resolves once it has exited. */
  stop(): Promise<void>;
  /** stop(), stay down `downFor` seconds (default 0), start(); resolves once it accepts again. */
  restart(options?: { downFor?: number }): Promise<void>;
  /** Stop it and delete its data directory. */
  dispose(): Promise<void>;
}
