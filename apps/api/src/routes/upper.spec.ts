import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Deadline, Notification, ServiceRecordEntry, User, Violation } from '@govdata/core';
import { UpperApplication, UpperNeed, UpperResource } from '@govdata/lifecycle';
import { emptyRowsWorkbook } from '@govdata/core/testing';
import { createTestApp, type TestApp } from '../testing/harness';
import { logins } from '../testing/share-fixtures';

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
const HEADER = ['资源代码', '资源名称', '上级单位', '层级', '所属系统', '信息项', '申请方式', '备注'];
const workbook = async (rows: unknown[][]) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('上级数据资源目录');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
const PROVINCE = [
  ['SX-SCJG-0001', '山西省市场主体登记信息', '山西省市场监督管理局', '省级', '山西省市场主体登记系统', '统一社会信用代码、企业名称、法定代表人、注册资本、登记状态', '通过山西省政务数据共享交换平台提交申请，附用途说明', ''],
  ['SX-MZ-0002', '山西省婚姻登记信息', '山西省民政厅', '省级', '全国婚姻登记信息系统（山西）', '男方身份证号、女方身份证号、登记日期、登记类型', '省平台在线申请，需注明法律依据', '仅限依法履职'],
  ['GJ-GA-0003', '全国人口基础信息', '公安部', '国家级', '国家人口基础信息库', '公民身份号码、姓名、性别、民族、出生日期', '经省级平台转报国家平台', ''],
];

// 第十八条: departments' needs for upper-level data are consolidated by the bureau into one application to the upper
// platform; the reply is passed back to each department. The bureau's two steps run on service commitments from the
// rule set: a miss goes on the bureau's service record, never a department's violation.
describe('上级数据 (第十八条): catalog, needs, one batch application, reply, pass-back', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let resourceId: number;
  let gajNeed: number;
  let rsjNeed: number;
  let applicationId: number;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
  });
  afterAll(() => t.close());

  const inbox = async (username: string, kind: string) => {
    const u = await t.db.fork().findOneOrFail(User, { username });
    return t.db.fork().find(Notification, { recipient: u.id, kind }, { orderBy: { id: 'asc' } });
  };
  const upload = async (username: string, file: Buffer) => (await as(username)).post('/api/upper/resources/import').set('Content-Type', XLSX).send(file);

  it('imports the province list: a bad row names its row and column and stores nothing; a good list is created, then updated by code', async () => {
    const template = await (await as('bureau')).get('/api/upper/resources/template.xlsx').buffer(true).parse(binary as never);
    expect(template.status).toBe(200);
    const tpl = await load(template.body as Buffer);
    expect((tpl.getWorksheet('上级数据资源目录')?.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);

    const bad = await upload('bureau', await workbook([PROVINCE[0], ['SX-X-1', '缺上级单位的资源', '', '省级', '某系统', '甲、乙', '在线申请'], ['SX-X-2', '层级有误的资源', '山西省某厅', '市级', '某系统', '甲', '在线申请'], PROVINCE[0]]));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.code).toBe('upper.import_invalid');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['上级数据资源目录!C3', '上级数据资源目录!D4', '上级数据资源目录!A5']);
    expect(bad.body.errors[0].message).toMatch(/第 3 行 第 C 列（上级单位）/);
    expect(await t.db.fork().count(UpperResource, {})).toBe(0);

    expect((await upload('gaj', await workbook(PROVINCE))).status).toBe(403);
    const notXlsx = await upload('bureau', Buffer.from('not a workbook'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.code).toBe('upper.import_malformed');

    // a zip bomb (0.6 MB unpacking to ~400 MB of empty rows) is refused on its bounds before any parser holds it
    const bomb = await upload('bureau', emptyRowsWorkbook(8_000_000));
    expect(bomb.status).toBe(413);
    expect(bomb.headers['content-type']).toMatch(/problem\+json/);
    const rowsOver = await upload('bureau', emptyRowsWorkbook(20_000));
    expect(rowsOver.status).toBe(400);
    expect(rowsOver.body.detail).toMatch(/行上限/);
    expect(await t.db.fork().count(UpperResource, {})).toBe(0);

    const ok = await upload('bureau', await workbook(PROVINCE));
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ created: ['SX-SCJG-0001', 'SX-MZ-0002', 'GJ-GA-0003'], updated: [], unchanged: [] });
    const changed = PROVINCE.map((r) => [...r]);
    (changed[1] as string[])[6] = '省平台在线申请，需注明法律依据和使用期限';
    const again = await upload('bureau', await workbook(changed));
    expect(again.body).toEqual({ created: [], updated: ['SX-MZ-0002'], unchanged: ['SX-SCJG-0001', 'GJ-GA-0003'] });
    expect(await t.db.fork().count(AuditEvent, { action: 'upper_resource.import' })).toBe(2);
  });

  it('keeps the catalog: the bureau adds and edits, bad input names the field, departments read', async () => {
    const bureau = await as('bureau');
    const body = { code: 'SX-ST-0009', name: '山西省不动产登记信息', holder: '山西省自然资源厅', level: 'provincial', system: '山西省不动产登记平台', items: ['不动产单元号', '权利人', '坐落'], howToApply: '省平台在线申请' };
    for (const [patch, field] of [[{ level: 'city' }, 'body.level'], [{ items: [] }, 'body.items'], [{ items: ['权利人', '权利人'] }, 'body.items'], [{ holder: '' }, 'body.holder'], [{ extra: 1 }, 'body']] as const) {
      const res = await bureau.post('/api/upper/resources').send({ ...body, ...patch });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors[0].path).toBe(field);
    }
    const dup = await bureau.post('/api/upper/resources').send({ ...body, code: 'SX-MZ-0002' });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe('code');
    const created = await bureau.post('/api/upper/resources').send(body);
    expect(created.status).toBe(201);
    const edited = await bureau.put(`/api/upper/resources/${created.body.id}`).send({ ...body, items: [...body.items, '面积'] });
    expect(edited.body.items).toEqual(['不动产单元号', '权利人', '坐落', '面积']);
    expect((await (await as('gaj')).post('/api/upper/resources').send(body)).status).toBe(403);
    const list = await (await as('gaj')).get('/api/upper/resources?q=市场主体');
    expect(list.body.total).toBe(1);
    resourceId = list.body.items[0].id;
    expect((await bureau.delete(`/api/upper/resources/${created.body.id}`)).status).toBe(200);
    expect(await t.db.fork().count(UpperResource, {})).toBe(3);
  });

  it('takes departments’ needs: bad input names the field and stores nothing; the bureau is told and its clock starts', async () => {
    const gaj = await as('gaj');
    const need = { resourceId, purpose: '核验涉案企业的登记状态和法定代表人', scenario: '经济犯罪案件侦查中核查企业主体信息', items: ['统一社会信用代码', '企业名称', '法定代表人'], legalBasis: '《中华人民共和国刑事诉讼法》第五十四条', contactName: '王志强', contactPhone: '0349-2021234' };
    const cases: [Record<string, unknown>, string][] = [
      [{ items: ['统一社会信用代码', '股东名单'] }, 'items'],
      [{ purpose: '核验' }, 'body.purpose'],
      [{ contactPhone: 'abc' }, 'body.contactPhone'],
      [{ resourceId: 999_999 }, 'resourceId'],
      [{ items: [] }, 'body.items'],
    ];
    for (const [patch, field] of cases) {
      const res = await gaj.post('/api/upper/needs').send({ ...need, ...patch });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors[0].path).toBe(field);
    }
    expect(await t.db.fork().count(UpperNeed, {})).toBe(0);

    const a = await gaj.post('/api/upper/needs').send(need);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ status: 'submitted', code: `SJXQ-2026-${String(a.body.id).padStart(6, '0')}` });
    gajNeed = a.body.id;
    expect((await gaj.post('/api/upper/needs').send(need)).status).toBe(409);
    const b = await (await as('rsj')).post('/api/upper/needs').send({ ...need, purpose: '核验参保单位的登记状态', scenario: '社会保险参保登记时核验单位主体', items: ['统一社会信用代码', '企业名称', '登记状态'], legalBasis: '《社会保险法》第五十七条', contactName: '陈海涛' });
    expect(b.status).toBe(201);
    rsjNeed = b.body.id;
    expect(await inbox('bureau', 'upper.need_submitted')).toHaveLength(2);

    // the clock: a bureau clock of the rule set's commitment (第十八条), 5 working days across the Dragon Boat holiday
    const clock = await t.db.fork().findOneOrFail(Deadline, { subjectType: 'upper_need', subjectId: gajNeed });
    expect(clock).toMatchObject({ kind: 'upper_need_submission', responsible: 'bureau', department: null, ruleSet: 'shuozhou-2022', periodN: 5, dueDate: a.body.dueDate });
    const work = await (await as('bureau')).get('/api/me/workbench');
    const item = work.body.items.find((i: { kind: string; subjectId: number }) => i.kind === 'upper_need_submission' && i.subjectId === gajNeed);
    expect(item).toMatchObject({ article: '第十八条', kindLabel: '上级数据需求汇总报送', department: null });
    expect(item.label).toContain('山西省市场主体登记信息');
    expect((await gaj.get('/api/me/workbench')).body.items.some((i: { kind: string }) => i.kind === 'upper_need_submission')).toBe(false);

    // department isolation: a department sees its own needs, the bureau and leaders all
    const rsjList = await (await as('rsj')).get('/api/upper/needs');
    expect(rsjList.body.items.map((n: { id: number }) => n.id)).toEqual([rsjNeed]);
    expect((await (await as('rsj')).get(`/api/upper/needs/${gajNeed}`)).status).toBe(404);
    expect((await (await as('leader')).get('/api/upper/needs')).body.total).toBe(2);
    expect((await (await as('rsj')).get('/api/upper/applications')).status).toBe(403);
  });

  it('consolidates both needs into one batch application and exports it in the province’s form', async () => {
    const bureau = await as('bureau');
    const pending = await bureau.get('/api/upper/pending');
    expect(pending.body).toHaveLength(1);
    expect(pending.body[0]).toMatchObject({ needs: 2, resource: { id: resourceId } });
    expect((await (await as('gaj')).post('/api/upper/applications').send({ resourceId })).status).toBe(403);
    expect((await bureau.post('/api/upper/applications').send({ resourceId, needIds: [999] })).body.errors[0].path).toBe('needIds');

    const res = await bureau.post('/api/upper/applications').send({ resourceId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    applicationId = res.body.id;
    expect(res.body).toMatchObject({ status: 'draft', applicant: '朔州市政务数据共享管理部门', items: ['统一社会信用代码', '企业名称', '法定代表人', '登记状态'], permissions: { canSubmit: true, canReply: false } });
    expect(res.body.needs.map((n: { id: number; status: string }) => [n.id, n.status])).toEqual([[gajNeed, 'consolidated'], [rsjNeed, 'consolidated']]);
    expect(res.body.departments.map((d: { name: string }) => d.name).sort()).toEqual(['朔州市人力资源和社会保障局', '朔州市公安局'].sort());
    expect((await bureau.get('/api/upper/pending')).body).toEqual([]);
    // once consolidated a department can no longer withdraw its need
    expect((await (await as('gaj')).post(`/api/upper/needs/${gajNeed}/withdraw`).send({})).status).toBe(409);

    const file = await bureau.get(`/api/upper/applications/${applicationId}/export.xlsx`).buffer(true).parse(binary as never);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(XLSX);
    const ws = (await load(file.body as Buffer)).getWorksheet('共享申请表');
    const text: string[] = [];
    // merged cells read back once per cell: each row as its distinct cells in order
    ws?.eachRow((row) => text.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).filter((v, i, all) => i === 0 || v !== all[i - 1]).join('|')));
    expect(text[0]).toBe('上级政务数据资源共享申请表');
    expect(text).toContain('申请单位|朔州市政务数据共享管理部门');
    expect(text).toContain('资源提供单位|山西省市场监督管理局（省级）');
    expect(text).toContain('申请信息项|统一社会信用代码、企业名称、法定代表人、登记状态');
    expect(text.find((l) => l.startsWith('1|朔州市公安局|SJXQ-'))).toContain('核验涉案企业的登记状态和法定代表人');
    expect(text.find((l) => l.startsWith('2|朔州市人力资源和社会保障局|'))).toContain('《社会保险法》第五十七条');
    expect((await (await as('gaj')).get(`/api/upper/applications/${applicationId}/export.xlsx`)).status).toBe(403);
  });

  it('records the submission (the needs’ clocks met, departments told), then the reply; bad input changes nothing', async () => {
    const bureau = await as('bureau');
    const future = await bureau.post(`/api/upper/applications/${applicationId}/submit`).send({ submittedOn: '2026-06-16' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('submittedOn');
    expect((await bureau.post(`/api/upper/applications/${applicationId}/reply`).send({ decision: 'approved', referenceNo: '晋数共〔2026〕12号', replyDate: '2026-06-15' })).status).toBe(409);

    t.clock.set('2026-06-17T15:00:00+08:00');
    const sent = await bureau.post(`/api/upper/applications/${applicationId}/submit`).send({ submittedOn: '2026-06-17', platformRef: 'SXGX-20260617-0031' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'submitted', submittedOn: '2026-06-17', platformRef: 'SXGX-20260617-0031' });
    expect(sent.body.needs.every((n: { status: string; standing: { text: string } }) => n.status === 'applied' && n.standing.text === '按时完成')).toBe(true);
    expect((await t.db.fork().find(Deadline, { subjectType: 'upper_need' })).map((d) => d.state)).toEqual(['met', 'met']);
    expect(await inbox('gaj', 'upper.application_submitted')).toHaveLength(1);
    expect(await inbox('rsj', 'upper.application_submitted')).toHaveLength(1);

    const reply = (body: Record<string, unknown>) => bureau.post(`/api/upper/applications/${applicationId}/reply`).send({ decision: 'partly_approved', referenceNo: '晋数共〔2026〕12号', replyDate: '2026-06-17', ...body });
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'body.approvedItems'],
      [{ approvedItems: ['统一社会信用代码', '股东名单'] }, 'approvedItems'],
      [{ approvedItems: ['统一社会信用代码'], replyDate: '2026-06-16' }, 'replyDate'],
      [{ approvedItems: ['统一社会信用代码'], replyDate: '2026-06-18' }, 'replyDate'],
      [{ decision: 'maybe' }, 'body.decision'],
    ];
    for (const [patch, field] of cases) {
      const res = await reply(patch);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors[0].path).toBe(field);
    }
    expect((await t.db.fork().findOneOrFail(UpperApplication, applicationId)).status).toBe('submitted');

    const ok = await reply({ approvedItems: ['统一社会信用代码', '企业名称', '登记状态'], conditions: '仅限本部门依法履职使用，不得向第三方提供' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'replied', decision: 'partly_approved', approvedItems: ['统一社会信用代码', '企业名称', '登记状态'], passBackDueDate: expect.any(String), permissions: { canPassBack: true } });
    const passBack = await t.db.fork().findOneOrFail(Deadline, { subjectType: 'upper_application', subjectId: applicationId });
    expect(passBack).toMatchObject({ kind: 'upper_reply_passback', responsible: 'bureau', department: null, periodN: 3, state: 'open' });
  });

  it('passes the result back: each need gets its outcome, each department is told', async () => {
    const bureau = await as('bureau');
    const stray = await bureau.post(`/api/upper/applications/${applicationId}/pass-back`).send({ outcomes: [{ needId: 999, outcome: 'approved' }] });
    expect(stray.status).toBe(400);
    expect(stray.body.errors[0].path).toBe('outcomes.0.needId');
    expect((await (await as('gaj')).post(`/api/upper/applications/${applicationId}/pass-back`).send({})).status).toBe(403);

    t.clock.set('2026-06-18T09:00:00+08:00');
    const res = await bureau.post(`/api/upper/applications/${applicationId}/pass-back`).send({ note: '请通过省共享交换平台的本部门账号调用' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('passed_back');
    expect(res.body.passBack.text).toBe('按时完成');
    const outcome = Object.fromEntries(res.body.needs.map((n: { id: number; outcome: string; outcomeItems: string[] }) => [n.id, [n.outcome, n.outcomeItems]]));
    // gaj asked for the legal representative, which the province did not grant; rsj got all it asked for
    expect(outcome[gajNeed]).toEqual(['partly_approved', ['统一社会信用代码', '企业名称']]);
    expect(outcome[rsjNeed]).toEqual(['approved', ['统一社会信用代码', '企业名称', '登记状态']]);
    const told = await inbox('gaj', 'upper.result');
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toMatch(/部分获批.*晋数共〔2026〕12号.*仅限本部门依法履职使用/);
    expect(await inbox('rsj', 'upper.result')).toHaveLength(1);
    const mine = await (await as('gaj')).get(`/api/upper/needs/${gajNeed}`);
    expect(mine.body).toMatchObject({ status: 'answered', outcome: 'partly_approved', reply: { decision: 'partly_approved', referenceNo: '晋数共〔2026〕12号' }, outcomeNote: '请通过省共享交换平台的本部门账号调用' });
    expect((await bureau.post(`/api/upper/applications/${applicationId}/pass-back`).send({})).status).toBe(409);
    expect(await t.db.fork().count(AuditEvent, { action: { $like: 'upper_application.%' } })).toBe(4);
  });

  it('a bureau step left past its commitment goes on the bureau’s service record through the sweep, never a department violation', async () => {
    const scjgj = await as('scjgj');
    const other = await t.db.fork().findOneOrFail(UpperResource, { code: 'SX-MZ-0002' });
    const res = await scjgj.post('/api/upper/needs').send({ resourceId: other.id, purpose: '核验个体工商户经营者婚姻状况', scenario: '夫妻共同经营的个体户登记', items: ['登记日期', '登记类型'], legalBasis: '《促进个体工商户发展条例》', contactName: '刘晓燕', contactPhone: '0349-2035678' });
    expect(res.status).toBe(201);
    const violationsBefore = await t.db.fork().count(Violation, {});

    t.clock.set('2026-07-06T10:00:00+08:00');
    as.clear();
    const run = await (await as('bureau')).post('/api/admin/jobs/deadline-sweep/run');
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const entries = await t.db.fork().find(ServiceRecordEntry, { kind: 'upper_need_submission' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ article: '第十八条', sourceKind: 'upper_need', sourceId: String(res.body.id) });
    expect(entries[0]?.evidence.summary).toContain('上级数据需求');
    expect(await t.db.fork().count(Violation, {})).toBe(violationsBefore);
    const record = await (await as('bureau')).get('/api/service-record?kind=upper_need_submission');
    expect(record.body.items[0]).toMatchObject({ kindLabel: '上级数据需求汇总报送', article: '第十八条' });
    // a re-run records nothing again
    await (await as('bureau')).post('/api/admin/jobs/deadline-sweep/run');
    expect(await t.db.fork().count(ServiceRecordEntry, { kind: 'upper_need_submission' })).toBe(1);
  });

  it('a reply not passed back within the commitment goes on the service record too; passing it back late is marked late', async () => {
    const bureau = await as('bureau');
    const other = await t.db.fork().findOneOrFail(UpperResource, { code: 'SX-MZ-0002' });
    const app = await bureau.post('/api/upper/applications').send({ resourceId: other.id });
    expect(app.status).toBe(201);
    expect((await bureau.post(`/api/upper/applications/${app.body.id}/submit`).send({ submittedOn: '2026-07-06' })).body.needs[0].standing.text).toMatch(/^逾期完成/);
    const replied = await bureau.post(`/api/upper/applications/${app.body.id}/reply`).send({ decision: 'refused', referenceNo: '晋数共〔2026〕31号', replyDate: '2026-07-06', conditions: '请补充法律依据后重新申请' });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    t.clock.set('2026-07-13T10:00:00+08:00');
    as.clear();
    await (await as('bureau')).post('/api/admin/jobs/deadline-sweep/run');
    const entries = await t.db.fork().find(ServiceRecordEntry, { kind: 'upper_reply_passback' });
    expect(entries.map((e) => [e.sourceKind, e.sourceId, e.article])).toEqual([['upper_application', String(app.body.id), '第十八条']]);
    expect(entries[0]?.evidence.summary).toContain('统一申请');
    const passed = await (await as('bureau')).post(`/api/upper/applications/${app.body.id}/pass-back`).send({});
    expect(passed.body.passBack.text).toMatch(/^逾期完成/);
    expect(passed.body.needs[0]).toMatchObject({ outcome: 'refused', outcomeItems: [] });
    expect((await inbox('scjgj', 'upper.result'))[0]?.body).toMatch(/未获批.*请补充法律依据后重新申请/);
  });
});
