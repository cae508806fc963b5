import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Notification, User, Violation } from '@govdata/core';
import { loadAssessmentFacts } from '@govdata/assessment';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentOf, entryOf, logins } from '../testing/share-fixtures';

// 第十七条: a consumer reports a suspected error; the provider checks and answers within 5 working days (the
// correction_feedback clock); the reporter may contest once and the bureau decides; a missed check is (五) through the
// findings door; while open the entry is marked 纠错中 (entry field, gateway header); the assessment reads the facts.
describe('corrections (纠错, 第十七条)', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let entry: { id: number; itemIds: number[] };
  let other: { id: number; itemIds: number[] };
  let onTime: number;
  let late: number;
  let client: { clientId: string; clientSecret: string };

  const CSV = ['公民身份号码,姓名', '140602199001011234,张三丰', '140602198505052345,李四'].join('\r\n');

  beforeAll(async () => {
    // Monday 2026-06-15: a report received today is due on the 5th working day after — 06-19 is 端午节, so 06-23
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
    entry = await entryOf(t, 'gaj', { name: '人口基础信息', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    other = await entryOf(t, 'gaj', { name: '户籍人口信息', shareType: 'conditional' });
    const gaj = await as('gaj');
    const up = await gaj.post(`/api/catalog/entries/${entry.id}/datasets`).set('Content-Type', 'text/csv').send(CSV);
    expect(up.status).toBe(201);
    await gaj.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);
    const rsj = await as('rsj');
    const req = await rsj.post('/api/share-requests').send({ entryId: entry.id, itemIds: entry.itemIds, purpose: '办理社会保障卡申领业务时核验申请人身份', scenario: '政务服务大厅窗口受理' });
    expect(req.status).toBe(201);
    await (await as('bureau')).post(`/api/share-requests/${req.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await gaj.post(`/api/share-requests/${req.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    const reg = await rsj.post('/api/systems').send({ name: '社保卡业务系统', description: '社会保障卡申领' });
    expect(reg.status).toBe(201);
    client = { clientId: reg.body.clientId, clientSecret: reg.body.clientSecret };
  });
  afterAll(() => t.close());

  const token = async () => (await t.anonymous().post('/api/oauth/token').type('form').send({ grant_type: 'client_credentials', ...{ client_id: client.clientId, client_secret: client.clientSecret } })).body.access_token as string;
  const inbox = async (username: string, kind: string) => {
    const u = await t.db.fork().findOneOrFail(User, { username });
    return t.db.fork().find(Notification, { recipient: u.id, kind }, { orderBy: { id: 'asc' } });
  };

  it('refuses bad reports with 4xx naming the field, and changes nothing', async () => {
    const rsj = await as('rsj');
    const cases: [Record<string, unknown>, string, number][] = [
      [{ entryId: other.id, description: '部分记录的姓名有误' }, 'entryId', 400], // rsj does not use it
      [{ entryId: entry.id }, 'body.description', 400],
      [{ entryId: entry.id, description: '姓名有误的记录', itemIds: [other.itemIds[0]] }, 'itemIds', 400],
      [{ entryId: entry.id, description: '姓名有误的记录', datasetVersion: 9 }, 'datasetVersion', 400],
      [{ entryId: entry.id, description: '姓名有误的记录', colour: 'red' }, 'body', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await rsj.post('/api/corrections').send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(res.body.errors ?? [])).toContain(field);
    }
    // the provider does not report its own entry
    const own = await (await as('gaj')).post('/api/corrections').send({ entryId: entry.id, description: '本部门的记录有误' });
    expect(own.status).toBe(400);
    expect(own.body.errors[0].path).toBe('entryId');
    expect((await (await as('bureau')).get('/api/corrections')).body.total).toBe(0);
  });

  it('takes a report with a 5-working-day clock, tells the provider and marks the entry 纠错中 (field and gateway header)', async () => {
    const rsj = await as('rsj');
    const res = await rsj.post('/api/corrections').send({ entryId: entry.id, itemIds: [entry.itemIds[1]], recordKey: '140602198505052345', datasetVersion: 1, description: '李四的姓名应为李思', evidence: '户籍窗口核对记录' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'open', dueDate: '2026-06-23', code: expect.stringMatching(/^JCFK-2026-0+\d+$/) });
    expect(res.body.dueAt).toBe(new Date('2026-06-23T23:59:59.999+08:00').toISOString());
    onTime = res.body.id;
    expect((await inbox('gaj', 'correction.received'))[0].body).toMatch(/2026-06-23 前（第十七条，5 个工作日）/);

    const detail = await rsj.get(`/api/catalog/entries/${entry.id}`);
    expect(detail.body.lifecycle).toMatchObject({ correcting: true, openCorrections: 1, canReportCorrection: true, canProposeRetirement: false });
    expect((await (await as('gaj')).get(`/api/catalog/entries/${entry.id}`)).body.lifecycle).toMatchObject({ correcting: true, canReportCorrection: false, canProposeRetirement: true });

    const tk = await token();
    const read = await t.anonymous().get(`/gateway/v1/entries/${entry.id}/records`).auth(tk, { type: 'bearer' });
    expect(read.status).toBe(200);
    expect(read.headers['govdata-correction']).toBe('in-progress; reports=1');

    // a system reports through the gateway, in its department's name
    const viaGateway = await t.anonymous().post(`/gateway/v1/entries/${entry.id}/corrections`).auth(tk, { type: 'bearer' }).send({ description: '张三丰的公民身份号码校验位有误', recordKey: '140602199001011234' });
    expect(viaGateway.status, JSON.stringify(viaGateway.body)).toBe(201);
    late = viaGateway.body.id;
    const queue = await (await as('gaj')).get('/api/corrections').query({ side: 'provider' });
    expect(queue.body.total).toBe(2);
    const gw = queue.body.items.find((c: { id: number }) => c.id === late);
    expect(gw).toMatchObject({ channel: 'gateway', reporter: { id: await departmentOf(t, 'rsj') }, standing: { text: '剩余 5 个工作日' }, permissions: { canAnswer: true } });
    expect((await t.anonymous().post(`/gateway/v1/entries/${entry.id}/corrections`).send({ description: '没有令牌的纠错' })).status).toBe(401);
  });

  it('the provider answers in time: the clock is met, the reporter is told; one contest, the bureau decides', async () => {
    t.clock.set('2026-06-17T09:00:00+08:00');
    as.clear();
    const gaj = await as('gaj');
    const noVersion = await gaj.post(`/api/corrections/${onTime}/answer`).send({ decision: 'corrected' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors[0].path).toBe('body.correctedDatasetVersion');
    const badVersion = await gaj.post(`/api/corrections/${onTime}/answer`).send({ decision: 'corrected', correctedDatasetVersion: 7 });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.errors[0].path).toBe('correctedDatasetVersion');
    expect((await (await as('rsj')).post(`/api/corrections/${onTime}/answer`).send({ decision: 'not_an_error', reason: '无误' })).status).toBe(403);

    const answer = await gaj.post(`/api/corrections/${onTime}/answer`).send({ decision: 'not_an_error', reason: '经核对户籍原件，姓名登记为李四，无误' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: 'answered', answeredOnTime: true, errorConfirmed: false, standing: { text: '按时完成' } });
    expect((await inbox('rsj', 'correction.answered'))[0].body).toMatch(/经核实非数据错误/);
    expect((await gaj.post(`/api/corrections/${onTime}/answer`).send({ decision: 'not_an_error', reason: '再答一次' })).status).toBe(409);

    const rsj = await as('rsj');
    const contest = await rsj.post(`/api/corrections/${onTime}/contest`).send({ reason: '已附公安机关出具的更名证明' });
    expect(contest.status).toBe(200);
    expect(contest.body.status).toBe('contested');
    expect((await rsj.post(`/api/corrections/${onTime}/contest`).send({ reason: '再次提出异议的理由' })).status).toBe(409);
    expect((await gaj.post(`/api/corrections/${onTime}/decide`).send({ decision: 'error_confirmed', reason: '证明有效' })).status).toBe(403);
    const decided = await (await as('bureau')).post(`/api/corrections/${onTime}/decide`).send({ decision: 'error_confirmed', reason: '更名证明有效，认定确有错误' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', bureauDecision: 'error_confirmed', errorConfirmed: true });
    expect(await inbox('gaj', 'correction.decided')).toHaveLength(1);
  });

  it('an unchecked report becomes (五) through the sweep, the reporter is told; the late answer is missed', async () => {
    await (await as('bureau')).post('/api/admin/jobs/deadline-sweep/run').expect(200);
    t.clock.set('2026-06-24T09:00:00+08:00');
    as.clear();
    const res = await (await as('bureau')).post('/api/admin/jobs/deadline-sweep/run');
    expect(res.status).toBe(200);
    const violations = await t.db.fork().find(Violation, { sourceKind: 'correction' });
    expect(violations.map((v) => [v.sourceId, v.type, v.department.id])).toEqual([[String(late), 5, await departmentOf(t, 'gaj')]]);
    expect((await inbox('rsj', 'correction.provider_overdue'))[0]).toMatchObject({ link: `/corrections/${late}` });
    expect((await inbox('gaj', 'deadline.overdue'))[0].body).toMatch(/纠错反馈 JCFK-2026-\d+「人口基础信息」/);

    const answer = await (await as('gaj')).post(`/api/corrections/${late}/answer`).send({ decision: 'scheduled', correctOn: '2026-06-30', reason: '源系统批量修正' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ answeredOnTime: false, errorConfirmed: true, correcting: true, standing: { text: '逾期完成（逾期 1 个工作日）' } });
    const past = await (await as('gaj')).post(`/api/corrections/${onTime}/answer`).send({ decision: 'scheduled', correctOn: '2026-06-01' });
    expect(past.status).toBe(409);
  });

  it('feeds the assessment: the clocks and the confirmed errors are facts now', async () => {
    const facts = await loadAssessmentFacts(t.db.fork(), { year: 2026, now: t.clock.now() });
    const gajId = await departmentOf(t, 'gaj');
    // two clocks run their course (one met, one missed); two confirmed errors (the bureau's decision, the scheduled fix)
    expect(facts.find((f) => f.departmentId === gajId)?.values).toMatchObject({ correctionsDue: 2, correctionsMet: 1, confirmedDataErrors: 2 });
  });

  it('lists the register with filters and exports it as XLSX', async () => {
    const bureau = await as('bureau');
    const gajId = await departmentOf(t, 'gaj');
    expect((await bureau.get('/api/corrections').query({ department: gajId, confirmed: 'true' })).body.total).toBe(2);
    expect((await bureau.get('/api/corrections').query({ status: 'decided' })).body.items.map((c: { id: number }) => c.id)).toEqual([onTime]);
    const code = (await bureau.get(`/api/corrections/${late}`)).body.code as string;
    expect((await bureau.get('/api/corrections').query({ q: code.toLowerCase() })).body.items.map((c: { id: number }) => c.id)).toEqual([late]);
    expect((await bureau.get('/api/corrections').query({ status: 'nope' })).status).toBe(400);
    // another department sees neither side's reports
    expect((await (await as('scjgj')).get('/api/corrections')).body.total).toBe(0);
    expect((await (await as('scjgj')).get(`/api/corrections/${late}`)).status).toBe(404);

    const file = await bureau.get('/api/corrections/export').query({ department: gajId }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as never);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).getCell(1).value).toBe('纠错编号');
    expect(sheet?.rowCount).toBe(4);
  });
});
