import { defineConfig } from 'vitest/config';

// One run over every package and app. Vitest fails the run on any unhandled rejection or
// uncaught exception (dangerouslyIgnoreUnhandledErrors stays off), which the pool relies on:
// a background failure must become an event or a log line, never an unhandled rejection.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
