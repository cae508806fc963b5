import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRowsWorkbook } from '@govdata/core/testing';
import { CatalogEntry } from '@govdata/catalog';
import { createTestApp, type TestApp } from '../testing/harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** issue 13 item 1: a 0.6 MB .xlsx that unpacks to ~400 MB of empty rows must not take the server down */
describe('hostile .xlsx uploads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a zip bomb with a 4xx within 2 s, memory growing by less than 200 MB, and keeps answering', async () => {
    const bomb = emptyRowsWorkbook(8_000_000);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const agent = await t.as('gaj');
    const before = await t.db.fork().count(CatalogEntry, {});
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const [res, health] = await Promise.all([
      agent.post('/api/catalog/excel/preview').set('Content-Type', XLSX).send(bomb),
      t.anonymous().get('/api/health'),
    ]);
    const elapsed = performance.now() - started;
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/解压后超过/);
    expect(elapsed).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(health.status).toBe(200);
    expect((await t.anonymous().get('/api/health')).status).toBe(200);

    // the import refuses it the same way and saves nothing
    const imported = await agent.post('/api/catalog/excel/import').set('Content-Type', XLSX).send(bomb);
    expect(imported.status).toBe(413);
    expect(await t.db.fork().count(CatalogEntry, {})).toBe(before);
  });

  it('stops at the row limit while streaming a sheet of empty rows that stays under the size bound', async () => {
    // 400,000 empty rows unpack to ~2.4 MB: under the size bound, over the row bound
    const res = await (await t.as('gaj')).post('/api/catalog/excel/preview').set('Content-Type', XLSX).send(emptyRowsWorkbook(400_000));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('xlsx.too_many_rows');
    expect(res.body.detail).toMatch(/工作表超过 50000 行上限/);
  });
});
