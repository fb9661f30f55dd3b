import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

// Integration tests (*.int.test.ts) run against the real servers (PG_URL / MYSQL_URL, or
// containers with POOL_TESTCONTAINERS=1: see test/global-setup.ts) with the real OpenTelemetry
// SDK, prom-client and pino. Each one bounds its own time.
export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: {
    name: 'otel',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
