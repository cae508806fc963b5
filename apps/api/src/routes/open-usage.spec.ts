import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import ExcelJS from 'exceljs';
import { sqlAll, sqlRun, User } from '@govdata/core';
import { CatalogItem } from '@govdata/catalog';
import { OPEN_AGREEMENT } from '@govdata/domain';
import { OpenDataset } from '@govdata/opendata';
import { shanghaiDate } from '@govdata/workdays';
import { settleComputations } from '@govdata/assessment';
import { createTestApp, type TestApp } from '../testing/harness';
import { binary, expectProblem } from '../testing/responses';

type Agent = ReturnType<typeof request.agent>;

interface Row {
  key: string;
  label: string;
  views: number;
  downloads: number;
  apiCalls: number;
}

/** 开放数据使用统计 (issue 16 §8): what the portal counted, read back by the bureau and by the providing department. */
describe('open-data usage statistics (issue 16 §8)', () => {
  let t: TestApp;
  let bureau: Agent;
  let leader: Agent;
  let provider: Agent;
  let a: { id: number; name: string; title: string; providerId: number; providerName: string };
  let b: { id: number; title: string; providerId: number };
  let openCount: number;
  // days after the business clock's "now" (2026-06-15), where the demo seeded no usage: the rows below are all there is
  const FROM = '2026-06-20';
  const TO = '2026-06-22';

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00', seedUntil: 'opendata' });
    const em = t.db.fork();
    const open = await em.find(OpenDataset, { withdrawnAt: null }, { populate: ['entry', 'entry.provider'], orderBy: { id: 'asc' } });
    openCount = open.length;
    const withData = open.find((d) => d.entry.getEntity().openType === 'open' && d.entry.getEntity().status === 'published');
    if (!withData) throw new Error('the demo should publish an unconditionally open dataset');
    const e = withData.entry.getEntity();
    a = { id: withData.id, name: withData.name, title: e.name, providerId: e.provider.id, providerName: e.provider.getEntity().name };
    const other = open.find((d) => d.entry.getEntity().provider.id !== a.providerId);
    if (!other) throw new Error('the demo should open datasets of two departments');
    b = { id: other.id, title: other.entry.getEntity().name, providerId: other.entry.getEntity().provider.id };
    const officer = (await em.find(User, { department: a.providerId }, { orderBy: { id: 'asc' } })).find((u) => u.roles.includes('dept_admin'));
    if (!officer) throw new Error('the provider should have a data officer');
    [bureau, leader, provider] = await Promise.all([t.as('bureau'), t.as('leader'), t.as(officer.username)]);
    // the provider publishes data for A (plain text items), so that the open interface answers
    const items = await em.find(CatalogItem, { entry: withData.entry.id, removedAt: null }, { orderBy: { position: 'asc' } });
    items.forEach((it) => Object.assign(it, { nullable: true, dataType: 'string', length: 50, sensitive: false, secret: false, desensitization: 'none' }));
    await em.flush();
    const csv = `${items.map((i) => i.fieldName).join(',')}\n${items.map((_, i) => `值${i}`).join(',')}\n`;
    const up = await provider.post(`/api/catalog/entries/${withData.entry.id}/datasets`).set('Content-Type', 'text/csv').send(csv);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await provider.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);

    const put = (id: number, day: string, views: number, downloads: number) => sqlRun(em, 'insert into open_usage (dataset_id, day, views, downloads) values (?, ?, ?, ?)', [id, day, views, downloads]);
    await put(a.id, '2026-06-20', 5, 2);
    await put(a.id, '2026-06-22', 1, 0);
    await put(b.id, '2026-06-21', 7, 0);
    // outside the range on both sides: never counted
    await put(a.id, '2026-06-19', 100, 100);
    await put(a.id, '2026-06-23', 100, 100);
  }, 240_000);
  afterAll(async () => {
    await settleComputations();
    await t.close();
  });

  const stats = (agent: Agent, q: Record<string, string | number>) => agent.get('/api/open-usage').query(q);

  it('sums views and downloads in the range by dataset, department and day; viewed-only datasets are not "used"', async () => {
    const byDataset = await stats(bureau, { from: FROM, to: TO, groupBy: 'dataset' });
    expect(byDataset.status, JSON.stringify(byDataset.body)).toBe(200);
    expect(byDataset.body.items).toEqual([
      { key: String(a.id), label: a.title, views: 6, downloads: 2, apiCalls: 0 },
      { key: String(b.id), label: b.title, views: 7, downloads: 0, apiCalls: 0 },
    ]);
    expect(byDataset.body.totals).toEqual({ views: 13, downloads: 2, apiCalls: 0, datasets: openCount, usedDatasets: 1 });
    expect(byDataset.body).toMatchObject({ from: FROM, to: TO, groupBy: 'dataset', truncated: false });

    const byDept = await stats(leader, { from: FROM, to: TO, groupBy: 'department' });
    expect(byDept.status).toBe(200);
    expect(byDept.body.items).toContainEqual({ key: String(a.providerId), label: a.providerName, views: 6, downloads: 2, apiCalls: 0 });

    const byDay = await stats(bureau, { from: FROM, to: TO, groupBy: 'day' });
    expect(byDay.body.items.map((r: Row) => [r.key, r.views, r.downloads])).toEqual([
      ['2026-06-20', 5, 2],
      ['2026-06-21', 7, 0],
      ['2026-06-22', 1, 0],
    ]);
  });

  it('counts the open interface’s answered calls made with public keys, by the record’s day', async () => {
    const citizen = t.anonymous();
    const reg = await citizen.post('/api/open/account/register').send({ kind: 'person', identifier: 'usage@example.com', password: 'Harbour-violet-83-slowly', displayName: '钱市民', agreementVersion: OPEN_AGREEMENT.version, acceptAgreement: true });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const key = (await citizen.post('/api/open/account/keys').send({ name: '统计测试' })).body.key as string;
    const call = () => request(t.app).get(`/api/open/v1/datasets/${a.name}/rows`).set('Authorization', `Bearer ${key}`);
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    // refused calls (a bad key) are recorded too, but are not use of the data
    expect((await request(t.app).get(`/api/open/v1/datasets/${a.name}/rows`).set('Authorization', 'Bearer gdk_nonsense')).status).toBeGreaterThanOrEqual(400);
    // call records carry real time; the range is the real Shanghai day of the calls
    const today = shanghaiDate(new Date());
    const [{ n }] = await sqlAll<{ n: number | string }>(t.db.fork(), "select count(*) as n from call_records where client_id like 'open:%' and status = 'ok'", []);
    expect(Number(n)).toBe(2);

    const res = await stats(bureau, { from: today, to: today, groupBy: 'dataset', datasetId: a.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toEqual([{ key: String(a.id), label: a.title, views: 0, downloads: 0, apiCalls: 2 }]);
    expect(res.body.totals).toMatchObject({ apiCalls: 2, datasets: 1, usedDatasets: 1 });
    const byDay = await stats(provider, { from: today, to: today, groupBy: 'day' });
    expect(byDay.body.items).toEqual([{ key: today, label: today, views: 0, downloads: 0, apiCalls: 2 }]);
  });

  it('shows a department its own datasets only and refuses another department’s', async () => {
    const own = await stats(provider, { from: FROM, to: TO, groupBy: 'dataset' });
    expect(own.status).toBe(200);
    expect(own.body.items.map((r: Row) => r.key)).toEqual([String(a.id)]);
    expect(own.body.totals).toMatchObject({ views: 6, downloads: 2, usedDatasets: 1 });
    expect(own.body.totals.datasets).toBeLessThan(openCount);
    expectProblem(await stats(provider, { from: FROM, to: TO, departmentId: b.providerId }), 403, /本部门/);
    expectProblem(await stats(provider, { from: FROM, to: TO, datasetId: b.id }), 403, /本部门/);
    expectProblem(await provider.get('/api/open-usage/export.xlsx').query({ from: FROM, to: TO, departmentId: b.providerId }), 403);
    // the bureau filters by department
    const filtered = await stats(bureau, { from: FROM, to: TO, departmentId: b.providerId });
    expect(filtered.body.items.map((r: Row) => r.key)).toEqual([String(b.id)]);
    // a public user, or nobody, reads nothing
    expect((await t.anonymous().get('/api/open-usage').query({ from: FROM, to: TO })).status).toBe(401);
  });

  it('refuses a bad range with a message a person can act on', async () => {
    expectProblem(await stats(bureau, { from: '2026-06-22', to: '2026-06-20' }), 400, /晚于/);
    expectProblem(await stats(bureau, { from: '2025-01-01', to: '2026-01-02' }), 400, /366 天/);
    expectProblem(await stats(bureau, { from: '2024-01-01' }), 400, /366 天/);
    expectProblem(await stats(bureau, { from: '2026-02-30', to: '2026-03-01' }), 400, /有效的日期/);
    expectProblem(await stats(bureau, { from: FROM, to: TO, groupBy: 'week' }), 400, /分组方式/);
    expectProblem(await stats(bureau, { from: FROM, to: TO, datasetId: 999_999 }), 404, /不存在/);
    // a full leap year is allowed
    expect((await stats(bureau, { from: '2024-01-01', to: '2024-12-31', groupBy: 'day' })).body.items).toHaveLength(366);
    // no dates: the last 30 days up to the business day
    const dflt = await stats(bureau, {});
    expect(dflt.body).toMatchObject({ from: '2026-05-17', to: '2026-06-15', groupBy: 'dataset' });
    expect((await stats(bureau, { to: '2026-06-22' })).body).toMatchObject({ from: '2026-05-24', to: '2026-06-22' });
    expect((await stats(bureau, { to: '2026-06-22' })).body.totals.views).toBe(113);
  });

  it('exports the same rows and a total row as an Excel workbook', async () => {
    const res = await bureau.get('/api/open-usage/export.xlsx').query({ from: FROM, to: TO, groupBy: 'dataset' }).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toMatch(/xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Buffer as never);
    const sheet = book.worksheets[0];
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(String(values(1)[0])).toContain(`${FROM} 至 ${TO}`);
    expect(values(2)).toEqual(['数据集', '浏览次数', '下载次数', '接口调用次数']);
    expect(values(3)).toEqual([a.title, 6, 2, 0]);
    expect(values(4)).toEqual([b.title, 7, 0, 0]);
    expect(values(5)).toEqual(['合计', 13, 2, 0]);
    expect(sheet.rowCount).toBe(5);

    const own = await provider.get('/api/open-usage/export.xlsx').query({ from: FROM, to: TO, groupBy: 'dataset' }).buffer(true).parse(binary);
    const ownBook = new ExcelJS.Workbook();
    await ownBook.xlsx.load(own.body as Buffer as never);
    expect(JSON.stringify(ownBook.worksheets[0].getSheetValues())).not.toContain(b.title);
  });

  it('feeds 开放数据利用率 in a scheme that uses it: a download in the year makes the dataset used (第二十二条, 第二十五条)', async () => {
    const compute = async () => {
      const started = await bureau.post('/api/assessments/2026/compute').send({});
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      let state = started.body;
      for (let i = 0; i < 400 && !['done', 'failed'].includes(state.phase); i++) {
        await new Promise((r) => setTimeout(r, 25));
        state = (await bureau.get(`/api/assessments/computations/${started.body.id}`)).body;
      }
      expect(state.phase, state.error).toBe('done');
      const res = await bureau.get(`/api/assessments/2026/departments/${a.providerId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const fact = (key: string) => res.body.facts.find((f: { key: string }) => f.key === key)?.value;
      return { open: fact('openDatasets'), used: fact('openDatasetsUsed'), indicator: res.body.indicators.find((i: { id: string }) => i.id === 'open_use') };
    };
    const view = await bureau.get('/api/assessments/2026/scheme');
    const scheme = structuredClone(view.body.scheme);
    const i = scheme.indicators.findIndex((x: { id: string }) => x.id === 'open_entries');
    scheme.indicators[i] = { ...scheme.indicators[i], id: 'open_use', name: '开放数据利用', metric: 'open_data_use_rate', rule: { type: 'ratio', whenNoCases: 'neutral' }, description: '第二十二条、第二十五条：年度内有下载或接口调用的开放数据集比例 × 5。' };
    const saved = await bureau.put('/api/assessments/2026/scheme').send({ scheme });
    expect(saved.body.problems).toEqual([]);

    // the provider's open datasets; the rows above lie after the statistics day (2026-06-15) and the open-interface
    // calls in real time after the computation's instant: none counts yet
    const ownOpen = (await stats(provider, { from: '2026-01-01', to: '2026-06-15' })).body.totals.datasets as number;
    const before = await compute();
    expect(before).toMatchObject({ open: ownOpen, used: 0 });
    expect(before.indicator).toMatchObject({ metric: 'open_data_use_rate', value: 0, points: 0 });

    // a view alone is not use; a download on 2026-03-10 is
    await sqlRun(t.db.fork(), 'insert into open_usage (dataset_id, day, views, downloads) values (?, ?, ?, ?)', [a.id, '2026-03-09', 40, 0]);
    expect((await compute()).used).toBe(0);
    await sqlRun(t.db.fork(), 'insert into open_usage (dataset_id, day, views, downloads) values (?, ?, ?, ?)', [a.id, '2026-03-10', 0, 1]);
    const after = await compute();
    expect(after).toMatchObject({ open: ownOpen, used: 1 });
    expect(after.indicator.value).toBeCloseTo(1 / ownOpen, 10);
    expect(after.indicator.explanation).toContain(`开放数据集 ${ownOpen} 个，年度内有下载或接口调用 1 个`);

    // the drill-down lists the datasets that cost points: all but A
    const lost = await bureau.get(`/api/assessments/2026/departments/${a.providerId}/indicators/open_use/records?pageSize=100`);
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect(lost.body.total).toBe(ownOpen - 1);
    expect(lost.body.items.map((r: { id: string }) => r.id)).not.toContain(String(a.id));
    const all = await bureau.get(`/api/assessments/2026/departments/${a.providerId}/indicators/open_use/records?scope=all&pageSize=100`);
    expect(all.body.total).toBe(ownOpen);
    expect(all.body.items.find((r: { id: string }) => r.id === String(a.id)).detail).toContain('下载 1 次');
  });
});
