import { defineConfig } from 'vitest/config';

// `npm test` runs every project's vitest config in one process.
export default defineConfig({
  test: {
    projects: ['apps/*/vitest.config.mts', 'libs/*/vitest.config.mts', 'tools/vitest.config.mts'],
  },
});
