import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

/**
 * Writes `<file>.br` (quality 11) and `<file>.gz` beside every script, stylesheet and SVG of the build: the server
 * sends them as they are (apps/api/src/http/precompressed.ts), ~15% smaller than compressing on the fly at the
 * speed a request can afford.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'govdata:precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    writeBundle() {
      const dir = path.join(outDir, 'assets');
      for (const name of fs.readdirSync(dir)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = path.join(dir, name);
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/admin',
  plugins: [
    vue(),
    // Element Plus on demand: each page imports the components (and their CSS) its templates use, and `v-loading`;
    // nothing registers the whole library, so the login page stays small (issue 14, "A light SPA")
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css', directives: true })], dts: false, dirs: [] }),
    precompress(),
  ],
  define: {
    // production builds without the devtools hooks, and vue-i18n without its legacy API and global <i18n-t>/v-t
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: './dist',
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // zod's builders are pure: a schema no page code reads is dropped with the rest of its module's unused code, so
      // pages that only quote the domain's labels and enums do not carry zod (bench:spa's 250 KB home)
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        // ECharts in a chunk of its own, reached only through <BaseChart>'s import: pages without charts never load it.
        // Vue goes first into its own chunk, or the ECharts group would take it along as a dependency of vue-echarts.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 20 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts|tslib)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
