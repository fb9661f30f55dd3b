import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_CONTENDERS } from '../src/faults/fault-contenders.js';
import type { FaultCell } from '../src/faults/fault-run.js';
import { FAULT_SCENARIOS } from '../src/faults/fault-scenarios.js';
import { attemptsTable, faultTable } from '../src/faults/fault-table.js';
import { FAULTS_BEGIN, FAULTS_END, writeGeneratedSection } from '../src/faults/readme-section.js';
import { faultNotes } from '../src/suites/faults.js';

function cell(scenario: string, contender: string, overrides: Partial<FaultCell> = {}): FaultCell {
  return {
    scenario, contender, calls: 100, failed: 3, hung: 0, longestMs: 420, firstGoodMs: 35, connects: 10, attemptsPerSecond: undefined, uncaught: 0,
    ...overrides,
  };
}

describe('the faults comparison, as printed and as written into the README', () => {
  it('one row per scenario, four columns per pool; hung calls, no recovery and no outage said as such', () => {
    const pg = FAULT_CONTENDERS.filter((c) => c.driver === 'pg');
    const scenarios = FAULT_SCENARIOS.filter((s) => ['down', 'blackhole-lost', 'kills'].includes(s.key));
    const cells = [
      cell('down', '@pool/pg'),
      cell('down', 'pg.Pool', { longestMs: 2500 }),
      cell('blackhole-lost', '@pool/pg', { hung: 10, failed: 12, calls: 20, longestMs: 7400, firstGoodMs: Infinity }),
      cell('kills', '@pool/pg', { firstGoodMs: NaN }),
    ];
    const table = faultTable('PostgreSQL', scenarios, pg, cells, 8000);
    expect(table.columns).toEqual(['scenario', '@pool/pg: failed', 'longest call', 'first good', 'connects', 'pg.Pool: failed', 'longest call', 'first good', 'connects']);
    expect(table.rows).toHaveLength(3);
    for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    expect(table.rows[0]).toEqual([scenarios[0]!.label, '3/100', '420 ms', '35 ms', '10', '3/100', '2.5 s', '35 ms', '10']);
    expect(table.rows[1]!.slice(1, 5)).toEqual(['12/20 (10 hung)', '≥ 7.4 s (hung)', 'none in 8.0 s', '10']);
    expect(table.rows[1]!.slice(5)).toEqual(['–', '–', '–', '–']);
    expect(table.rows[2]![3]).toBe('–');
  });

  it('attempts per second only where they were counted', () => {
    expect(attemptsTable([cell('down', '@pool/pg')])).toBeUndefined();
    const table = attemptsTable([cell('full', '@pool/pg', { attemptsPerSecond: 3.25 }), cell('full', 'pg.Pool', { attemptsPerSecond: 512 })]);
    expect(table?.rows).toEqual([['@pool/pg', '3.3', '3/100'], ['pg.Pool', '512.0', '3/100']]);
  });

  it('notes give every row its meaning, and name a pool that raised uncaught errors', () => {
    const notes = faultNotes(FAULT_SCENARIOS, { warmMs: 500, faultMs: 3000, afterFirstGoodMs: 500, recoveryCapMs: 8000 }, [cell('kills', 'pg.Pool', { uncaught: 4 })]);
    for (const scenario of FAULT_SCENARIOS) expect(notes.some((note) => note.includes(scenario.label) && note.includes(scenario.meaning))).toBe(true);
    expect(notes.at(-1)).toMatch(/pg\.Pool raised 4 uncaught/);
  });

  it('replaces only what lies between the markers, and refuses a README without them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-readme-'));
    try {
      const file = join(dir, 'README.md');
      await writeFile(file, `# Title\n\nintro\n\n${FAULTS_BEGIN}\nold table\n${FAULTS_END}\n\n## Next\n`);
      await writeGeneratedSection(file, '| new | table |\n');
      expect(await readFile(file, 'utf8')).toBe(`# Title\n\nintro\n\n${FAULTS_BEGIN}\n| new | table |\n${FAULTS_END}\n\n## Next\n`);
      await writeGeneratedSection(file, 'again');
      expect(await readFile(file, 'utf8')).toContain(`${FAULTS_BEGIN}\nagain\n${FAULTS_END}`);
      await writeFile(file, '# no markers\n');
      await expect(writeGeneratedSection(file, 'x')).rejects.toThrow(/markers/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the root README has the section and its markers', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('## When the database misbehaves');
    expect(readme.indexOf(FAULTS_BEGIN)).toBeGreaterThan(readme.indexOf('## When the database misbehaves'));
    expect(readme.indexOf(FAULTS_END)).toBeGreaterThan(readme.indexOf(FAULTS_BEGIN));
  });
});
