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
  },
});
