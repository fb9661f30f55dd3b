import { mysqlUrl, pgUrl } from '@pool/testkit';
import { describe, it } from 'vitest';
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
});
