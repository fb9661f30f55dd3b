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
    expect(bad.stderr).toContain('Usage: pnpm demo [--json] [--out DIR]');

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
