import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The popup links to the build's account service when the settings name none (scripts/build.mjs).
  define: { __ACCOUNT_SERVICE_URL__: JSON.stringify('http://127.0.0.1:18100') },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'server/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    // Every core: vitest's default keeps one free, which on a 2-core machine is one test file at a
    // time (measured: 207 s for the suite, 132 s with both cores; the files wait on servers, timers
    // and child processes about as much as they compute).
    maxWorkers: availableParallelism(),
  },
});
