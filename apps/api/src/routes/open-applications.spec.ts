import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { Department, sqlAll, User } from '@govdata/core';
import { CatalogEntry, CatalogItem } from '@govdata/catalog';
import { OPEN_AGREEMENT, violationSourceLink, type ViolationDto } from '@govdata/domain';
import { OpenDataset } from '@govdata/opendata';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = ReturnType<typeof request.agent>;

function expectProblem(res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status: number, text?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(res.body.detail).toMatch(text);
}

const PASSWORD = 'Harbour-violet-83-slowly';

/** 依申请开放 (第二十四条): apply, the provider answers within the clock or (九) is recorded, approved keys read the approved items. */
describe('open on application: the application, the answer, the clock and the data through a key (issue 16 item 4)', () => {
  let t: TestApp;
  let citizen: Agent;
  let firm: Agent;
  let provider: Agent;
  let other: Agent;
  let bureau: Agent;
  let dataset: { name: string; entryId: number };
  let openDataset: string;
  let fields: { plain: string; masked: string; secret: string };
  let citizenKey: string;
  let firmKey: string;
  let approvedId: number;
  let overdueId: number;

  const register = async (identifier: string, extra: Record<string, unknown> = {}) => {
    const a = t.anonymous();
    const res = await a.post('/api/open/account/register').send({ kind: 'person', identifier, password: PASSWORD, displayName: '赵市民', agreementVersion: OPEN_AGREEMENT.version, acceptAgreement: true, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return a;
  };
  const application = (extra: Record<string, unknown> = {}) => ({
    dataset: dataset.name,
    purpose: '开发便民查询小程序，为市民提供办事指引',
    scenario: '小程序内按区县展示统计结果，不展示个人明细',
    fields: [fields.plain, fields.masked],
    periodFrom: '2026-07-01',
    periodTo: '2027-06-30',
    commitments: '仅用于申请用途，不向第三方提供，按等保二级要求存储，期满后销毁。',
    acceptCommitments: true,
    ...extra,
  });

  beforeAll(async () => {
    // Monday 2026-06-15: 10 working days after it (06-19 端午节 off) end on 2026-06-30
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00', seedUntil: 'opendata' });
    const em = t.db.fork();
    const visible = await em.find(OpenDataset, { withdrawnAt: null }, { populate: ['entry'], orderBy: { id: 'asc' } });
    const onApp = visible.find((d) => d.entry.getEntity().openType === 'on_application' && d.entry.getEntity().status === 'published');
    const open = visible.find((d) => d.entry.getEntity().openType === 'open' && d.entry.getEntity().status === 'published');
    if (!onApp || !open) throw new Error('the demo should publish open and on-application datasets');
    dataset = { name: onApp.name, entryId: onApp.entry.id };
    openDataset = open.name;
    const entry = await em.findOneOrFail(CatalogEntry, dataset.entryId, { populate: ['provider'] });
    const providerId = entry.provider.id;
    // three items decide what the public sees: plain, masked (sensitive, partial mask), 涉密 (never open)
    const items = await em.find(CatalogItem, { entry: dataset.entryId, removedAt: null }, { orderBy: { position: 'asc' } });
    if (items.length < 3) throw new Error('the on-application entry should have three items at least');
    items.forEach((it, i) => Object.assign(it, { nullable: true, dataType: 'string', length: 50, sensitive: i === 1, secret: i === 2, desensitization: i === 1 ? 'partial_mask' : 'none' }));
    await em.flush();
    fields = { plain: items[0].fieldName, masked: items[1].fieldName, secret: items[2].fieldName };

    const officers = await em.find(User, { department: providerId }, { orderBy: { id: 'asc' } });
    const officer = officers.find((u) => u.roles.includes('dept_admin'));
    if (!officer) throw new Error('the provider should have a data officer');
    const otherDept = await em.findOneOrFail(Department, { name: providerId === (await em.findOneOrFail(Department, { name: '朔州市市场监督管理局' })).id ? '朔州市人力资源和社会保障局' : '朔州市市场监督管理局' });
    const otherOfficer = (await em.find(User, { department: otherDept.id })).find((u) => u.roles.includes('dept_admin'));
    [provider, other, bureau] = await Promise.all([t.as(officer.username), t.as(otherOfficer?.username ?? 'scjgj'), t.as('bureau')]);

    // the provider's data for the entry: three rows, published
    const csv = `${fields.plain},${fields.masked},${fields.secret}\n公开值一,张三丰,机密一\n公开值二,李四光,机密二\n公开值三,王五,机密三\n`;
    const up = await provider.post(`/api/catalog/entries/${dataset.entryId}/datasets`).set('Content-Type', 'text/csv').send(csv);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await provider.post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);

    citizen = await register('zhao@example.com');
    firm = await register('13800138000', { kind: 'organisation', displayName: '钱经理', organisationName: '朔州示例数据服务有限公司', creditCode: '91140602MA0H7R3Q5R' });
    citizenKey = (await citizen.post('/api/open/account/keys').send({ name: '测试' })).body.key;
    firmKey = (await firm.post('/api/open/account/keys').send({ name: '测试' })).body.key;
  }, 240_000);
  afterAll(() => t.close());

  const rows = (name: string, key: string) => request(t.app).get(`/api/open/v1/datasets/${name}/rows`).set('Authorization', `Bearer ${key}`);

  it('shows the form of an on-application dataset and refuses bad applications, storing nothing', async () => {
    const form = await t.anonymous().get(`/api/open/applications/form/${dataset.name}`);
    expect(form.status).toBe(200);
    expect(form.body.answerPeriod).toBe('10 个工作日');
    expect(form.body.items.map((i: { fieldName: string }) => i.fieldName)).toEqual(expect.arrayContaining([fields.plain, fields.masked]));
    expect(form.body.items.map((i: { fieldName: string }) => i.fieldName)).not.toContain(fields.secret);
    expectProblem(await t.anonymous().get(`/api/open/applications/form/${openDataset}`), 422, /无条件开放/);
    expectProblem(await t.anonymous().get('/api/open/applications/form/sz-no-such-dataset'), 404);

    // not logged in on the portal (a staff session is not a portal session)
    expectProblem(await t.anonymous().post('/api/open/applications').send(application()), 401);
    expectProblem(await bureau.post('/api/open/applications').send(application()), 401);
    expectProblem(await citizen.post('/api/open/applications').send(application({ fields: [fields.secret] })), 400, /不在该数据集开放的信息项中/);
    expectProblem(await citizen.post('/api/open/applications').send(application({ fields: [] })), 400, /至少选择一个信息项/);
    expectProblem(await citizen.post('/api/open/applications').send(application({ purpose: '用' })), 400, /申请用途/);
    expectProblem(await citizen.post('/api/open/applications').send(application({ periodTo: '2026-01-01' })), 400, /结束日期/);
    expectProblem(await citizen.post('/api/open/applications').send(application({ acceptCommitments: false })), 400, /安全承诺/);
    expectProblem(await citizen.post('/api/open/applications').send(application({ dataset: openDataset })), 422, /无条件开放/);
    expect((await citizen.get('/api/open/applications')).body).toEqual([]);
  });

  it('opens the 10-working-day clock; only the provider answers, once; the approved key reads only the approved items, masked', async () => {
    const made = await citizen.post('/api/open/applications').send(application());
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    approvedId = made.body.id;
    expect(made.body).toMatchObject({ status: 'pending', code: `KFSQ-2026-${String(approvedId).padStart(6, '0')}`, clock: { dueDate: '2026-06-30', article: '第二十四条', period: { n: 10, unit: 'working' } }, active: false });
    expectProblem(await citizen.post('/api/open/applications').send(application()), 409, /待答复/);
    // before an answer the key reads nothing of this dataset
    expectProblem(await rows(dataset.name, citizenKey), 403, /依申请开放/);

    // the provider sees it (its workbench clock and its list), another department does not
    const listed = await provider.get('/api/open-applications');
    expect(listed.body.items.map((a: { id: number }) => a.id)).toContain(approvedId);
    expect(listed.body.items.find((a: { id: number }) => a.id === approvedId).permissions).toEqual({ canAnswer: true });
    expect((await other.get('/api/open-applications')).body.items.map((a: { id: number }) => a.id)).not.toContain(approvedId);
    expectProblem(await other.get(`/api/open-applications/${approvedId}`), 403);
    expect((await bureau.get(`/api/open-applications/${approvedId}`)).body.permissions).toEqual({ canAnswer: false });
    const bench = await provider.get('/api/me/workbench');
    expect(JSON.stringify(bench.body)).toContain(`/opendata/applications/${approvedId}`);

    // another department's officer and the bureau cannot answer
    const approve = { decision: 'approve', conditions: '仅限申请用途使用，注明数据来源', validUntil: '2027-06-30' };
    expectProblem(await other.post(`/api/open-applications/${approvedId}/answer`).send(approve), 403);
    expectProblem(await bureau.post(`/api/open-applications/${approvedId}/answer`).send(approve), 403);
    expectProblem(await provider.post(`/api/open-applications/${approvedId}/answer`).send({ decision: 'refuse', reasons: '涉及个人信息' }), 400, /依据/);
    expectProblem(await provider.post(`/api/open-applications/${approvedId}/answer`).send({ ...approve, validUntil: '2026-01-01' }), 400, /有效期/);
    expectProblem(await provider.post(`/api/open-applications/${approvedId}/answer`).send({ decision: 'maybe' }), 400, /同意开放/);
    const answered = await provider.post(`/api/open-applications/${approvedId}/answer`).send(approve);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'approved', validUntil: '2027-06-30', active: true, clock: { state: 'met' } });
    expectProblem(await provider.post(`/api/open-applications/${approvedId}/answer`).send({ decision: 'refuse', reasons: '重新考虑后不同意', basis: '第二十三条' }), 409, /已答复/);

    // the applicant sees the answer
    const mine = await citizen.get('/api/open/applications');
    expect(mine.body[0]).toMatchObject({ id: approvedId, status: 'approved', conditions: '仅限申请用途使用，注明数据来源' });

    const calls = async () => Number((await sqlAll<{ n: number | string }>(t.db.fork(), "select count(*) as n from call_records where client_id like 'open:%'", []))[0].n);
    const before = await calls();
    const read = await rows(dataset.name, citizenKey);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.fields.map((f: { fieldName: string }) => f.fieldName)).toEqual([fields.plain, fields.masked]);
    expect(read.body.items[0]).toEqual({ [fields.plain]: '公开值一', [fields.masked]: '张**' });
    expect(JSON.stringify(read.body)).not.toContain('机密');
    expect(read.body.total).toBe(3);
    // the firm has no approval: refused, and recorded like the answered call
    expectProblem(await rows(dataset.name, firmKey), 403);
    expect(await calls()).toBe(before + 2);
    const [last] = await sqlAll<{ status: string; entry_id: number; fields_returned: string }>(t.db.fork(), "select status, entry_id, fields_returned from call_records where client_id like 'open:%' order by seq desc", []);
    expect(last).toMatchObject({ status: 'forbidden', entry_id: dataset.entryId });
  });

  it('rate-limits each key per minute', async () => {
    // an open dataset without data: allowed, answered 409 until it has a live version — and counted all the same
    const first = await rows(openDataset, firmKey);
    expectProblem(first, 409, /尚未在平台发布数据/);
    let status = 409;
    for (let i = 1; i < 61 && status !== 429; i++) status = (await rows(openDataset, firmKey)).status;
    expect(status).toBe(429);
    const limited = await rows(openDataset, firmKey);
    expectProblem(limited, 429, /每分钟/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another key is not affected
    expectProblem(await rows(openDataset, citizenKey), 409);
  });

  it('records (九) once when the provider lets the 10 working days pass, and links it to the application', async () => {
    const late = await firm.post('/api/open/applications').send(application({ fields: [fields.plain] }));
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    overdueId = late.body.id;
    const run = async (at: string) => {
      t.clock.set(at);
      const res = await (await t.as('bureau')).post('/api/admin/jobs/deadline-sweep/run');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await run('2026-06-30T20:00:00+08:00');
    const found = async () => ((await (await t.as('bureau')).get('/api/violations').query({ pageSize: 200 })).body.items as ViolationDto[]).filter((v) => v.source.kind === 'open_application');
    expect(await found()).toEqual([]);
    await run('2026-07-01T09:00:00+08:00');
    const recorded = await found();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ type: 9, source: { kind: 'open_application', id: String(overdueId) } });
    expect(violationSourceLink(recorded[0].source, recorded[0].evidence.details ?? {})?.to).toBe(`/opendata/applications/${overdueId}`);
    await run('2026-07-02T09:00:00+08:00');
    expect(await found()).toHaveLength(1);

    // the applicant sees the clock overdue; the department may still answer, late
    const mine = (await firm.get('/api/open/applications')).body.find((a: { id: number }) => a.id === overdueId);
    expect(mine.clock.standing.overdue).toBe(true);
    const overdueList = await provider.get('/api/open-applications').query({ overdue: 'true' });
    expect(overdueList.body.items.map((a: { id: number }) => a.id)).toEqual([overdueId]);
    const refused = await provider.post(`/api/open-applications/${overdueId}/answer`).send({ decision: 'refuse', reasons: '该信息项涉及市场主体经营信息，须经权利人同意', basis: '《朔州市政务数据资源共享开放管理办法》第二十三条' });
    expect(refused.body).toMatchObject({ status: 'refused', clock: { state: 'missed' } });
    expectProblem(await rows(dataset.name, firmKey), 403);
  });
});
