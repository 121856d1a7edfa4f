import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Logs of passing tests (workflow commands from @actions/*) are noise; failures keep theirs.
    silent: 'passed-only',
  },
});
