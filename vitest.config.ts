import { defineConfig } from 'vitest/config';

// Three projects, one per tier: unit tests are colocated with the code (*.test.ts) and need nothing running;
// integration tests (test/integration) use the real Postgres and Redis, each file with its own database; end-to-end
// tests (test/e2e) do the same and also run the built CLI (dist/, `npm run build` first) or a real browser.
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
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
