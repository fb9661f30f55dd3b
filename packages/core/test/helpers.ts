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

/** A logger that records lines instead of printing them. */
export function quietLogger(): { lines: { level: string; message: string }[]; debug: (m: string) => void; info: (m: string) => void; warn: (m: string) => void; error: (m: string) => void } {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The gauges of stats(), for compact assertions. */
export function gauges(engine: Engine<FakeConn>): { open: number; checkedIn: number; checkedOut: number; overflow: number; waiting: number } {
  const { open, checkedIn, checkedOut, overflow, waiting } = engine.pool.stats();
  return { open, checkedIn, checkedOut, overflow, waiting };
}
