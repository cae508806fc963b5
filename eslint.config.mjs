import nx from '@nx/eslint-plugin';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (../shared/STYLE.md): dependencies point one way,
 *   workdays ← domain ← analytics;  domain ← core ← areas ← platform ← api / scheduler;  the SPA sees domain, workdays,
 *   analytics only. The data libraries: core, then the areas, which see core and only the areas they declare below
 *   (sharing sees catalog; assessment sees analytics); demo sees every area; platform composes the areas (its tests and
 *   fixtures may use demo).
 * Every project is tagged in its project.json with scope:*, type:*, platform:* and, for the pure libs, layer:*; the
 * data libraries with area:*.
 */
const serverPackages = ['@mikro-orm/*', 'bullmq', 'ioredis', 'express', 'helmet', 'cookie-parser', 'exceljs', 'docx', '@bull-board/*', 'swagger-ui-express'];
const browserPackages = ['vue', 'vue-router', 'vue-i18n', 'pinia', 'element-plus', '@element-plus/*', 'echarts', 'echarts/*', 'vue-echarts'];

/** The pure rule libraries any data library may use. */
const pure = ['layer:calendar', 'layer:rules'];
/** The area libraries (each with its own tag); a new area adds its tag here and its own constraint below. */
const areas = ['area:catalog', 'area:sharing', 'area:gateway', 'area:supervision', 'area:assessment', 'area:opendata', 'area:lifecycle'];

/** Test files of the pure libs may also use the test tools (and the reference calendar package for comparison). */
const testTools = ['vitest', 'vitest/*', 'fast-check', 'chinese-days', 'node:*'];

const depConstraints = (testing) => [
  // the pure layers: workdays imports nothing at all, domain only workdays (and zod), analytics domain + workdays
  { sourceTag: 'layer:calendar', onlyDependOnLibsWithTags: ['layer:calendar'], allowedExternalImports: testing ? testTools : [] },
  { sourceTag: 'layer:rules', onlyDependOnLibsWithTags: ['layer:calendar'], allowedExternalImports: ['zod', ...(testing ? testTools : [])] },
  { sourceTag: 'layer:analytics', onlyDependOnLibsWithTags: ['layer:calendar', 'layer:rules'], allowedExternalImports: ['zod', ...(testing ? testTools : [])] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access'] },
  // the data libraries: core sees only the pure rules; an area sees core and the areas it declares here
  { sourceTag: 'area:core', onlyDependOnLibsWithTags: [...pure] },
  { sourceTag: 'area:catalog', onlyDependOnLibsWithTags: ['area:core', ...pure] },
  { sourceTag: 'area:sharing', onlyDependOnLibsWithTags: ['area:core', 'area:catalog', ...pure] },
  { sourceTag: 'area:gateway', onlyDependOnLibsWithTags: ['area:core', 'area:catalog', 'area:sharing', ...pure] },
  { sourceTag: 'area:supervision', onlyDependOnLibsWithTags: ['area:core', ...pure] },
  { sourceTag: 'area:assessment', onlyDependOnLibsWithTags: ['area:core', 'layer:analytics', ...pure] },
  { sourceTag: 'area:opendata', onlyDependOnLibsWithTags: ['area:core', 'area:catalog', 'area:gateway', ...pure] },
  { sourceTag: 'area:lifecycle', onlyDependOnLibsWithTags: ['area:core', 'area:catalog', 'area:sharing', 'area:gateway', ...pure] },
  { sourceTag: 'area:demo', onlyDependOnLibsWithTags: ['area:core', ...areas, 'layer:analytics', ...pure] },
  { sourceTag: 'area:platform', onlyDependOnLibsWithTags: ['area:core', ...areas, 'layer:analytics', ...pure, ...(testing ? ['area:demo'] : [])] },
  // scopes: the SPA only sees shared code; servers see shared + server code
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  { sourceTag: 'scope:scheduler', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:server'] },
  // platforms: no server package in the browser, no browser framework on the server
  { sourceTag: 'platform:browser', onlyDependOnLibsWithTags: ['platform:browser', 'platform:universal'], bannedExternalImports: [...serverPackages, ...(testing ? [] : ['node:*'])] },
  { sourceTag: 'platform:universal', onlyDependOnLibsWithTags: ['platform:universal'], bannedExternalImports: [...serverPackages, ...browserPackages, ...(testing ? [] : ['node:*'])] },
  { sourceTag: 'platform:node', bannedExternalImports: browserPackages },
];

export function boundaries(testing) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
      depConstraints: depConstraints(testing),
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/vitest.config.*.timestamp*', '**/vite.config.*.timestamp*'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // the SPA's single-file components: Vue's recommended rules, TypeScript inside <script setup>
  ...vue.configs['flat/recommended'].map((c) => ({ ...c, files: ['**/*.vue'] })),
  {
    files: ['**/*.vue'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/vitest.config.mts', '**/vite.config.mts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
];
