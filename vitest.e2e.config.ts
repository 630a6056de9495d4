import { defineConfig } from 'vitest/config';

// End-to-end tests drive real browsers against the real reference provider, one file at a time
// (two cores: parallel browsers only make each other slow and flaky).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
