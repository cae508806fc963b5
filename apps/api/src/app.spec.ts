import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/harness';

/** A built SPA as Vite writes it: index.html naming a hashed script under assets/. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');
  // large and repetitive enough to be worth compressing
  fs.writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(', ')}];\n`);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  // a file the build compressed ahead (vite.config.mts writes .br and .gz); its text tells which copy was sent
  const ahead = 'export const built = "compressed at build time";\n';
  fs.writeFileSync(path.join(dir, 'assets', 'vendor-Zz9.js'), ahead.replace('compressed at build time', 'original'));
  fs.writeFileSync(path.join(dir, 'assets', 'vendor-Zz9.js.br'), zlib.brotliCompressSync(ahead));
  fs.writeFileSync(path.join(dir, 'assets', 'vendor-Zz9.js.gz'), zlib.gzipSync(ahead));
  return dir;
}

describe('serving the SPA and the API: compression and caching (issue 14, "A light SPA")', () => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = fakeDist();
    t = await createTestApp({ env: { GOVDATA_ADMIN_DIST: dist } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('caches hashed assets for a year, immutable, and sends them compressed', async () => {
    const res = await t.anonymous().get('/assets/index-AbC123.js').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toContain('row 399');
    expect(Number(res.headers['content-length'] ?? 0)).toBeLessThan(fs.statSync(path.join(dist, 'assets', 'index-AbC123.js')).size);
  });

  it('prefers brotli when the browser offers it', async () => {
    const res = await t.anonymous().get('/assets/index-AbC123.js').set('Accept-Encoding', 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.text).toContain('row 399');
  });

  it('sends the copies compressed at build time as they are, with the type and cache of the original', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const res = await t.anonymous().get('/assets/vendor-Zz9.js').set('Accept-Encoding', accept);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.text).toContain('compressed at build time');
    }
    // a client that takes no compression gets the file itself
    const plain = await t.anonymous().get('/assets/vendor-Zz9.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('original');
    // the compressed copies are no way out of the assets folder
    expect((await t.anonymous().get('/assets/..%2F..%2Fetc%2Fpasswd').set('Accept-Encoding', 'br')).status).toBe(404);
  });

  it('makes the browser revalidate index.html, at / and at any page of the SPA', async () => {
    for (const page of ['/', '/share/todo', '/login']) {
      const res = await t.anonymous().get(page);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('/assets/index-AbC123.js');
    }
  });

  it('answers a file of an older build with a 404 problem, not with index.html', async () => {
    const res = await t.anonymous().get('/assets/index-Old999.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['cache-control'] ?? '').not.toMatch(/immutable/);
    expect(res.body.detail).toContain('请刷新页面');
  });

  it('compresses JSON answers of the API', async () => {
    const res = await t.anonymous().get('/api/openapi.json').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.openapi).toBe('3.1.0');
    // small answers are not worth it and go as they are
    const small = await t.anonymous().get('/api/health').set('Accept-Encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
