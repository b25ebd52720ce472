import { defineConfig } from 'vitest/config';

// Two projects: fast unit/oracle/property tests, and end-to-end tests that drive
// the built web app in Chromium (see scripts/test.mjs for how they are combined).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // vitest's default (available cores − 1) is one worker on a 2-core
          // machine: files would run one at a time with idle import gaps.
          maxWorkers: 2,
          globalSetup: ['test/support/compiledCli.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // every file serves its own copy of dist/web on a free port and
          // launches its own Chromium with a fresh profile (test/e2e/browser.ts),
          // so two files run side by side; the build happens once, first
          fileParallelism: true,
          maxWorkers: 2,
          globalSetup: ['test/e2e/webBuild.ts'],
        },
      },
    ],
  },
});
