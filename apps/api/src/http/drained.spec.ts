import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import compression from 'compression';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drained } from '@govdata/core';

// A long download written with backpressure through the compression middleware (the audit trail's and a release's
// JSON): `res.once('drain')` left a listener on the gzip stream at every wait, `drained` leaves none.
const CHUNKS = 30;
const chunk = (i: number) => `${i}:${randomBytes(48 * 1024).toString('base64')}\n`;

describe('waiting for drain through the compression middleware', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    const app = express();
    app.use(compression());
    app.get('/:how', async (req, res) => {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      let waits = 0;
      for (let i = 0; i < CHUNKS; i++) {
        if (res.write(chunk(i))) continue;
        waits++;
        if (req.params.how === 'once') await new Promise((resolve) => res.once('drain', resolve));
        else await drained(res);
      }
      res.end(`waits=${waits}\n`);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  /** The gunzipped body and the process warnings seen while it was served. */
  async function download(how: string): Promise<{ text: string; warnings: string[] }> {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    // collected here rather than printed by Node's own listener (the first case provokes one on purpose)
    const printers = process.listeners('warning');
    process.removeAllListeners('warning');
    process.on('warning', onWarning);
    try {
      const body = await new Promise<Buffer>((resolve, reject) => {
        http
          .get(`${base}/${how}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
            expect(res.headers['content-encoding']).toBe('gzip');
            const parts: Buffer[] = [];
            res.on('data', (d: Buffer) => parts.push(d));
            res.on('end', () => resolve(Buffer.concat(parts)));
          })
          .on('error', reject);
      });
      await new Promise((r) => setImmediate(r));
      return { text: gunzipSync(body).toString('utf8'), warnings };
    } finally {
      process.off('warning', onWarning);
      for (const p of printers) process.on('warning', p);
    }
  }

  it('res.once leaves a listener on the gzip stream at every wait (the warning this guards against)', async () => {
    const { text, warnings } = await download('once');
    expect(Number(/waits=(\d+)/.exec(text)?.[1])).toBeGreaterThan(10);
    expect(warnings.some((w) => w.includes('MaxListenersExceededWarning') && w.includes('drain'))).toBe(true);
  });

  it('drained waits as often, the whole file arrives, and no listener is left behind', async () => {
    const { text, warnings } = await download('drained');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(CHUNKS + 1);
    expect(lines.slice(0, CHUNKS).map((l) => Number(l.split(':')[0]))).toEqual([...Array(CHUNKS).keys()]);
    expect(Number(/waits=(\d+)/.exec(text)?.[1])).toBeGreaterThan(10);
    expect(warnings.filter((w) => w.includes('MaxListenersExceededWarning'))).toEqual([]);
  });
});
