import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

// The demo's scenarios on SQLite (no server), and on the shared PostgreSQL and MariaDB
// (PG_URL / MYSQL_URL, or containers with POOL_TESTCONTAINERS=1: see test/global-setup.ts).
export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: {
    name: 'demo',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
