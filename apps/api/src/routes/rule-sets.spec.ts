import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Deadline, Notification, User } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins, requestBody } from '../testing/share-fixtures';

// Issue 12 §1: deadline rules as effective-dated data. The bureau schedules the Shanxi rules (the provider's reply is
// 5 working days when the data is on the platform, 10 when not) from a date on; clocks opened before keep theirs.
describe('办理时限规则: rule sets, switches and the clocks they open', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let onPlatform: { id: number };
  let notOnPlatform: { id: number };

  beforeAll(async () => {
    // Monday 2026-06-08
    t = await createTestApp({ now: '2026-06-08T10:00:00+08:00' });
    as = logins(t);
    onPlatform = await entryOf(t, 'gaj', { name: '居民身份证信息', shareType: 'conditional' });
    notOnPlatform = await entryOf(t, 'gaj', { name: '户籍人口信息', shareType: 'conditional' });
  });
  afterAll(() => t.close());

  /** submits a request for the entry (one open request per department and entry) and passes the review: the provider's reply clock starts */
  async function forward(entry: { id: number }, requester = 'rsj'): Promise<{ id: number; dueDate: string }> {
    const res = await (await as(requester)).post('/api/share-requests').send(requestBody(entry as never, 2));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await (await as('bureau')).post(`/api/share-requests/${res.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    const detail = await (await as(requester)).get(`/api/share-requests/${res.body.id}`).expect(200);
    expect(detail.body.current.kind).toBe('provider_reply');
    return { id: res.body.id, dueDate: detail.body.current.dueDate };
  }

  it('anyone, signed in or not, reads the periods in force; the page itself needs a login', async () => {
    const current = await t.anonymous().get('/api/rule-sets/current').expect(200);
    expect(current.body).toMatchObject({ ruleSetId: 'shuozhou-2022', periods: { provider_reply: '5 个工作日', compliance_review: '2 个工作日', catalog_update: '15 个工作日' }, periodsEn: { provider_reply: '5 working days' } });
    await t.anonymous().get('/api/rule-sets').expect(401);
    const page = await (await as('gaj')).get('/api/rule-sets').expect(200);
    expect(page.body.current.id).toBe('shuozhou-2022');
    expect(page.body.ruleSets.map((r: { id: string }) => r.id)).toEqual(['shuozhou-2022', 'shanxi-gaoping-2024']);
    expect(page.body.next).toBeNull();
  });

  it('only the bureau schedules a switch, from a future date, with a reason; bad input changes nothing', async () => {
    const body = { ruleSetId: 'shanxi-gaoping-2024', effectiveFrom: '2026-06-15', reason: '依据晋政办发〔2021〕87号调整答复期限' };
    await (await as('gaj')).post('/api/rule-sets/switches').send(body).expect(403);
    const past = await (await as('bureau')).post('/api/rule-sets/switches').send({ ...body, effectiveFrom: '2026-06-08' });
    expect(past.status).toBe(422);
    expect(past.headers['content-type']).toContain('application/problem+json');
    expect(past.body.detail).toContain('须晚于今日');
    const unknown = await (await as('bureau')).post('/api/rule-sets/switches').send({ ...body, ruleSetId: 'national-2025' });
    expect(unknown.status).toBe(400);
    expect((await (await as('bureau')).post('/api/rule-sets/switches').send({ ...body, effectiveFrom: '2026-02-30' })).status).toBe(400);
    expect((await (await as('bureau')).get('/api/rule-sets')).body.history).toEqual([]);

    const made = await (await as('bureau')).post('/api/rule-sets/switches').send(body).expect(201);
    expect(made.body).toMatchObject({ ruleSetId: 'shanxi-gaoping-2024', effectiveFrom: '2026-06-15', status: 'scheduled' });
    const page = await (await as('gaj')).get('/api/rule-sets').expect(200);
    expect(page.body.next).toMatchObject({ ruleSetId: 'shanxi-gaoping-2024', effectiveFrom: '2026-06-15' });
    expect(page.body.current.id).toBe('shuozhou-2022');
    const audited = await t.db.fork().find(AuditEvent, { action: 'rule_set.schedule' });
    expect(audited).toHaveLength(1);
    expect(audited[0].after).toMatchObject({ ruleSetId: 'shanxi-gaoping-2024', effectiveFrom: '2026-06-15' });
  });

  it('clocks opened before the switch keep the old rules; after it the reply period depends on the data being on the platform', async () => {
    // before: 5 working days whatever the fact (Monday 06-08 → Monday 06-15)
    const before = await forward(notOnPlatform);
    expect(before.dueDate).toBe('2026-06-15');

    // the rule set's fact is derived: the provider publishes a version of the entry's data on the platform
    expect((await (await as('gaj')).get(`/api/catalog/entries/${onPlatform.id}`)).body.dataOnPlatform).toBe(false);
    const up = await (await as('gaj')).post(`/api/catalog/entries/${onPlatform.id}/datasets`).set('Content-Type', 'text/csv').send("公民身份号码,姓名,性别,出生日期,住址\n140602199001011234,张三,男,1990-01-01,朔州市朔城区\n").expect(201);
    await (await as('gaj')).post(`/api/datasets/${up.body.versionId}/publish`).send({}).expect(200);
    expect((await (await as('gaj')).get(`/api/catalog/entries/${onPlatform.id}`)).body.dataOnPlatform).toBe(true);
    // there is no hand-set flag any more
    expect((await (await as('gaj')).put(`/api/catalog/entries/${onPlatform.id}/data-on-platform`).send({ dataOnPlatform: false })).status).toBe(404);

    // Monday 06-15: the Shanxi rules are in force (端午节 06-19 is a holiday)
    t.clock.set('2026-06-15T10:00:00+08:00');
    as.clear();
    expect((await t.anonymous().get('/api/rule-sets/current')).body.periods.provider_reply).toBe('5 个工作日（数据已在平台）或 10 个工作日（数据未在平台）');
    const fast = await forward(onPlatform);
    const slow = await forward(notOnPlatform, 'scjgj');
    // 5 working days: 16, 17, 18, 22, 23; 10: … 24, 25, 26, 29, 30
    expect(fast.dueDate).toBe('2026-06-23');
    expect(slow.dueDate).toBe('2026-06-30');

    // each clock keeps the rule set it was opened under, and shows it
    const em = t.db.fork();
    const rows = await em.find(Deadline, { kind: 'provider_reply' }, { orderBy: { id: 'asc' } });
    expect(rows.map((d) => [d.ruleSet, d.periodN, d.dueDate])).toEqual([
      ['shuozhou-2022', 5, '2026-06-15'],
      ['shanxi-gaoping-2024', 5, '2026-06-23'],
      ['shanxi-gaoping-2024', 10, '2026-06-30'],
    ]);
    const dto = await (await as('bureau')).get(`/api/deadlines/${rows[2].id}`).expect(200);
    expect(dto.body).toMatchObject({ ruleSet: { id: 'shanxi-gaoping-2024', version: 1 }, article: '共享流程第（二）项', period: { n: 10, unit: 'working' } });

    // the provider's notice quotes the clock's own clause and period
    const gaj = await em.findOneOrFail(User, { username: 'gaj' });
    const told = await em.find(Notification, { recipient: gaj.id, kind: 'share_request.pass_conditional' }, { orderBy: { id: 'asc' } });
    expect(told.map((n) => n.body.match(/（([^（）]*(?:（[^（）]*）[^（）]*)*)）。驳回/)?.[1])).toEqual(['第十五条第（二）项，5 个工作日', '共享流程第（二）项，5 个工作日', '共享流程第（二）项，10 个工作日']);
  });

  it('a switch in effect cannot be withdrawn; a scheduled one can, and then never applies', async () => {
    const page = await (await as('bureau')).get('/api/rule-sets').expect(200);
    const effective = page.body.history[0];
    expect(effective.status).toBe('effective');
    expect((await (await as('bureau')).post(`/api/rule-sets/switches/${effective.id}/cancel`)).status).toBe(422);

    const back = await (await as('bureau')).post('/api/rule-sets/switches').send({ ruleSetId: 'shuozhou-2022', effectiveFrom: '2026-07-01', reason: '恢复执行朔州市办法' }).expect(201);
    await (await as('gaj')).post(`/api/rule-sets/switches/${back.body.id}/cancel`).expect(403);
    const cancelled = await (await as('bureau')).post(`/api/rule-sets/switches/${back.body.id}/cancel`).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    t.clock.set('2026-07-02T10:00:00+08:00');
    as.clear();
    expect((await t.anonymous().get('/api/rule-sets/current')).body.ruleSetId).toBe('shanxi-gaoping-2024');
    expect(await t.db.fork().count(AuditEvent, { action: 'rule_set.cancel' })).toBe(1);
  });
});
