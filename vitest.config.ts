import { defineConfig } from 'vitest/config';

// With TEST_DATABASE_URL set (CI), the end-to-end tests run twice: on PostgreSQL (project `e2e`) and on the
// embedded PGlite (project `e2e-pglite`), the two databases a user can run the app on. Storage tests cover both
// backends inside one run (test/support/test-database.ts).
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Database and end-to-end tests start servers; two cores — keep parallelism modest.
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
      // The fault suite (issue 10): real app processes under SIGKILL, hostile bodies, 429 storms, outages.
      { extends: true, test: { name: 'faults', include: ['test/faults/**/*.test.ts'] } },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e-pglite',
                include: ['test/e2e/**/*.test.ts'],
                env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', SSM_WHY_E2E_DATABASE: 'pglite' },
              },
            },
          ]
        : []),
    ],
  },
});
