import type { Engine } from '@pool/core';
import { isDisconnectError } from '@pool/core';
import { describe, expect, it } from 'vitest';
import { sleep } from '../wait.js';
import { gauges } from './helpers.js';
import type { ConformanceTarget } from './target.js';

interface LoopRecord {
  readonly successes: number[];
  readonly failures: { at: number; error: unknown }[];
}

/** `workers` callers running `SELECT 1` back to back until `stop` is set. */
function queryLoop<Raw>(engine: Engine<Raw>, workers: number, running: () => boolean): { record: LoopRecord; done: Promise<void> } {
  const record: LoopRecord = { successes: [], failures: [] };
  const worker = async (): Promise<void> => {
    while (running()) {
      try {
        await engine.query('SELECT 1 AS one');
        record.successes.push(Date.now());
      } catch (error) {
        record.failures.push({ at: Date.now(), error });
        await sleep(20);
      }
      await sleep(5);
    }
  };
  return { record, done: Promise.all(Array.from({ length: workers }, worker)).then(() => undefined) };
}

/** A private server restarted under a query loop (test 7 of the suite). */
export function describeServerRestart<Raw>(target: ConformanceTarget<Raw>): void {
  const startPrivateServer = target.startPrivateServer?.bind(target);
  if (startPrivateServer === undefined) return;
  describe(`${target.name}: server restart`, () => {
    it('a query loop rides through a server restart and recovers by itself once the server accepts again', async () => {
      await using server = await startPrivateServer();
      await using engine = target.createEngine(server.url, { poolSize: 3, maxOverflow: 0, connectTimeout: 2, poolTimeout: 5 });
      let running = true;
      const loop = queryLoop(engine, 3, () => running);
      try {
        await sleep(300);
        expect(loop.record.successes.length).toBeGreaterThan(0);
        const downAt = Date.now();
        await server.restart({ downFor: 0.5 });
        const upAt = Date.now();
        const deadline = upAt + 10_000;
        while (!loop.record.successes.some((at) => at > upAt) && Date.now() < deadline) await sleep(10);
        const recoveredAt = loop.record.successes.find((at) => at > upAt);
        expect(recoveredAt, 'a query succeeded after the restart').toBeDefined();
        // "Within a second or two": generous, as the machine is shared with the rest of the run.
        expect(recoveredAt! - upAt).toBeLessThan(3000);
        const failed = loop.record.failures.filter((failure) => failure.at >= downAt);
        expect(failed.length).toBeGreaterThan(0);
        expect(failed.filter((failure) => !isDisconnectError(failure.error)).map((failure) => String(failure.error))).toEqual([]);
        await sleep(200);
      } finally {
        running = false;
        await loop.done;
      }
      expect(gauges(engine)).toMatchObject({ checkedOut: 0, waiting: 0 });
      expect((await engine.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });
}
