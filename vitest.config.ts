import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The default output, plus one line naming tests skipped for a missing program.
    reporters: ['default', './test/helpers/skipped-tools-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/contract/**/*.test.ts'],
          setupFiles: ['test/msw/setup.ts'],
          sequence: { groupOrder: 0 },
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // e2e tests spawn processes and servers; two cores, so keep parallelism modest.
          maxWorkers: 2,
          // After the fast unit project, so a broken basic fails early.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          // The sample app's own suite, as a user writes one: it imports rosi/testing as the package exports it
          // (package.json "exports", which Node and vitest resolve from inside the package), so it runs the build.
          name: 'example',
          include: ['examples/hello-rosi/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
