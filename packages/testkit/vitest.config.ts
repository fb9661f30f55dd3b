import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

// The kit's own helpers: private servers, PgBouncer, the silent server, waits.
export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: {
    name: 'testkit',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
