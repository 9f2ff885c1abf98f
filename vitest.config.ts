import { defineConfig } from 'vitest/config';

// Three projects: pure logic (unit), HTTP + real PostgreSQL (int), real browser (e2e).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['domain/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['server/**/*.int.test.ts'],
          expect: { poll: { timeout: 10_000 } },
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // expect.poll waits for a condition; Vitest's default bound is 1 s, which a submit's round
          // trip and live event can pass on a loaded CI machine. The condition still ends the wait.
          expect: { poll: { timeout: 15_000 } },
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
