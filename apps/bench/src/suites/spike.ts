import type { Contender, ContenderKind } from '../contenders/index.js';
import { CONTENDERS } from '../contenders/index.js';
import { median, now, sleep, until } from '../measure.js';
import type { SuiteResult } from '../report.js';
import { fixed } from '../report.js';
import { alternate } from '../rounds.js';
import type { Mode } from './mode.js';

/** HikariCP's "spike demand" setup. */
const CONNECT_MS = 150;
const WORK_MS = 2;
const CALLERS = 50;
const MIN = 5;
const MAX = 50;

/** One contender's spike: connections left open, how long the spike took, who waited longest. */
export interface SpikeCell {
  readonly name: string;
  /** Median over rounds. */
  readonly openAtEnd: number;
  readonly spikeMs: number;
  readonly maxWaitMs: number;
  /** Whether the pool opened `min` items by itself (else the bench warmed it by checking 5 out). */
  readonly keepsMin: boolean;
}

interface SpikeRound {
  readonly openAtEnd: number;
  readonly spikeMs: number;
  readonly maxWaitMs: number;
  readonly keepsMin: boolean;
}

/** Bring the pool to `MIN` idle items: its own minimum if it keeps one, else 5 checkouts returned. */
async function warm(c: Contender): Promise<boolean> {
  // Pools that open a couple at a time (maxConnecting) need three connect times for five.
  const keepsMin = await until(() => c.open() >= MIN, 3 * CONNECT_MS + 100);
  if (!keepsMin) {
    const items = await Promise.all(Array.from({ length: MIN }, () => c.acquire()));
    await Promise.all(items.map((item) => c.release(item)));
  }
  await sleep(20);
  return keepsMin;
}

async function spikeOnce(kind: ContenderKind): Promise<SpikeRound> {
  const c = kind.create({ max: MAX, min: MIN, connectMs: CONNECT_MS });
  try {
    const keepsMin = await warm(c);
    const start = now();
    const waits = await Promise.all(Array.from({ length: CALLERS }, async () => {
      const asked = now();
      const item = await c.acquire();
      const waited = now() - asked;
      await sleep(WORK_MS);
      await c.release(item);
      return waited;
    }));
    const spikeMs = now() - start;
    // Opens still in flight finish and count: what the pool holds once the spike is over.
    await sleep(CONNECT_MS + 100);
    return { openAtEnd: c.open(), spikeMs, maxWaitMs: Math.max(...waits), keepsMin };
  } finally {
    await c.close();
  }
}

/** Part 4: HikariCP's spike test. Connects cost 150 ms, work 2 ms, 50 callers at once, min 5, max 50. */
export async function spike(mode: Mode, kinds: readonly ContenderKind[] = CONTENDERS): Promise<SuiteResult<SpikeCell[]>> {
  const rounds = mode.quick ? 1 : 3;
  const perRound = await alternate(kinds, rounds, (kind) => spikeOnce(kind), { warmUp: false });
  const cells = kinds.map((kind): SpikeCell => {
    const runs = perRound.get(kind.name)!;
    return {
      name: kind.name, openAtEnd: median(runs.map((r) => r.openAtEnd)), spikeMs: median(runs.map((r) => r.spikeMs)),
      maxWaitMs: median(runs.map((r) => r.maxWaitMs)), keepsMin: runs.every((r) => r.keepsMin),
    };
  });
  return {
    name: 'spike',
    title: '4. Spike demand (HikariCP\'s test)',
    tables: [{
      title: `Connections open after ${CALLERS} callers arrive at once (connect ${CONNECT_MS} ms, work ${WORK_MS} ms, min ${MIN}, max ${MAX}; median of ${rounds})`,
      columns: ['contender', 'open at end', 'spike took (ms)', 'longest wait (ms)', 'keeps min itself'],
      rows: cells.map((c) => [c.name, fixed(c.openAtEnd, 0), fixed(c.spikeMs, 0), fixed(c.maxWaitMs, 0), c.keepsMin ? 'yes' : 'no (warmed by hand)']),
    }],
    notes: [
      'HikariCP ends this test with 5–6 connections: its waiters take whichever comes first, a returned connection or a new one, and it opens one connection at a time.',
      'A pool that opens one connection per caller who finds none idle ends with ~45 more, each caller waiting a full connect (150 ms) for 2 ms of work.',
      '@pool runs `poolSize: 50, maxOverflow: 0, minSize: 5` (idleTimeout off, so what opened stays open) and its default `maxConnecting: 2`: its waiters take whichever comes first, and it opens at most two at a time.',
      'tarn and sequelize-pool also hand returned items to waiting callers (short waits), but open one item per caller that found none idle (50 at the end).',
    ],
    data: cells,
  };
}
