import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import ExcelJS from 'exceljs';
import { sqlAll, sqlRun } from '@govdata/core';
import { OpenDataset } from '@govdata/opendata';
import type { OpenAnnualReportDto } from '@govdata/domain';
import { createTestApp, type TestApp } from '../testing/harness';
import { binary, expectProblem } from '../testing/responses';

type Agent = ReturnType<typeof request.agent>;

/** 开放数据年度报告 (issue 16 §8): the year's figures as the platform recorded them, in total and per department. */
describe('open-data annual report (issue 16 §8)', () => {
  let t: TestApp;
  let bureau: Agent;
  let leader: Agent;
  let gaj: Agent;
  let datasetId: number;
  let providerId: number;
  const report = async (year: number | string): Promise<OpenAnnualReportDto> => {
    const res = await bureau.get(`/api/open-reports/${year}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as OpenAnnualReportDto;
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00', seedUntil: 'open-applications' });
    [bureau, leader, gaj] = await Promise.all([t.as('bureau'), t.as('leader'), t.as('gaj')]);
    const em = t.db.fork();
    const open = await em.find(OpenDataset, { withdrawnAt: null }, { populate: ['entry'], orderBy: { id: 'asc' } });
    const first = open[0];
    if (!first) throw new Error('the demo should open datasets');
    datasetId = first.id;
    providerId = first.entry.getEntity().provider.id;
  }, 240_000);
  afterAll(() => t.close());

  it('counts the open catalog, its applications and their clocks as recorded; the departments add up to the totals', async () => {
    const r = await report(2026);
    expect(r).toMatchObject({ year: 2026, from: '2026-01-01', to: '2026-06-15', complete: false });
    const em = t.db.fork();
    const end = new Date('2026-06-15T10:00:00+08:00');
    const [open] = await sqlAll<{ n: unknown }>(em, 'select count(*) as n from open_datasets where published_at < ? and (withdrawn_at is null or withdrawn_at >= ?)', [end, end]);
    expect(r.totals.openAtEnd).toBe(Number(open?.n));
    expect(r.totals.openAtEnd).toBeGreaterThan(0);
    expect(r.totals.unconditional + r.totals.onApplication).toBe(r.totals.openAtEnd);
    const start = new Date('2026-01-01T00:00:00+08:00');
    const [apps] = await sqlAll<{ n: unknown }>(em, 'select count(*) as n from open_applications where submitted_at >= ? and submitted_at < ?', [start, end]);
    expect(r.totals.applications).toBe(Number(apps?.n));
    expect(r.totals.applications).toBeGreaterThan(0);
    expect(r.totals.approved + r.totals.refused + r.totals.pending).toBe(r.totals.applications);
    // every answered application's clock is met or missed; every unanswered one is open or overdue
    expect(r.totals.answeredOnTime + r.totals.answeredLate).toBe(r.totals.approved + r.totals.refused);
    for (const k of ['openAtEnd', 'publishedInYear', 'views', 'downloads', 'apiCalls', 'applications', 'answeredOnTime', 'overdue'] as const) {
      expect(r.departments.reduce((s, d) => s + d[k], 0), k).toBe(r.totals[k]);
    }
    expect(r.departments.every((d) => /[\u4e00-\u9fff]/.test(d.department))).toBe(true);
  });

  it('use, ratings and 利用成果 of the year move the year\'s report and no other', async () => {
    const before2026 = await report(2026);
    const before2025 = await report(2025);
    const em = t.db.fork();
    await sqlRun(em, 'insert into open_usage (dataset_id, day, views, downloads) values (?, ?, ?, ?) on conflict (dataset_id, day) do update set views = open_usage.views + excluded.views, downloads = open_usage.downloads + excluded.downloads', [datasetId, '2026-03-02', 4, 3]);
    await sqlRun(em, 'insert into open_usage (dataset_id, day, views, downloads) values (?, ?, ?, ?) on conflict (dataset_id, day) do update set views = open_usage.views + excluded.views, downloads = open_usage.downloads + excluded.downloads', [datasetId, '2025-12-31', 9, 9]);
    const after = await report(2026);
    expect(after.totals.views - before2026.totals.views).toBe(4);
    expect(after.totals.downloads - before2026.totals.downloads).toBe(3);
    const dept = (r: OpenAnnualReportDto) => r.departments.find((d) => d.departmentId === providerId);
    expect((dept(after)?.downloads ?? 0) - (dept(before2026)?.downloads ?? 0)).toBe(3);
    // 2025 is over: the whole year, and the row of its last day counts there
    const y2025 = await report(2025);
    expect(y2025).toMatchObject({ from: '2025-01-01', to: '2025-12-31', complete: true });
    expect(y2025.totals.downloads - before2025.totals.downloads).toBe(9);
  });

  it('exports the report as a workbook: 概况 with the year\'s figures, 分部门 with a 合计 row equal to the totals', async () => {
    const r = await report(2026);
    const res = await leader.get('/api/open-reports/2026/report.xlsx').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers['content-disposition'])).toContain('朔州市政务数据开放2026年度报告.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Buffer as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['概况', '分部门']);
    const summary = book.getWorksheet('概况') as ExcelJS.Worksheet;
    expect(String(summary.getCell('A1').value)).toContain('2026年度报告（截至 2026-06-15）');
    const figure = (label: string) => {
      let v: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    expect(figure('期末开放数据集')).toBe(r.totals.openAtEnd);
    expect(figure('收到申请')).toBe(r.totals.applications);
    expect(figure('下载次数')).toBe(r.totals.downloads);
    const depts = book.getWorksheet('分部门') as ExcelJS.Worksheet;
    expect(depts.rowCount).toBe(r.departments.length + 2);
    const last = depts.getRow(depts.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(2).value).toBe(r.totals.openAtEnd);
    expect(last.getCell(10).value).toBe(r.totals.applications);
  });

  it('refuses a year not begun, before the regulation, or not a year (400); departments may not read it (403)', async () => {
    expectProblem(await bureau.get('/api/open-reports/2027'), 400, /2027 年尚未开始/);
    expectProblem(await bureau.get('/api/open-reports/2021'), 400, /2022 年/);
    expectProblem(await bureau.get('/api/open-reports/abc'), 400, /年份/);
    expectProblem(await bureau.get('/api/open-reports/2027/report.xlsx'), 400);
    expectProblem(await gaj.get('/api/open-reports/2026'), 403);
    expectProblem(await gaj.get('/api/open-reports/2026/report.xlsx'), 403);
  });
});
