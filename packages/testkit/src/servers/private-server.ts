import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { sleep } from '../wait.js';

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

/** How to run one private server process: what `managePrivateServer` needs. */
export interface ServerProcess {
  /** What the errors call it, e.g. `private postgres on port 5433`. */
  readonly label: string;
  readonly url: string;
  readonly port: number;
  /** Its temp directory, deleted by dispose(). */
  readonly dir: string;
  /** Milliseconds start() waits for `ready()` to succeed. */
  readonly startTimeoutMs: number;
  /** Where to look when it dies while starting (appended to the error), if anywhere. */
  readonly logHint?: string;
  spawn(): ChildProcess;
  /** Resolves once it accepts connections (and whatever setup it needs is done). */
  ready(): Promise<void>;
  /** Ask the running process to shut down and resolve once it has exited. */
  shutdown(child: ChildProcess): Promise<void>;
}

/**
 * Start a server process and give the test its handle: start (polling `ready()` until it answers
 * or the process exits), stop, restart, and dispose (stop, then delete its directory). A server
 * that fails to start is disposed before the error is thrown.
 */
export async function managePrivateServer(server: ServerProcess): Promise<PrivateServer> {
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    if (child !== undefined) return;
    const started = server.spawn();
    child = started;
    const deadline = Date.now() + server.startTimeoutMs;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        child = undefined;
        const hint = server.logHint === undefined ? '' : `; see ${server.logHint}`;
        throw new Error(`${server.label} exited while starting (${started.exitCode ?? started.signalCode})${hint}`);
      }
      try {
        await server.ready();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${server.label} did not start within ${server.startTimeoutMs} ms`, { cause: error });
      }
      await sleep(20);
    }
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running !== undefined) await server.shutdown(running);
  };
  const dispose = async (): Promise<void> => {
    await stop();
    await rm(server.dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    get running() {
      return child !== undefined;
    },
    start,
    stop,
    restart: async ({ downFor = 0 } = {}) => {
      await stop();
      if (downFor > 0) await sleep(downFor * 1000);
      await start();
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}
