import type { Engine, EngineOptions } from '../src/index.js';
import { createEngine } from '../src/index.js';
import type { FakeConn, FakeDriverOptions } from './fake-driver.js';
import { FakeDriver } from './fake-driver.js';

export interface TestEngine extends AsyncDisposable {
  readonly engine: Engine<FakeConn>;
  readonly driver: FakeDriver;
}

/** An engine on the fake driver, disposed by `await using`. */
export function fakeEngine(options: EngineOptions<FakeConn> = {}, driverOptions: FakeDriverOptions = {}, setup?: (driver: FakeDriver) => void): TestEngine {
  const driver = new FakeDriver(driverOptions);
  setup?.(driver);
  const engine = createEngine<FakeConn>('fake://app:secret@db/test', { logger: quietLogger(), ...options, driver });
  return { engine, driver, [Symbol.asyncDispose]: () => engine.dispose() };
}

/** One line a quiet logger recorded: the level, the fields (pino's first argument) and the message. */
export interface LoggedLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

type Log = (fields: Record<string, unknown>, message: string) => void;

/** A logger that records lines instead of printing them. */
export function quietLogger(): { lines: LoggedLine[]; debug: Log; info: Log; warn: Log; error: Log } {
  const lines: LoggedLine[] = [];
  const at = (level: string): Log => (fields, message) => void lines.push({ level, fields, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Connect until it works: while opens fail the pool refuses callers at once and probes the
 * server with backoff (at most 1 s apart), so the first success can take that long.
 */
export async function connectOnceBack(engine: Engine<FakeConn>, withinMs = 2000): Promise<Awaited<ReturnType<Engine<FakeConn>['connect']>>> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    try {
      return await engine.connect();
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Poll `condition` every 5 ms until it holds, failing after `ms`. */
export async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The gauges of stats(), for compact assertions. */
export function gauges(engine: Engine<FakeConn>): { open: number; checkedIn: number; checkedOut: number; overflow: number; waiting: number } {
  const { open, checkedIn, checkedOut, overflow, waiting } = engine.pool.stats();
  return { open, checkedIn, checkedOut, overflow, waiting };
}
