import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssessmentComputation, AssessmentResult, AssessmentRevision, settleComputations } from '@govdata/assessment';
import { AuditEvent, Department } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = Awaited<ReturnType<TestApp['as']>>;
const NOW = '2026-06-15T10:00:00+08:00';

/** POST …/compute, then poll the computation until it ends; returns the 202 body and the final state. */
async function compute(agent: Agent, year: number, body: Record<string, unknown> = {}) {
  const started = await agent.post(`/api/assessments/${year}/compute`).send(body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  let state = started.body;
  for (let i = 0; i < 400 && !['done', 'failed'].includes(state.phase); i++) {
    await new Promise((r) => setTimeout(r, 25));
    state = (await agent.get(`/api/assessments/computations/${started.body.id}`)).body;
  }
  expect(state.phase, state.error).toBe('done');
  return { started: started.body, final: state };
}

function expectProblem(res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status: number, text?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(res.body.detail).toMatch(text);
}

describe('annual assessment API (第三十条至第三十二条)', () => {
  let t: TestApp;
  let bureau: Agent;
  let gaj: number;
  let scjgj: number;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW, seedUntil: 'notices' });
    bureau = await t.as('bureau');
    const em = t.db.fork();
    gaj = (await em.findOneOrFail(Department, { name: '朔州市公安局' })).id;
    scjgj = (await em.findOneOrFail(Department, { name: '朔州市市场监督管理局' })).id;
  }, 120_000);
  afterAll(async () => {
    await settleComputations();
    await t.close();
  });

  it('proposes the default scheme for a year without one, and validates what is saved', async () => {
    const view = await bureau.get('/api/assessments/2026/scheme');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ year: 2026, stored: false, editable: true, problems: [], updatedAt: null });
    expect(view.body.scheme.indicators.reduce((a: number, i: { weight: number }) => a + i.weight, 0)).toBe(100);

    // a shape error is a 400 and nothing is stored
    const bad = await bureau.put('/api/assessments/2026/scheme').send({ scheme: { ...view.body.scheme, indicators: 'none' } });
    expectProblem(bad, 400);
    expect((await bureau.get('/api/assessments/2026/scheme')).body.stored).toBe(false);
    // the year in the body must be the path's
    expectProblem(await bureau.put('/api/assessments/2025/scheme').send({ scheme: view.body.scheme }), 400, /年度/);

    // weights that do not sum to 100 are saved, reported, and block computing (422 with the problems)
    const heavy = structuredClone(view.body.scheme);
    heavy.indicators[0].weight += 5;
    const saved = await bureau.put('/api/assessments/2026/scheme').send({ scheme: heavy });
    expect(saved.status).toBe(200);
    expect(saved.body.stored).toBe(true);
    expect(saved.body.problems.length).toBeGreaterThan(0);
    const refused = await bureau.post('/api/assessments/2026/compute').send({});
    expectProblem(refused, 422, /权重/);
    expect(await t.db.fork().count(AssessmentRevision, { year: 2026 })).toBe(0);

    // copy the default back; the audit trail has both saves
    const copied = await bureau.post('/api/assessments/2026/scheme/copy').send({ fromYear: null });
    expect(copied.status).toBe(200);
    expect(copied.body.problems).toEqual([]);
    expectProblem(await bureau.post('/api/assessments/2026/scheme/copy').send({ fromYear: 2023 }), 404, /2023/);
    expect(await t.db.fork().count(AuditEvent, { subjectType: 'assessment_scheme', subjectId: '2026' })).toBe(2);
  });

  it('refuses a year that has not started and a malformed year', async () => {
    expectProblem(await bureau.post('/api/assessments/2027/compute').send({}), 400, /尚未开始/);
    expectProblem(await bureau.post('/api/assessments/abc/compute').send({}), 400);
    expectProblem(await bureau.post('/api/assessments/2019/compute').send({}), 400, /2022/);
  });

  it('computes in the background (202, then progress to done) and answers the issue\'s results contract', async () => {
    const { started, final } = await compute(bureau, 2025);
    expect(started).toMatchObject({ year: 2025, phase: 'queued', phaseLabel: '排队中', revision: null, finishedAt: null });
    expect(final).toMatchObject({ phase: 'done', phaseLabel: '已完成', revision: 1, error: null });
    expect(final.done).toBe(final.total);
    expect(final.total).toBeGreaterThan(30);

    // the contract: an array of {department: {code, name}, total, grade, rank, indicators: [{id, points, weight}]}
    const plain = await bureau.get('/api/assessments/2025/results');
    expect(plain.status).toBe(200);
    expect(Array.isArray(plain.body)).toBe(true);
    expect(plain.body[0]).toMatchObject({ department: { code: expect.any(String), name: expect.any(String) }, total: expect.any(Number), rank: 1 });
    expect(plain.body[0].indicators[0]).toMatchObject({ id: expect.any(String), points: expect.any(Number), weight: expect.any(Number) });
    const res = await bureau.get('/api/assessments/2025/summary');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual(plain.body);
    expect(res.body.revision).toMatchObject({ year: 2025, number: 1, status: 'draft', statusLabel: '草稿（未公布）', reason: null, asOf: '2025-12-31', publishedAt: null });
    expect(res.body.revision.computedBy.displayName).toBe('张明远');
    const rows = res.body.rows;
    expect(rows).toHaveLength(final.total);
    expect(rows.some((r: { department: { name: string } }) => r.department.name === '朔州市政务信息管理局')).toBe(false);
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({ department: { code: expect.any(String), name: expect.any(String) }, total: expect.any(Number), grade: expect.stringMatching(/^(excellent|good|pass|fail)$/), rank: expect.any(Number) });
      expect(row.total).toBeGreaterThanOrEqual(0);
      expect(row.total).toBeLessThanOrEqual(100);
      const sum = row.indicators.reduce((a: number, x: { points: number }) => a + Math.round(x.points * 100), 0) / 100;
      expect(row.total).toBeCloseTo(sum, 6);
      for (const ind of row.indicators) {
        expect(ind).toMatchObject({ id: expect.any(String), points: expect.any(Number), weight: expect.any(Number) });
        expect(ind.points).toBeGreaterThanOrEqual(0);
        expect(ind.points).toBeLessThanOrEqual(ind.weight);
      }
      if (i > 0) expect(row.rank).toBeGreaterThanOrEqual(rows[i - 1].rank);
      expect(row.rank).toBe(1 + rows.filter((o: { total: number }) => o.total > row.total).length);
      const expected = row.total >= 90 ? 'excellent' : row.total >= 80 ? 'good' : row.total >= 60 ? 'pass' : 'fail';
      expect(row.grade).toBe(expected);
    }
    expect(res.body.average.total).toBeGreaterThan(0);
    expect(Object.keys(res.body.average.indicators).length).toBe(rows[0].indicators.length);
    // computing 2025 stored the proposal as the year's scheme
    expect((await bureau.get('/api/assessments/2025/scheme')).body).toMatchObject({ stored: true, editable: true });
  });

  it('explains a department\'s points and lists the records behind them', async () => {
    const res = await bureau.get(`/api/assessments/2025/departments/${gaj}`);
    expect(res.status).toBe(200);
    expect(res.body.department).toMatchObject({ id: gaj, name: '朔州市公安局' });
    expect(res.body.indicators.length).toBeGreaterThan(5);
    for (const i of res.body.indicators) expect(i.explanation).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.facts.find((f: { key: string }) => f.key === 'providerRepliesDue')).toMatchObject({ label: '应答复共享申请', article: '第十五条第（二）项' });
    const reply = res.body.indicators.find((i: { metric: string }) => i.metric === 'provider_reply_on_time_rate');
    const all = await bureau.get(`/api/assessments/2025/departments/${gaj}/indicators/${reply.id}/records?scope=all&pageSize=5`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ indicator: { id: reply.id }, scope: 'all', page: 1, pageSize: 5 });
    const due = res.body.facts.find((f: { key: string }) => f.key === 'providerRepliesDue').value;
    expect(all.body.total).toBe(due);
    const lost = await bureau.get(`/api/assessments/2025/departments/${gaj}/indicators/${reply.id}/records`);
    const met = res.body.facts.find((f: { key: string }) => f.key === 'providerRepliesMet').value;
    expect(lost.body.total).toBe(due - met);
    expectProblem(await bureau.get(`/api/assessments/2025/departments/${gaj}/indicators/nonexistent/records`), 404);
  });

  it('replaces a draft in place; after publication a recomputation needs a reason and makes a new revision', async () => {
    const before = await bureau.get('/api/assessments/2025/summary');
    await compute(bureau, 2025);
    const em = t.db.fork();
    expect(await em.count(AssessmentRevision, { year: 2025 })).toBe(1);
    expect((await bureau.get('/api/assessments/2025/summary')).body.rows).toEqual(before.body.rows);

    // only the latest draft can be published; a leader cannot publish or compute
    const leader = await t.as('leader');
    expectProblem(await leader.post('/api/assessments/2025/publish').send({ revision: 1 }), 403);
    expectProblem(await leader.post('/api/assessments/2025/compute').send({}), 403);
    expectProblem(await bureau.post('/api/assessments/2025/publish').send({ revision: 7 }), 404);
    expectProblem(await bureau.post('/api/assessments/2025/publish').send({}), 400);
    const published = await bureau.post('/api/assessments/2025/publish').send({ revision: 1 });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ number: 1, status: 'published', publishedAt: new Date(NOW).toISOString(), publishedBy: { displayName: '张明远' } });
    expectProblem(await bureau.post('/api/assessments/2025/publish').send({ revision: 1 }), 409);

    // published: the scheme is fixed, and a recomputation without a reason is refused with nothing changed
    const scheme = (await bureau.get('/api/assessments/2025/scheme')).body;
    expect(scheme.editable).toBe(false);
    expectProblem(await bureau.put('/api/assessments/2025/scheme').send({ scheme: scheme.scheme }), 409, /已公布/);
    expectProblem(await bureau.post('/api/assessments/2025/scheme/copy').send({ fromYear: null }), 409);
    expectProblem(await bureau.post('/api/assessments/2025/compute').send({}), 400, /原因/);
    expectProblem(await bureau.post('/api/assessments/2025/compute').send({ reason: '短' }), 400);
    expect(await em.count(AssessmentComputation, { year: 2025, phase: 'queued' })).toBe(0);

    const publishedRows = (await bureau.get('/api/assessments/2025/summary?revision=1')).body.rows;
    const { final } = await compute(bureau, 2025, { reason: '市公安局申请复核，更正共享申请答复记录' });
    expect(final.revision).toBe(2);
    const list = await bureau.get('/api/assessments');
    const y2025 = list.body.find((y: { year: number }) => y.year === 2025);
    expect(y2025).toMatchObject({ schemeEditable: false, latest: { number: 2, status: 'draft', reason: '市公安局申请复核，更正共享申请答复记录' }, published: { number: 1 } });
    // the published revision is untouched; the public still sees it
    expect((await bureau.get('/api/assessments/2025/summary?revision=1')).body.rows).toEqual(publishedRows);
    expect((await t.anonymous().get('/api/public/assessments/2025')).body.revision).toBe(1);
    // recomputing the new draft replaces it (still number 2)
    await compute(bureau, 2025, { reason: '再次核对后重新计算' });
    expect(await em.count(AssessmentRevision, { year: 2025 })).toBe(2);
    // publishing 2 supersedes 1
    expect((await bureau.post('/api/assessments/2025/publish').send({ revision: 2 })).status).toBe(200);
    const revs = await t.db.fork().find(AssessmentRevision, { year: 2025 }, { orderBy: { number: 'asc' } });
    expect(revs.map((r) => r.status)).toEqual(['superseded', 'published']);
    expect((await bureau.get('/api/assessments/2025/summary?revision=1')).body.rows).toEqual(publishedRows);
    const pub = await t.anonymous().get('/api/public/assessments/2025');
    expect(pub.body).toMatchObject({ year: 2025, revision: 2, reason: '再次核对后重新计算' });
    expect(await t.db.fork().count(AuditEvent, { action: 'assessment.publish' })).toBe(2);
  });

  it('refuses a second computation of a year while one runs (409)', async () => {
    const em = t.db.fork();
    const now = new Date(NOW);
    em.create(AssessmentComputation, { year: 2024, activeYear: 2024, phase: 'facts', done: 0, total: 0, reason: null, startedAt: now, heartbeatAt: now, finishedAt: null, startedBy: null, revision: null, error: null });
    await em.flush();
    expectProblem(await bureau.post('/api/assessments/2024/compute').send({}), 409, /正在计算/);
    await em.nativeUpdate(AssessmentComputation, { year: 2024 }, { activeYear: null, phase: 'failed' });
  });

  it('lets a department see only its own published row and breakdown; the leader sees everything', async () => {
    const dept = await t.as('gaj');
    const rows = await dept.get('/api/assessments/2025/summary');
    expect(rows.status).toBe(200);
    expect((await dept.get('/api/assessments/2025/results')).body.map((r: { department: { id: number } }) => r.department.id)).toEqual([gaj]);
    expect(rows.body.revision).toMatchObject({ number: 2, status: 'published' });
    expect(rows.body.rows.map((r: { department: { id: number } }) => r.department.id)).toEqual([gaj]);
    expectProblem(await dept.get('/api/assessments/2025/results?revision=1'), 404);
    expect((await dept.get(`/api/assessments/2025/departments/${gaj}`)).status).toBe(200);
    expectProblem(await dept.get(`/api/assessments/2025/departments/${scjgj}`), 403);
    expectProblem(await dept.get(`/api/assessments/2025/departments/${scjgj}/indicators/reply_on_time/records`), 403);
    expectProblem(await dept.get('/api/assessments/2025/suspension'), 403);
    expectProblem(await dept.post('/api/assessments/2025/publish').send({ revision: 2 }), 403);
    expectProblem(await dept.get('/api/dashboard'), 403);
    const years = await dept.get('/api/assessments');
    expect(years.body.map((y: { year: number }) => y.year)).toEqual([2025]);
    expect(years.body[0].latest.status).toBe('published');

    // a draft year: nothing for the department, everything for the leader
    await compute(bureau, 2026);
    expectProblem(await dept.get('/api/assessments/2026/results'), 404, /尚未公布/);
    expectProblem(await dept.get(`/api/assessments/2026/departments/${gaj}`), 404);
    const leader = await t.as('leader');
    const draft = await leader.get('/api/assessments/2026/summary');
    expect(draft.status).toBe(200);
    expect(draft.body.revision.status).toBe('draft');
    expect(draft.body.rows.length).toBeGreaterThan(30);
    expect((await leader.get(`/api/assessments/2026/departments/${scjgj}`)).status).toBe(200);
    expect((await leader.get('/api/assessments/2026/suspension')).status).toBe(200);
    // the 2026 results compare with 2025's published totals
    const withPrev = draft.body.rows.find((r: { department: { id: number } }) => r.department.id === gaj);
    const prev = rows.body.rows[0].total;
    expect(withPrev.previousTotal).toBe(prev);
    expect(withPrev.change).toBeCloseTo(withPrev.total - prev, 6);
  });

  it('shows the public only published totals, without login', async () => {
    const anon = t.anonymous();
    const years = await anon.get('/api/public/assessments');
    expect(years.status).toBe(200);
    expect(years.body).toEqual([{ year: 2025, revision: 2, publishedAt: new Date(NOW).toISOString() }]);
    const res = await anon.get('/api/public/assessments/2025');
    expect(res.status).toBe(200);
    for (const row of res.body.rows) {
      expect(Object.keys(row).sort()).toEqual(['department', 'grade', 'gradeLabel', 'rank', 'total']);
      expect(Object.keys(row.department).sort()).toEqual(['code', 'name']);
    }
    expectProblem(await anon.get('/api/public/assessments/2026'), 404, /尚未公布/);
    expectProblem(await anon.get('/api/assessments/2025/results'), 401);
    expectProblem(await anon.get('/api/dashboard'), 401);

    // documented from the same zod schemas
    const doc = (await anon.get('/api/openapi.json')).body;
    expect(doc.paths['/api/assessments/{year}/compute'].post.responses['202']).toBeDefined();
    expect(doc.paths['/api/public/assessments/{year}'].get.security).toEqual([]);
    expect(doc.paths['/api/assessments/{year}/departments/{departmentId}/indicators/{indicatorId}/records'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['year', 'departmentId', 'indicatorId', 'scope', 'page', 'pageSize']),
    );
  });

  it('exports results and the 第三十二条 list as XLSX', async () => {
    const results = (await bureau.get('/api/assessments/2025/summary')).body;
    const file = await bureau.get('/api/assessments/2025/results.xlsx').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const sheet = book.worksheets[0];
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/2025 年度.*考核结果/);
    expect(sheet.getRow(2).getCell(2).value).toBe('部门');
    expect(sheet.rowCount).toBe(2 + results.rows.length);
    expect(sheet.getRow(3).getCell(2).value).toBe(results.rows[0].department.name);
    expect(sheet.getRow(3).getCell(4).value).toBe(results.rows[0].total);

    const list = (await bureau.get('/api/assessments/2025/suspension')).body;
    const xlsx = await bureau.get('/api/assessments/2025/suspension.xlsx').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(xlsx.body);
    const s2 = book2.worksheets[0];
    expect(String(s2.getRow(1).getCell(1).value)).toMatch(/第三十二条/);
    expect((s2.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '部门', '统一社会信用代码/部门代码', '得分', '等级', '列入原因', '依据']);
    expect(s2.rowCount).toBe(2 + list.rows.length);
    for (const [i, row] of list.rows.entries()) {
      expect(s2.getRow(3 + i).getCell(2).value).toBe(row.department.name);
      expect(String(s2.getRow(3 + i).getCell(7).value)).toMatch(/第三十二条/);
    }
  });

  it('answers the leadership dashboard for leaders', async () => {
    const leader = await t.as('leader');
    const res = await leader.get('/api/dashboard?year=2026');
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2026);
    // the months up to the statistics day
    expect(res.body.monthly.map((m: { month: string }) => m.month).at(-1)).toBe(res.body.asOf.slice(0, 7));
    expect(res.body.monthly).toHaveLength(Number(res.body.asOf.slice(5, 7)));
    expect((await leader.get('/api/dashboard?year=2025')).body.monthly).toHaveLength(12);
    expectProblem(await leader.get('/api/dashboard?year=1999'), 400);
  });

  it('keeps published results immutable down to the database', async () => {
    const em = t.db.fork();
    const published = await em.findOneOrFail(AssessmentRevision, { year: 2025, status: 'published' });
    await expect(em.nativeUpdate(AssessmentResult, { revision: published.id }, { total: 100 })).rejects.toThrow();
    await expect(em.nativeDelete(AssessmentResult, { revision: published.id })).rejects.toThrow();
    await expect(em.nativeUpdate(AssessmentRevision, { id: published.id }, { reason: '改写' })).rejects.toThrow();
    await expect(em.nativeDelete(AssessmentRevision, { id: published.id })).rejects.toThrow();
    const superseded = await em.findOneOrFail(AssessmentRevision, { year: 2025, status: 'superseded' });
    await expect(em.nativeUpdate(AssessmentRevision, { id: superseded.id }, { status: 'published' })).rejects.toThrow();
  });
});

describe('annual-assessment job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-01-05T02:00:00+08:00', seedUntil: 'sharing' });
  }, 120_000);
  afterAll(() => t.close());

  it('computes the previous year once, as a draft, and does nothing on a re-run', async () => {
    const bureau = await t.as('bureau');
    const first = await bureau.post('/api/admin/jobs/annual-assessment/run');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ computed: 1, revision: 1 });
    const second = await bureau.post('/api/admin/jobs/annual-assessment/run');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ computed: 0 });
    const em = t.db.fork();
    expect(await em.count(AssessmentRevision, {})).toBe(1);
    expect(await em.findOneOrFail(AssessmentRevision, { year: 2025 })).toMatchObject({ number: 1, status: 'draft', computedBy: null });
    const audit = await em.findOneOrFail(AuditEvent, { action: 'assessment.compute' });
    expect(audit.actorName).toBe('system:annual-assessment');
  });
});
