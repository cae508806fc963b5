import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/libs/lifecycle',
  test: {
    name: 'lifecycle',
    watch: false,
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    reporters: ['default'],
    // test files share one module graph per worker (importing the app and its libraries once, not once per file);
    // every file still gets its own throw-away database, and the registries it touches are installed idempotently
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
