import baseConfig, { boundaries } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // the platform's test fixtures (its `./testing` entry) are test code: like its specs, they may seed the demo data
  { files: ['src/testing/**/*.ts'], rules: { '@nx/enforce-module-boundaries': boundaries(true) } },
];
