import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import supertest from 'supertest';
import ExcelJS from 'exceljs';
import { CatalogEntry, CatalogItem, type ICatalogItem } from '@govdata/catalog';
import { Department } from '@govdata/core';
import { openDatasetName } from '@govdata/domain';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = ReturnType<typeof request.agent>;

function expectProblem(res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status: number, text?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(res.body.detail).toMatch(text);
}

const approve = (kind: 'secrecy' | 'disclosure') => ({ kind, conclusion: 'approved', basis: '经逐项核查，可以向社会开放。', reviewer: '保密办 王五' });

/** A value that fits the item (the upload checks every cell). */
function valueOf(item: ICatalogItem, row: number): string {
  switch (item.dataType) {
    case 'integer':
      return String(100 + row);
    case 'decimal':
      return `${row}.5`;
    case 'date':
      return `2024-01-${String((row % 28) + 1).padStart(2, '0')}`;
    case 'datetime':
      return `2024-01-02 10:${String(row % 60).padStart(2, '0')}:00`;
    case 'boolean':
      return row % 2 ? '是' : '否';
    default: {
      const s = row === 0 ? `值,"${item.fieldName}"` : `v${row}${item.fieldName}`;
      return item.length ? [...s].slice(0, item.length).join('') : s;
    }
  }
}
const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Binary bodies (XLSX) as a Buffer through supertest. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('open-data downloads, preview and usage (第二十三条, 第二十六条)', () => {
  let t: TestApp;
  let bureau: Agent;
  let gaj: Agent;
  let anon: ReturnType<typeof supertest>;
  let name: string;
  let applyName: string;
  let items: ICatalogItem[];
  let secret: ICatalogItem;
  let removed: ICatalogItem;
  let masked: ICatalogItem;
  const ROWS = 45;
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-download-cache-'));

  async function open(entryId: number) {
    for (const kind of ['secrecy', 'disclosure'] as const) expect((await gaj.post(`/api/catalog/entries/${entryId}/open-reviews`).send(approve(kind))).status).toBe(201);
    expect((await bureau.post(`/api/open-catalog/${entryId}/publish`)).status).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp({ seedUntil: 'catalog', env: { GOVDATA_DOWNLOAD_CACHE: cacheDir } });
    [bureau, gaj] = await Promise.all([t.as('bureau'), t.as('gaj')]);
    anon = supertest(t.app);
    const em = t.db.fork();
    const dept = await em.findOneOrFail(Department, { name: '朔州市公安局' });
    const entries = await em.find(CatalogEntry, { provider: dept.id, status: 'published' }, { orderBy: { id: 'asc' } });
    const entry = entries.find((e) => e.openType === 'open');
    const apply = entries.find((e) => e.openType === 'on_application');
    if (!entry || !apply) throw new Error('the demo catalog of 市公安局 should have open and on-application published entries');
    items = await em.find(CatalogItem, { entry: entry.id, removedAt: null }, { orderBy: { position: 'asc' } });
    expect(items.length).toBeGreaterThanOrEqual(4);
    // the column rules: a 涉密 item, an item whose rule is 删除, a sensitive item masked; the rest as they are
    const plain = items.filter((i) => !i.secret && !i.sensitive && i.desensitization === 'none' && (i.dataType === 'string' || i.dataType === 'text'));
    [secret, removed, masked] = [items[items.length - 1] as ICatalogItem, items[items.length - 2] as ICatalogItem, (plain[0] ?? items[0]) as ICatalogItem];
    secret.secret = true;
    removed.sensitive = true;
    removed.desensitization = 'remove';
    masked.sensitive = true;
    masked.desensitization = 'mask';
    for (const i of items.filter((x) => x !== secret && x !== removed && x !== masked)) {
      i.secret = false;
      if (i.sensitive && i.desensitization === 'none') i.sensitive = false;
    }
    await em.flush();
    name = openDatasetName(entry.code);
    applyName = openDatasetName(apply.code);
    await open(entry.id);
    await open(apply.id);

    // the metadata is open before the data: nothing to download yet
    expectProblem(await anon.get(`/api/open/datasets/${name}/download.csv`), 409, /尚未在平台发布数据/);
    expect((await anon.get(`/api/open/datasets/${name}`)).body).toMatchObject({ data: null, downloadFormats: [], dataHistory: [] });

    const lines = [items.map((i) => i.fieldName).join(',')];
    for (let r = 0; r < ROWS; r++) lines.push(items.map((i) => cell(valueOf(i, r))).join(','));
    const up = await gaj.post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send(`${lines.join('\n')}\n`);
    expect(up.status).toBe(201);
    expect((await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({})).status).toBe(200);
    const upApply = await gaj.post(`/api/catalog/entries/${apply.id}/datasets`).set('Content-Type', 'text/csv').send(`${(await em.find(CatalogItem, { entry: apply.id, removedAt: null }, { orderBy: { position: 'asc' } })).map((i) => i.fieldName).join(',')}\n`);
    if (upApply.status === 201) await gaj.post(`/api/datasets/${upApply.body.versionId}/publish`).send({});
  }, 240_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  const publicNames = () => items.filter((i) => i !== secret && i !== removed).map((i) => i.name);

  it('CSV: UTF-8 with BOM, Chinese file name (RFC 5987), the public columns only, the masked item masked, streamed', async () => {
    const res = await anon.get(`/api/open/datasets/${name}/download.csv`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="download\.csv"; filename\*=UTF-8''%/);
    expect(decodeURIComponent(res.headers['content-disposition'].split("''")[1])).toMatch(/（第1版）\.csv$/);
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['x-data-rows']).toBe(String(ROWS));
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0]).toBe(publicNames().map(cell).join(','));
    expect(text).not.toContain(secret.name);
    expect(text).not.toContain(removed.name);
    // the first row's text values hold a comma and quotes: quoted as RFC 4180 says
    const maskedAt = publicNames().indexOf(masked.name);
    const secondRow = lines[2]?.split(',') ?? [];
    expect(secondRow[maskedAt]).toMatch(/^\*+$/);
    if (secret.dataType === 'string') expect(text).not.toContain(valueOf(secret, 1));
  });

  it('JSON: an array of objects keyed by field name, without the excluded items; XLSX opens with the same rows', async () => {
    const json = await anon.get(`/api/open/datasets/${name}/download.json`);
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const rows = JSON.parse(json.text) as Record<string, unknown>[];
    expect(rows).toHaveLength(ROWS);
    expect(Object.keys(rows[0] as object).sort()).toEqual(items.filter((i) => i !== secret && i !== removed).map((i) => i.fieldName).sort());
    expect(String(rows[3]?.[masked.fieldName])).toMatch(/^\*+$/);

    const x = await anon.get(`/api/open/datasets/${name}/download.xlsx`).buffer(true).parse(binary);
    expect(x.status).toBe(200);
    expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as Buffer as never);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(ROWS + 1);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(publicNames());
  });

  it('preview: the first 20 rows in the public columns, as the files hold them', async () => {
    const res = await anon.get(`/api/open/datasets/${name}/preview`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(ROWS);
    expect(res.body.items).toHaveLength(20);
    expect(res.body.columns.map((c: { name: string }) => c.name)).toEqual(publicNames());
    expect(res.body.columns.find((c: { name: string }) => c.name === masked.name).desensitization).toBe('mask');
  });

  it('the dataset page: data with its files, update history, usage counts; the item list is the files\' columns', async () => {
    const res = await anon.get(`/api/open/datasets/${name}`);
    expect(res.status).toBe(200);
    expect(res.body.downloadFormats).toEqual(['CSV', 'XLSX', 'JSON']);
    expect(res.body.data).toMatchObject({ version: 1, rows: ROWS, columns: publicNames().length });
    const csv = res.body.data.files.find((f: { format: string }) => f.format === 'CSV');
    expect(csv).toMatchObject({ url: `/api/open/datasets/${name}/download.csv`, mediaType: 'text/csv', bytes: expect.any(Number) });
    expect(csv.bytes).toBeGreaterThan(100);
    expect(res.body.dataHistory).toEqual([{ version: 1, rows: ROWS, publishedAt: expect.any(String), live: true }]);
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(publicNames());
    // three downloads above (CSV, JSON, XLSX); views: this one and the earlier one
    expect(res.body.usage).toMatchObject({ downloads: 3, last30Days: { downloads: 3 } });
    expect(res.body.usage.views).toBeGreaterThanOrEqual(2);
    expect(res.body.usage.last30Days.views).toBe(res.body.usage.views);
    const rows = await t.db.fork().getConnection().execute('select day, views, downloads from open_usage');
    expect(rows).toHaveLength(1);
  });

  it('a version\'s file is served again from the download file cache — same bytes, its length known, counted; a changed rule makes a new file', async () => {
    // no compression asked for: the file's own bytes (a gzip answer has no length up front)
    const first = await anon.get(`/api/open/datasets/${name}/download.csv`).set('Accept-Encoding', 'identity').buffer(true).parse(binary);
    const files = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.csv'));
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(path.join(cacheDir, files[0] as string)).equals(first.body as Buffer)).toBe(true);
    // served from the file: the length is known up front (a progress bar for the person downloading)
    expect(first.headers['content-length']).toBe(String((first.body as Buffer).length));
    const usage = async () => (await anon.get(`/api/open/datasets/${name}`)).body.usage.downloads as number;
    const before = await usage();
    const again = await anon.get(`/api/open/datasets/${name}/download.csv`).buffer(true).parse(binary);
    expect((again.body as Buffer).equals(first.body as Buffer)).toBe(true);
    expect(await usage()).toBe(before + 1);

    // the masked item is hashed from now on: the cached file no longer fits — a new one, the masked cells changed
    const em = t.db.fork();
    const item = await em.findOneOrFail(CatalogItem, masked.id);
    item.desensitization = 'hash';
    await em.flush();
    try {
      const changed = await anon.get(`/api/open/datasets/${name}/download.csv`).set('Accept-Encoding', 'identity').buffer(true).parse(binary);
      expect(changed.status).toBe(200);
      expect(changed.headers['content-length']).toBeUndefined();
      const cells = (changed.body as Buffer).toString('utf8').split('\r\n')[2]?.split(',') ?? [];
      expect(cells[publicNames().indexOf(masked.name)]).not.toMatch(/^\*+$/);
      expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.csv'))).toHaveLength(2);
    } finally {
      item.desensitization = 'mask';
      await em.flush();
    }
  });

  it('依申请开放: no public download or preview (403 naming 第二十四条); unknown names 404; bad formats 400', async () => {
    expectProblem(await anon.get(`/api/open/datasets/${applyName}/download.csv`), 403, /第二十四条.*申请/);
    expectProblem(await anon.get(`/api/open/datasets/${applyName}/preview`), 403, /第二十四条/);
    expect((await anon.get(`/api/open/datasets/${applyName}`)).body).toMatchObject({ data: null, downloadFormats: [] });
    expectProblem(await anon.get('/api/open/datasets/sz-nope/download.csv'), 404, /不存在/);
    expectProblem(await anon.get('/api/open/datasets/sz-nope/preview'), 404);
    expectProblem(await anon.get(`/api/open/datasets/${name}/download.pdf`), 400, /csv、xlsx 或 json/);
  });

  it('downloads are rate-limited per client address (429 with Retry-After)', async () => {
    let limited: request.Response | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await anon.get(`/api/open/datasets/${name}/download.json`);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited).toBeDefined();
    expectProblem(limited as request.Response, 429, /每分钟最多 30 次/);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
