import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@pool/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectReport, runDemoCli } from './run-cli.js';

describe('pnpm demo on the embedded SQLite file (no DATABASE_URL)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('--json prints one JSON document: the four scenarios within their limits, the four pitfalls caught', async () => {
    const run = await runDemoCli(['--json']);
    const report = expectReport(run, /^sqlite:\/\/\/\/.+\/pool-demo-[^/]+\/demo\.db$/);
    // The temporary folder is gone: no pictures were asked for, and the database is never kept.
    expect(existsSync(report.url.slice('sqlite:///'.length))).toBe(false);
    const details = Object.fromEntries(report.scenarios.slice(4).map((p) => [p.name, 'detail' in p ? p.detail : '']));
    expect(details.exhaustion).toContain('2 answered 503');
    expect(details.exhaustion).toContain('QueuePool limit of size 2 overflow 0 reached, connection timed out, timeout 0.20');
    expect(details.leak).toContain('forgetfulHandler');
    expect(details.stale).toMatch(/the next 3 checkouts all worked, on new connections/);
    expect(details.reset).toMatch(/rolled back on return; the next user of PID (\d+) saw 0 of its rows/);
  });

  it('prints per-task lines, each summary and the path of each timeline picture', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pool-demo-test-'));
    try {
      const run = await runDemoCli(['--out', out]);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      const lines = run.stdout.split('\n');
      expect(lines.filter((line) => /^Task \d+: connection obtained \(backend PID \d+\) after \d+\.\d{3} s$/.test(line))).toHaveLength(20 + 15 + 8 + 15);
      expect(lines).toContainEqual(expect.stringMatching(/^Summary: 20 tasks, 0 failed; 15 distinct backend PIDs; at most 15 connections open at once \(limit 15\); 5 tasks waited; wall time \d+\.\d{3} s$/));
      expect(lines).toContain('Final status: Pool size: 10  Connections in pool: 10 Current Overflow: 0 Current Checked out connections: 0');
      expect(lines).toContain(`Timeline: ${join(out, 'sqlalchemy.svg')}`);
      expect(lines.at(-2)).toBe('Every scenario kept its limits and every pitfall was caught.');
      expect(readdirSync(out).sort()).toEqual(['asyncpg.svg', 'mysql-connector.svg', 'psycopg2.svg', 'sqlalchemy.svg']);
      const svg = readFileSync(join(out, 'sqlalchemy.svg'), 'utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg.match(/>Task \d+</g)).toHaveLength(20);
      // A bar per task, coloured by backend PID: 15 connections, so 15 colours.
      const fills = [...svg.matchAll(/<rect [^>]*fill="(hsl[^"]+)"/g)].map((m) => m[1]);
      expect(fills).toHaveLength(20);
      expect(new Set(fills).size).toBe(15);
      expect(svg.match(/stroke-dasharray/g)?.length).toBeGreaterThanOrEqual(5);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('--metrics prints, after each scenario, the OpenTelemetry metrics its pool exported', async () => {
    const run = await runDemoCli(['--metrics']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const exports = metricBlocks(run.stdout);
    expect([...exports.keys()]).toEqual(['sqlalchemy', 'psycopg2', 'mysql-connector', 'asyncpg', 'exhaustion', 'leak', 'stale', 'reset']);
    const sqlalchemy = exports.get('sqlalchemy')!;
    // Exported before dispose: the pool as the tasks left it, 5 idle, 15 at most.
    expect(sqlalchemy.get('db.client.connection.count')).toBe('used=0 idle=5 {connection}');
    expect(sqlalchemy.get('db.client.connection.max')).toBe('15 {connection}');
    expect(sqlalchemy.get('db.client.connection.idle.max')).toBe('5 {connection}');
    expect(sqlalchemy.get('db.client.connection.pending_requests')).toBe('0 {request}');
    expect(sqlalchemy.get('db.client.connection.create_time')).toMatch(/^count 15, sum \d+\.\d{4} s, min /);
    // 20 tasks: 20 waits, the longest a task that queued for a returned connection (about 0.1 s);
    // 20 uses of about 0.1 s each (timers may fire a little early: the 0.1 or the 0.25 bucket).
    expect(sqlalchemy.get('db.client.connection.wait_time')).toMatch(/^count 20, .*, max 0\.(09|1|2)\d+ s; buckets /);
    expect(sqlalchemy.get('db.client.connection.use_time')).toMatch(/^count 20, .*; buckets (≤0\.1: \d+, )?≤0\.25: \d+$/);
    expect(exports.get('psycopg2')!.get('db.client.connection.idle.min')).toBe('3 {connection}');
    expect(exports.get('exhaustion')!.get('db.client.connection.timeouts')).toBe('2 {timeout}');
    for (const metrics of exports.values()) expect(metrics.size).toBe(9);
    // Each block follows its scenario's outcome.
    const lines = run.stdout.split('\n');
    expect(lines[lines.indexOf('OpenTelemetry export, scope @pool/otel 0.1.0, db.client.connection.pool.name="exhaustion":') - 1]).toMatch(/^Caught: 4 requests/);
  });

  it('exits 1 and names the pitfall when the pool lets it through', async () => {
    // Misconfigured from the environment: transactions are no longer rolled back on return.
    vi.stubEnv('POOL_RESET_ON_RETURN', 'false');
    const run = await runDemoCli(['--json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { scenarios: { name: string; ok?: boolean }[] };
    expect(report.scenarios.find((s) => s.name === 'reset')).toMatchObject({ ok: false });
    expect(run.stderr).toMatch(/^demo: reset: a transaction left open on PID \d+ was not reset/m);
  });

  it('exits 2 with a message for bad arguments, an in-memory database or an unreachable server', async () => {
    const bad = await runDemoCli(['--jsn']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--jsn'/);
    expect(bad.stderr).toContain('Usage: pnpm demo [--json | --metrics] [--out DIR]');

    const both = await runDemoCli(['--json', '--metrics']);
    expect(both).toMatchObject({ status: 2, stdout: '' });
    expect(both.stderr).toContain('--metrics prints text after each scenario; it cannot be combined with --json');

    const memory = await runDemoCli(['--json'], 'sqlite:///:memory:');
    expect(memory).toMatchObject({ status: 2, stdout: '' });
    expect(memory.stderr).toMatch(/:memory: is one connection/);

    const port = await freePort();
    const down = await runDemoCli(['--json'], `postgresql://demo:s3cret@127.0.0.1:${port}/demo`);
    expect(down).toMatchObject({ status: 2, stdout: '' });
    expect(down.stderr).toContain(`could not run on postgresql://demo:***@127.0.0.1:${port}/demo`);
    expect(down.stderr).not.toContain('s3cret');
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await runDemoCli(['--help']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toContain('DATABASE_URL');
  });
});

/** The `--metrics` blocks of the output: pool name → metric name → what was printed for it. */
function metricBlocks(stdout: string): Map<string, Map<string, string>> {
  const blocks = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of stdout.split('\n')) {
    const header = /^OpenTelemetry export, scope @pool\/otel \S+, db\.client\.connection\.pool\.name="([^"]+)":$/.exec(line);
    if (header !== null) {
      blocks.set(header[1]!, (current = new Map<string, string>()));
      continue;
    }
    const metric = /^ {2}(db\.client\.connection\.\S+)\s+(.*)$/.exec(line);
    if (metric !== null && current !== undefined) current.set(metric[1]!, metric[2]!);
    else current = undefined;
  }
  return blocks;
}
