import { defineConfig } from 'vitest/config';

// Two kinds of tests: `unit` runs on source and fixtures; `site` runs on the built site, built once by its
// global setup (set FFE_TEST_DIST to an existing build to skip that step while iterating locally).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/site/**', 'tests/e2e/**', 'tests/**/*.site.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/**/*.site.test.ts'],
          globalSetup: ['tests/site/build.global.ts'],
          // One build, one browser: the site tests share the machine's two cores with nothing else.
          fileParallelism: false,
        },
      },
    ],
  },
});
