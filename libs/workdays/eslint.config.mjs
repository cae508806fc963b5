import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The root allow-list for test files names `vitest` but not its `vitest/config` entry point (the same error shows
    // in every lib); a build config is not library code, so the boundary rule has nothing to protect here.
    files: ['vitest.config.mts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
