import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogEntry, CatalogEntryVersion, CatalogItem } from '@govdata/catalog';
import { createTestEntry } from '@govdata/catalog/testing';
import { Department } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
};
/** fills a row cell by cell from column A (a template's rows already exist: they carry the drop-downs) */
const fill = (ws: ExcelJS.Worksheet, row: number, cells: unknown[]) => cells.forEach((v, i) => void (ws.getRow(row).getCell(i + 1).value = v as ExcelJS.CellValue));
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
/** every cell value of a sheet, row by row */
const values = (ws: ExcelJS.Worksheet | undefined) => {
  const rows: unknown[][] = [];
  ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('catalog Excel: template, export, import with row/column messages, round trip', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'catalog' });
  }, 300_000);
  afterAll(() => t.close());

  const download = async (username: string, path: string): Promise<Buffer> => {
    const res = await (await t.as(username)).get(path).buffer(true).parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return res.body as Buffer;
  };
  const upload = async (username: string, path: string, body: Buffer, type = XLSX) => (await t.as(username)).post(path).set('Content-Type', type).send(body);
  const counts = async () => {
    const em = t.db.fork();
    return [await em.count(CatalogEntry, {}), await em.count(CatalogEntryVersion, {}), await em.count(CatalogItem, {})];
  };

  it('serves a template with both sheets, headers and drop-downs', async () => {
    const wb = await load(await download('rsj', '/api/catalog/excel/template.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['资源目录', '信息项', '填写说明']);
    const header = values(wb.getWorksheet('资源目录'))[0];
    expect(header.slice(0, 6)).toEqual(['序号', '资源代码', '资源名称', '资源类型', '所属库', '共享类型']);
    expect(wb.getWorksheet('资源目录')?.getCell('F2').dataValidation).toMatchObject({ type: 'list' });
  });

  it('round-trips: a department’s export imports back unchanged, and exports again identically', async () => {
    const before = await counts();
    const exported = await download('gaj', '/api/catalog/excel/export.xlsx');
    const wb = await load(exported);
    const rows = values(wb.getWorksheet('资源目录')).length - 1;
    expect(rows).toBeGreaterThan(20);
    const preview = await upload('gaj', '/api/catalog/excel/preview', exported);
    expect(preview.status, JSON.stringify(preview.body).slice(0, 500)).toBe(200);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.summary).toEqual({ total: rows, create: 0, update: 0, unchanged: rows, invalid: 0 });
    const imported = await upload('gaj', '/api/catalog/excel/import', exported);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ saved: false, created: [], updated: [] });
    expect(await counts()).toEqual(before);
    const again = await load(await download('gaj', '/api/catalog/excel/export.xlsx'));
    for (const sheet of ['资源目录', '信息项']) expect(values(again.getWorksheet(sheet))).toEqual(values(wb.getWorksheet(sheet)));
  });

  it('reports every bad cell with its row, column and a message, and saves nothing — unless only the valid rows are asked for', async () => {
    const wb = await load(await download('gaj', '/api/catalog/excel/export.xlsx'));
    const ws = wb.getWorksheet('资源目录') as ExcelJS.Worksheet;
    // row 5: conditional sharing without conditions; row 6: a share type that does not exist; row 3: a real change
    ws.getCell('F5').value = '有条件共享';
    ws.getCell('G5').value = null;
    ws.getCell('F6').value = '看情况共享';
    ws.getCell('Q3').value = '通过 Excel 修改的摘要。';
    const items = wb.getWorksheet('信息项') as ExcelJS.Worksheet;
    items.getCell('D2').value = '字符串';
    const file = await save(wb);
    const before = await counts();

    const preview = (await upload('gaj', '/api/catalog/excel/preview', file)).body;
    const messages = preview.errors.map((e: { message: string }) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^“资源目录”第 5 行 第 G 列（共享条件）：有条件共享的资源须填写共享条件/),
        expect.stringMatching(/^“资源目录”第 6 行 第 F 列（共享类型）：“看情况共享”不是有效的共享类型/),
        expect.stringMatching(/^“信息项”第 2 行 第 D 列（数据类型）：“字符串”不是有效的数据类型/),
      ]),
    );
    expect(preview.errors.find((e: { row: number; sheet: string }) => e.sheet === '资源目录' && e.row === 5)).toMatchObject({ column: 'G', columnLabel: '共享条件' });
    const row3 = preview.rows.find((r: { row: number }) => r.row === 3);
    expect(row3).toMatchObject({ action: 'update', changes: ['资源摘要'] });

    const rejected = await upload('gaj', '/api/catalog/excel/import', file);
    expect(rejected.status).toBe(400);
    expect(rejected.headers['content-type']).toMatch(/problem\+json/);
    expect(rejected.body).toMatchObject({ code: 'catalog.import_invalid' });
    expect(rejected.body.detail).toMatch(/未保存任何数据/);
    expect(rejected.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['资源目录!G5', '资源目录!F6']));
    expect(await counts()).toEqual(before);

    const partial = await upload('gaj', '/api/catalog/excel/import?validOnly=true', file);
    expect(partial.status).toBe(200);
    expect(partial.body.saved).toBe(true);
    expect(partial.body.updated).toEqual([expect.objectContaining({ row: 3 })]);
    const code = String(ws.getCell('B3').value);
    const entry = await t.db.fork().findOneOrFail(CatalogEntry, { code });
    expect(entry.summary).toBe('通过 Excel 修改的摘要。');
    expect(partial.body.updated[0].version).toBe(entry.currentVersion);
    const v = await t.db.fork().findOneOrFail(CatalogEntryVersion, { entry: entry.id, version: entry.currentVersion });
    expect(v.note).toBe('批量导入（Excel）');
  });

  it('creates new entries from the template as drafts with generated codes', async () => {
    const wb = await load(await download('rsj', '/api/catalog/excel/template.xlsx'));
    const ws = wb.getWorksheet('资源目录') as ExcelJS.Worksheet;
    fill(ws, 2, [1, null, '职业培训补贴信息', '部门', null, '有条件共享', '仅限就业补贴审核使用', null, null, '平台接口', '朔州市财政局', '不予开放', null, '涉及个人隐私', null, '3-05-060-001', '职业技能培训补贴申领和发放信息。', '数据库', null, '每月', '2026-11-01', '一般数据', '否', '补贴审核', '政务部门', '朔州市', '仅限履职', '法律法规', '《职业技能提升行动方案》', '全市', '就业补贴', null, null]);
    const items = wb.getWorksheet('信息项') as ExcelJS.Worksheet;
    fill(items, 2, [1, null, '补贴编号', '字符型', 20, '否', '是', '否', '否', '不脱敏', null]);
    fill(items, 3, [1, null, '身份证号', '字符型', 18, '是', '否', '是', '否', '部分掩码', null]);
    fill(items, 4, [1, null, '补贴金额', '数值型', 12, '是', '否', '否', '否', '不脱敏', null]);
    const res = await upload('rsj', '/api/catalog/excel/import', await save(wb));
    expect(res.status, JSON.stringify(res.body).slice(0, 800)).toBe(200);
    expect(res.body.created).toEqual([{ id: expect.any(Number), code: expect.stringMatching(/^305060001\/\d{6}$/), row: 2 }]);
    const detail = (await (await t.as('rsj')).get(`/api/catalog/entries/${res.body.created[0].id}`)).body;
    expect(detail).toMatchObject({ status: 'draft', name: '职业培训补贴信息', dedicatedDepartments: [{ name: '朔州市财政局' }], provider: { name: '朔州市人力资源和社会保障局' } });
    expect(detail.items.map((i: { name: string; normalizedName: string }) => i.normalizedName)).toEqual(['补贴编号', '公民身份号码', '补贴金额']);
  });

  it('refuses a file that is not an xlsx, a wrong template, a wrong content type, another department’s rows and oversized uploads — saving nothing', async () => {
    const before = await counts();
    const garbage = await upload('gaj', '/api/catalog/excel/import', Buffer.from('这不是一个 Excel 文件'));
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ code: 'catalog.import_malformed' });
    const brokenZip = await upload('gaj', '/api/catalog/excel/import', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    expect(brokenZip.body).toMatchObject({ code: 'catalog.import_malformed' });

    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['姓名', '年龄']);
    const wrong = await upload('gaj', '/api/catalog/excel/import', await save(other));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'catalog.import_wrong_template' });
    expect(wrong.body.detail).toMatch(/缺少工作表“资源目录”/);

    const shuffled = await load(await download('gaj', '/api/catalog/excel/template.xlsx'));
    (shuffled.getWorksheet('资源目录') as ExcelJS.Worksheet).getCell('F1').value = '共享方式';
    const moved = await upload('gaj', '/api/catalog/excel/preview', await save(shuffled));
    expect(moved.body.detail).toMatch(/第 F 列表头应为“共享类型”，实际为“共享方式”/);

    const json = await (await t.as('gaj')).post('/api/catalog/excel/import').send({ file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('catalog.upload_type');

    // rsj uploading gaj's catalog: every row is someone else's
    const foreign = await upload('rsj', '/api/catalog/excel/preview', await download('gaj', '/api/catalog/excel/export.xlsx'));
    expect(foreign.body.summary.invalid).toBe(foreign.body.summary.total);
    expect(foreign.body.errors[0].message).toMatch(/提供部门只能是本部门|无权修改/);

    const huge = await (await t.as('gaj')).post('/api/catalog/excel/import').set('Content-Type', XLSX).send(Buffer.alloc(11 * 1024 * 1024, 1));
    expect(huge.status).toBe(413);
    expect(await counts()).toEqual(before);
    expect((await (await t.as('leader')).post('/api/catalog/excel/import').set('Content-Type', XLSX).send(Buffer.from('x'))).status).toBe(403);
  });

  it('does not reveal whether another department’s draft code exists: the preview answers it like a code that does not exist', async () => {
    const em = t.db.fork();
    const gajDept = await em.findOneOrFail(Department, { name: '朔州市公安局' });
    const { entry: draft } = await createTestEntry(em, { providerId: gajDept.id, name: '公安局草稿资源', status: 'draft' });
    const draftCode = draft.code;
    const fakeCode = draftCode.replace(/\d+$/, (d) => '9'.repeat(d.length));
    const wb = await load(await download('rsj', '/api/catalog/excel/template.xlsx'));
    const own = await load(await download('rsj', '/api/catalog/excel/export.xlsx'));
    const ownRows = values(own.getWorksheet('资源目录'));
    const sheet = wb.getWorksheet('资源目录') as ExcelJS.Worksheet;
    fill(sheet, 2, [1, draftCode, ...ownRows[1].slice(2, 33)]);
    fill(sheet, 3, [2, fakeCode, ...ownRows[1].slice(2, 33)]);
    const res = await upload('rsj', '/api/catalog/excel/preview', await save(wb));
    expect(res.status).toBe(200);
    const codeMessage = (row: number) => res.body.errors.filter((e: { row: number; column: string }) => e.row === row && e.column === 'B').map((e: { message: string }) => e.message.replace(/第 \d 行/, '第 N 行'));
    expect(codeMessage(2)[0]).toMatch(/不存在/);
    expect(codeMessage(2).map((m: string) => m.replace(draftCode, 'CODE'))).toEqual(codeMessage(3).map((m: string) => m.replace(fakeCode, 'CODE')));
  });
});
