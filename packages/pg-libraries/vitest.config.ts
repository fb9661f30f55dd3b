import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

// Each *.int.test.ts drives one real library over toPgPool against the shared PostgreSQL
// (PG_URL), isolated by a unique application_name and unique table names.
export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: {
    name: 'pg-libraries',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
