import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.js';

// The bench's own test runs the core-only comparisons in --quick mode and checks the shape of
// what they produce. It asserts no timings: CI machines are too noisy for that.
export default defineProject({
  resolve: { alias: workspaceAliases() },
  test: { name: 'bench', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
