import { expect } from 'vitest';
import { runCli } from '../src/cli.js';
import type { DemoReport } from '../src/run-demo.js';

/** What one run of the CLI printed, and its exit status. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the demo's CLI in this process, as `pnpm demo …args` would with `DATABASE_URL` as given. */
export async function runDemoCli(args: readonly string[], databaseUrl?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { DATABASE_URL: databaseUrl },
  });
  return { status, stdout, stderr };
}

/** The fixed part of `finalStatus` once every task returned: `poolSize` idle, no overflow. */
function settled(poolSize: number): string {
  return `Pool size: ${poolSize}  Connections in pool: ${poolSize} Current Overflow: 0 Current Checked out connections: 0`;
}

/**
 * What the guide's numbers must give on any database: every task done, never more connections
 * than poolSize + maxOverflow, the overflow tasks waiting, the pool settled at poolSize.
 */
export const EXPECTED_SCENARIOS = [
  { name: 'sqlalchemy', tasks: 20, failed: 0, distinctConnections: 15, maxOpen: 15, waited: 5, finalStatus: settled(5) },
  { name: 'psycopg2', tasks: 15, failed: 0, distinctConnections: 10, maxOpen: 10, waited: 5, finalStatus: settled(3) },
  { name: 'mysql-connector', tasks: 8, failed: 0, distinctConnections: 5, maxOpen: 5, waited: 3, finalStatus: settled(5) },
  { name: 'asyncpg', tasks: 15, failed: 0, distinctConnections: 10, maxOpen: 10, waited: 5, finalStatus: settled(10) },
];

/** The JSON report of `pnpm demo --json`, checked key by key against the expected summaries. */
export function expectReport(run: CliRun, url: string | RegExp): DemoReport {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout) as DemoReport;
  expect(Object.keys(report)).toEqual(['url', 'scenarios']);
  expect(report.url).toMatch(url);
  expect(report.scenarios.map((s) => s.name)).toEqual(['sqlalchemy', 'psycopg2', 'mysql-connector', 'asyncpg', 'exhaustion', 'leak', 'stale', 'reset']);
  EXPECTED_SCENARIOS.forEach((expected, i) => {
    const scenario = report.scenarios[i] as unknown as Record<string, unknown>;
    expect(Object.keys(scenario)).toEqual(['name', 'tasks', 'failed', 'distinctConnections', 'maxOpen', 'waited', 'wallSeconds', 'finalStatus']);
    expect(scenario).toMatchObject(expected);
    expect(scenario.wallSeconds).toBeTypeOf('number');
  });
  for (const pitfall of report.scenarios.slice(4)) {
    expect(Object.keys(pitfall)).toEqual(['name', 'ok', 'detail']);
    expect(pitfall, (pitfall as { detail?: string }).detail).toMatchObject({ ok: true });
  }
  return report;
}
