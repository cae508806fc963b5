// A plain object instead of defineConfig from 'vitest/config': the root boundary rule allows `vitest` in test files
// but not its `vitest/config` entry point (even as a type import), and defineConfig adds nothing at run time.
export default {
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/libs/workdays',
  test: {
    name: 'workdays',
    watch: false,
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    reporters: ['default'],
  },
};
