import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/report.js';
import { renderResult } from '../src/report.js';
import { checkout } from '../src/suites/checkout.js';
import { heap } from '../src/suites/heap.js';
import { latency } from '../src/suites/latency.js';
import { QUICK } from '../src/suites/mode.js';
import { spike } from '../src/suites/spike.js';
import { CHECKOUT_CONTENDERS, CONTENDERS } from '../src/contenders/index.js';

// In this process: the child entry is compiled JavaScript, which a run from source does not have.
const MODE = { ...QUICK, rounds: 1, isolate: false };
const NAMES = CONTENDERS.map((c) => c.name);

/** Every table is rectangular and non-empty, and the result renders. */
function expectWellFormed(result: SuiteResult): void {
  expect(result.skipped).toBeUndefined();
  expect(result.tables.length).toBeGreaterThan(0);
  for (const table of result.tables) {
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
  }
  expect(renderResult(result)).toContain(result.title);
}

const positive = (value: number): void => {
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThan(0);
};

describe('the bench in --quick mode (shapes only, no timing thresholds)', () => {
  it('measures checkout cycles for every contender at 1, 10 and 100 workers, with ratios', async () => {
    const result = await checkout(MODE);
    expectWellFormed(result);
    const rows = result.data;
    expect(rows.map((r) => r.workers)).toEqual([1, 10, 100]);
    for (const row of rows) {
      expect(row.contenders.map((c) => c.name)).toEqual(CHECKOUT_CONTENDERS.map((c) => c.name));
      for (const c of row.contenders) positive(c.median);
      expect(Object.keys(row.ratios).sort()).toEqual(NAMES.filter((n) => n !== '@pool').sort());
      positive(row.vsFastestPeer);
      expect(Object.keys(row.variants)).toEqual(['@pool (release not awaited)', '@pool with OpenTelemetry on']);
      for (const ratio of [...Object.values(row.variants), ...Object.values(row.variantsVsOurs)]) positive(ratio);
    }
    expect(result.targets).toHaveLength(3);
  });

  it('reports acquire latency percentiles for both loads and both holds', async () => {
    const result = await latency(MODE);
    expectWellFormed(result);
    const cells = result.data;
    expect(cells).toHaveLength(NAMES.length * 2 * 2);
    for (const cell of cells) {
      expect(cell.p50).toBeGreaterThanOrEqual(0);
      expect(cell.p99).toBeGreaterThanOrEqual(cell.p50);
      expect(cell.max).toBeGreaterThanOrEqual(cell.p99);
    }
  });

  it('counts the connections each pool keeps after the spike', async () => {
    const result = await spike(MODE);
    expectWellFormed(result);
    for (const cell of result.data) {
      expect(cell.openAtEnd).toBeGreaterThanOrEqual(5);
      expect(cell.openAtEnd).toBeLessThanOrEqual(50);
      positive(cell.spikeMs);
    }
    expect(result.data.find((c) => c.name === '@pool')?.keepsMin).toBe(true);
  });

  it('weighs idle connections and the heap after many cycles', async () => {
    const result = await heap(MODE);
    expectWellFormed(result);
    const cells = result.data;
    expect(cells.map((c) => c.name)).toEqual(NAMES);
    for (const cell of cells) {
      expect(Number.isFinite(cell.perIdle)).toBe(true);
      expect(Number.isFinite(cell.growth)).toBe(true);
      positive(cell.clientBytes);
    }
  });
});
