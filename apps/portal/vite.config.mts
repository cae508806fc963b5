import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

/** `<file>.br` and `<file>.gz` beside every script and stylesheet, served as they are (apps/api/src/http/precompressed.ts). */
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
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * The open-data portal: Vue and vue-router only, its own small stylesheet, no UI library — the public's pages must
 * load fast on a phone (issue 16: ≤ 150 KB of JS over the wire for the home page). Served by the API under /open/.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/open/',
  cacheDir: '../../node_modules/.vite/apps/portal',
  plugins: [vue(), precompress()],
  define: { __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  server: { port: 5174, proxy: { '/api': 'http://localhost:3000' } },
  build: { outDir: './dist', emptyOutDir: true, reportCompressedSize: false },
});
