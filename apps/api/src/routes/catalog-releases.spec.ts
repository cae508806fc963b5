import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogEntry, CatalogRelease, CatalogReleaseEntry } from '@govdata/catalog';
import { isPostgres } from '@govdata/core';
import { entryInput } from '@govdata/catalog/testing';
import { createTestApp, type TestApp } from '../testing/harness';

const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void; on(e: string, cb: (c?: unknown) => void): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('city catalog releases (第八条)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'catalog' });
  });
  afterAll(() => t.close());

  it('the demo has four numbered, dated releases, three of them filed with the province', async () => {
    const gaj = await t.as('gaj');
    const list = await gaj.get('/api/catalog/releases');
    expect(list.body.items.map((r: { number: number }) => r.number)).toEqual([4, 3, 2, 1]);
    expect(list.body.items[3]).toMatchObject({ previousNumber: null, filedAt: expect.any(String) });
    expect(list.body.items[0]).toMatchObject({ previousNumber: 3, filedAt: null });
    const first = list.body.items[3];
    expect(first.addedCount).toBe(first.entryCount);
  });

  it('snapshots every published entry, diffs against the previous release, and never changes afterwards', async () => {
    const bureau = await t.as('bureau');
    expect((await (await t.as('gaj')).post('/api/catalog/releases').send({})).status).toBe(403);
    const published = await t.db.fork().count(CatalogEntry, { status: { $in: ['published', 'retiring'] } });
    const r5 = await bureau.post('/api/catalog/releases').send({ note: '第五版' });
    expect(r5.status, JSON.stringify(r5.body)).toBe(201);
    expect(r5.body).toMatchObject({ number: 5, previousNumber: 4, entryCount: published, note: '第五版' });
    expect(r5.body.title).toContain('第 5 版');
    const frozenJson = (await bureau.get(`/api/catalog/releases/${r5.body.id}/export.json`)).text;
    const frozen = JSON.parse(frozenJson);
    expect(frozen.entries).toHaveLength(published);
    expect(frozen.entries[0]).toHaveProperty('items');

    // the catalog moves on: an entry changes, one is added, one is retired
    const gaj = await t.as('gaj');
    const target = (await gaj.get('/api/catalog/entries?editable=true&status=published&pageSize=1&sort=code&order=asc')).body.items[0];
    const edited = await gaj.patch(`/api/catalog/entries/${target.id}`).send({ summary: '第六版前修改的摘要。' });
    expect(edited.status).toBe(200);
    const added = (await gaj.post('/api/catalog/entries').send(entryInput({ name: '发布测试新增资源', dataUpdatedAt: '2026-11-01' }))).body;
    await gaj.post(`/api/catalog/entries/${added.id}/publish`).send({});
    const retiredOne = (await gaj.get('/api/catalog/entries?editable=true&status=published&pageSize=2&sort=code&order=asc')).body.items[1];
    // retirement is the retirement workflow's (第十九条); here the row is set directly
    const em = t.db.fork();
    await em.nativeUpdate(CatalogEntry, { id: retiredOne.id }, { status: 'retired' });

    const r6 = (await bureau.post('/api/catalog/releases').send({})).body;
    expect(r6).toMatchObject({ number: 6, previousNumber: 5, addedCount: 1, changedCount: 1, retiredCount: 1, entryCount: published });
    const diff = (await gaj.get(`/api/catalog/releases/${r6.id}/diff`)).body;
    expect(diff.against).toBe(5);
    expect(diff.added.map((e: { entryId: number }) => e.entryId)).toEqual([added.id]);
    expect(diff.retired.map((e: { entryId: number }) => e.entryId)).toEqual([retiredOne.id]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]).toMatchObject({ entryId: target.id, fromVersion: target.currentVersion, toVersion: target.currentVersion + 1 });
    expect(diff.changed[0].changes).toEqual([expect.objectContaining({ field: 'summary', after: '第六版前修改的摘要。' })]);
    // against any earlier release
    expect((await gaj.get(`/api/catalog/releases/${r6.id}/diff?against=1`)).body.against).toBe(1);

    // release 5 is exactly as it was
    expect((await bureau.get(`/api/catalog/releases/${r5.body.id}/export.json`)).text).toBe(frozenJson);
    const r5Entries = await t.db.fork().count(CatalogReleaseEntry, { release: r5.body.id });
    expect(r5Entries).toBe(published);
    const inR5 = await gaj.get(`/api/catalog/releases/${r5.body.id}/entries?q=${encodeURIComponent(target.code)}`);
    expect(inR5.body.items).toEqual([expect.objectContaining({ entryId: target.id, version: target.currentVersion })]);
    expect((await t.db.fork().findOneOrFail(CatalogRelease, r5.body.id)).entryCount).toBe(published);
  });

  it('a new release can be read page by page at once: PostgreSQL has its rows’ statistics, SQLite reads the pages by the index', async () => {
    const bureau = await t.as('bureau');
    const made = await bureau.post('/api/catalog/releases').send({ note: '统计信息' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const em = t.db.fork();
    const rows = await em.count(CatalogReleaseEntry, {});
    const page = 'select r.position from catalog_release_entries r where r.release_id = ? and r.position > ? order by r.position limit 500';
    if (isPostgres(em)) {
      // analyzed in the release's own transaction: the planner knows every release's rows (a small table is read whole)
      const [stats] = await em.getConnection().execute<{ reltuples: number }[]>("select reltuples from pg_class where relname = 'catalog_release_entries'");
      expect(Number(stats?.reltuples)).toBe(rows);
    } else {
      const plan = await em.getConnection().execute<{ detail: string }[]>(`explain query plan ${page}`, [made.body.id, 0]);
      expect(plan.map((p) => p.detail).join(' · ')).toMatch(/USING (COVERING )?INDEX catalog_release_entries_position_unique/);
    }
  });

  it('exports a release as XLSX in the 指南 layout for filing, and records the filing once', async () => {
    const bureau = await t.as('bureau');
    const latest = (await bureau.get('/api/catalog/releases?pageSize=1')).body.items[0];
    const res = await bureau.get(`/api/catalog/releases/${latest.id}/export.xlsx`).buffer(true).parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`第${latest.number}版`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const sheet = wb.getWorksheet('信息资源目录');
    expect(sheet?.actualRowCount).toBe(latest.entryCount + 1);
    const header = (sheet?.getRow(1).values as string[]).filter(Boolean);
    expect(header.slice(0, 9)).toEqual(['序号', '类', '项', '目', '细目', '信息资源名称', '信息资源代码', '信息资源提供方', '提供方代码']);
    expect(wb.getWorksheet('信息项')?.actualRowCount).toBeGreaterThan(latest.entryCount);
    // the numbering runs on across the pages the export reads (500 entries each)
    expect(sheet?.getRow(latest.entryCount + 1).getCell(1).value).toBe(latest.entryCount);
    // the JSON export, streamed entry by entry, is one document with every entry in code order
    const json = JSON.parse((await bureau.get(`/api/catalog/releases/${latest.id}/export.json`)).text) as { release: { id: number }; entries: { code: string }[] };
    expect(json.release.id).toBe(latest.id);
    expect(json.entries).toHaveLength(latest.entryCount);
    expect(json.entries.map((e) => e.code)).toEqual(json.entries.map((e) => e.code).sort());

    const filing = { filedAt: '2026-11-20', filingReference: '省平台备案回执 SX-SZ-2026-006' };
    expect((await (await t.as('gaj')).post(`/api/catalog/releases/${latest.id}/filing`).send(filing)).status).toBe(403);
    const filed = await bureau.post(`/api/catalog/releases/${latest.id}/filing`).send(filing);
    expect(filed.body).toMatchObject({ filedAt: '2026-11-20', filingReference: filing.filingReference });
    expect((await bureau.post(`/api/catalog/releases/${latest.id}/filing`).send(filing)).status).toBe(409);
  });
});
