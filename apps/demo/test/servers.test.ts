import { mysqlUrl, pgUrl } from '@pool/testkit';
import { describe, expect, it } from 'vitest';
import { expectReport, runDemoCli } from './run-cli.js';

// The same scenarios against the shared servers: 15 connections at most at any time, and the
// stale pitfall kills only the sessions its own pool opened.
describe('DATABASE_URL=… pnpm demo --json on a server', () => {
  it('PostgreSQL: the same summaries, every pitfall caught', async () => {
    expectReport(await runDemoCli(['--json'], pgUrl()), /^postgres(ql)?:\/\//);
  });

  it('MariaDB: the same summaries, every pitfall caught', async () => {
    expectReport(await runDemoCli(['--json'], mysqlUrl()), /^(mysql|mariadb):\/\//);
  });

  it('PostgreSQL with --metrics: each pool exports the nine metrics, the timeouts of the exhaustion pitfall counted', async () => {
    const run = await runDemoCli(['--metrics'], pgUrl());
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout.match(/^OpenTelemetry export, scope @pool\/otel /gm)).toHaveLength(8);
    expect(run.stdout.match(/^ {2}db\.client\.connection\./gm)).toHaveLength(8 * 9);
    expect(run.stdout).toMatch(/pool\.name="sqlalchemy":\n {2}db\.client\.connection\.count +used=0 idle=5 \{connection\}\n/);
    expect(run.stdout).toMatch(/pool\.name="exhaustion":\n(.*\n)*? {2}db\.client\.connection\.timeouts +2 \{timeout\}\n/);
  });
});
