import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites start servers and child processes; two cores, so keep it modest.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The same integration and contract suites on PostgreSQL (scripts/run-tests.mjs leaves
        // this project out, with a message, when no PostgreSQL server answers and CI is not set).
        test: {
          name: 'server-pg',
          include: ['test/integration/**/*.test.ts', 'test/contract/**/*.test.ts'],
          exclude: [
            'test/integration/crash-recovery.test.ts',
            'test/integration/cli.test.ts',
            'test/integration/store-copy.test.ts',
            // These suites open their own stores whatever TEST_DB says: the server project runs
            // them, once.
            'test/contract/job-store-*.test.ts',
            'test/contract/hostify-rate-limiter.test.ts',
          ],
          environment: 'node',
          env: { TEST_DB: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The HTTP integration suites again on a distributed installation's combination:
        // PostgreSQL store + BullMQ on Redis (workers in the test's process). Left out, with a
        // message, when PostgreSQL or Redis does not answer and CI is not set.
        test: {
          name: 'server-pg-bullmq',
          include: ['test/integration/**/*.test.ts'],
          exclude: [
            'test/integration/crash-recovery.test.ts',
            'test/integration/cli.test.ts',
            'test/integration/store-copy.test.ts',
          ],
          environment: 'node',
          env: { TEST_DB: 'postgres', TEST_ENGINE: 'bullmq-redis' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/**/*.test.tsx', 'web/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['web/src/test-setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
