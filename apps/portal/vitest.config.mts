import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/portal-test',
  plugins: [vue()],
  test: {
    name: 'portal',
    watch: false,
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    reporters: ['default'],
  },
});
