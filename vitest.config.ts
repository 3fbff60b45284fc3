import { defineConfig } from 'vitest/config';

// Two projects: unit tests are colocated with the code (*.test.ts) and need nothing running;
// integration and end-to-end tests (test/**) use the real Postgres and Redis, each file with its own database.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'services/**/*.test.ts',
            'workers/**/*.test.ts',
            'dashboards/**/*.test.ts',
            'tools/**/*.test.ts',
          ],
          environment: 'node',
          // Limits far above the slowest unit test (5 s on a loaded 2-core machine, fixed work such as building
          // the lexicon): a test is never near its limit, and speed is measured by the benchmarks, not here.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
