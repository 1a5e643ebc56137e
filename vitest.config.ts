import { defineConfig } from 'vitest/config';

// Three projects: unit (pure logic, fast), integration (real services started once per run by
// ops/test/support/stackSetup.ts), browser (the built renderer in Debian Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.browser.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/test/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['ops/test/support/stackSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['**/test/**/*.browser.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['ops/test/support/browserSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
