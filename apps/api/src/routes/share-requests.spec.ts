import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Deadline, Notification, User } from '@govdata/core';
import { ShareGrant, ShareRequest } from '@govdata/sharing';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, requestBody } from '../testing/share-fixtures';

// The whole 第十五条 flow over the 2024 National Day holiday and its make-up working days (Sunday 09-29, Saturday 10-12).
describe('share requests: compliance review, provider reply and their working-day clocks', () => {
  let t: TestApp;
  let conditional: { id: number; itemIds: number[] };
  let unconditional: { id: number; itemIds: number[] };

  beforeAll(async () => {
    t = await createTestApp({ now: '2024-09-27T16:00:00+08:00' });
    conditional = await entryOf(t, 'gaj', { name: '居民户籍信息', shareType: 'conditional' });
    unconditional = await entryOf(t, 'gaj', { name: '公安机关办事指南', shareType: 'unconditional' });
  });
  afterAll(() => t.close());

  const at = (iso: string) => t.clock.set(iso);
  const userId = async (username: string) => (await t.db.fork().findOneOrFail(User, { username })).id;

  it('submits on Friday 2024-09-27 with the review due at the end of Monday 09-30 (Sunday 09-29 is a make-up day)', async () => {
    at('2024-09-27T16:00:00+08:00');
    const rsj = await t.as('rsj');
    const res = await rsj.post('/api/share-requests').send({ ...requestBody(conditional), duty: '社会保障卡发放', contact: '陈海涛 0349-2011234' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number), status: 'submitted', dueAt: '2024-09-30T15:59:59.999Z' });
    const bureauId = await userId('bureau');
    const note = await t.db.fork().findOneOrFail(Notification, { recipient: bureauId, kind: 'share_request.submit' });
    expect(note.title).toBe('共享申请待符合性审查：居民户籍信息');
    expect(note.body).toContain('2024-09-30');
    expect(note.link).toBe(`/share/requests/${res.body.id}`);
    expect(await t.db.fork().count(AuditEvent, { action: 'share_request.submit', subjectId: String(res.body.id) })).toBe(1);

    // passed on Monday 09-30: the provider's 5 working days are 10-08 … 10-11 and the make-up Saturday 10-12
    at('2024-09-30T11:00:00+08:00');
    const bureau = await t.as('bureau');
    const pass = await bureau.post(`/api/share-requests/${res.body.id}/compliance-review`).send({ decision: 'pass' });
    expect(pass.status).toBe(200);
    expect(pass.body).toMatchObject({ status: 'provider_review', dueAt: '2024-10-12T15:59:59.999Z' });
    const detail = await bureau.get(`/api/share-requests/${res.body.id}`);
    expect(detail.body.steps).toMatchObject([
      { seq: 1, kind: 'compliance_review', department: null, dueAt: '2024-09-30T15:59:59.999Z', completedAt: '2024-09-30T03:00:00.000Z', met: true, decision: 'pass' },
      { seq: 2, kind: 'provider_reply', department: { name: '朔州市公安局' }, dueDate: '2024-10-12', completedAt: null, met: null, decision: null },
    ]);
    // the header and the timeline say the same (issue 14, defect 3): on the day the clock starts all 5 days are ahead
    expect(detail.body.current).toMatchObject({ kind: 'provider_reply', dueDate: '2024-10-12', overdue: false, workingDaysLeft: 5, standing: { text: '剩余 5 个工作日', dueText: '10-12 24:00' } });
    expect(detail.body.steps[1].standing).toEqual(detail.body.current.standing);
    expect(detail.body.steps[0].standing).toMatchObject({ text: '按时完成', tone: 'success' });
    // 期限督办 names the clock's subject as people know it, with its page (issue 14, defect 6)
    const clocks = await bureau.get(`/api/deadlines?subjectType=share_request_step&subjectId=${detail.body.steps[1].id}`);
    expect(clocks.body.items[0].subject).toEqual({ label: `共享申请 ${detail.body.code}「居民户籍信息」（申请部门：朔州市人力资源和社会保障局）`, link: `/share/requests/${res.body.id}` });
    expect((await bureau.get(`/api/deadlines/${clocks.body.items[0].id}`)).body.subject).toEqual(clocks.body.items[0].subject);
    expect(clocks.body.items[0].standing).toEqual(detail.body.current.standing);
    expect(await t.db.fork().count(Notification, { recipient: await userId('gaj'), kind: 'share_request.pass_conditional' })).toBe(1);

    // answered on the make-up Saturday itself: in time
    at('2024-10-12T17:30:00+08:00');
    const gaj = await t.as('gaj');
    const reply = await gaj.post(`/api/share-requests/${res.body.id}/reply`).send({ decision: 'approve', itemIds: conditional.itemIds.slice(0, 2), conditions: '仅限社保卡业务窗口核验，不得留存' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('approved');
    const done = await gaj.get(`/api/share-requests/${res.body.id}`);
    expect(done.body.steps[1]).toMatchObject({ kind: 'provider_reply', met: true, completedAt: '2024-10-12T09:30:00.000Z', decision: 'approve', actorName: '王志强(gaj)', onBehalfOf: null });
    expect(done.body.items.map((i: { approved: boolean }) => i.approved)).toEqual([true, true, false]);
    expect(done.body).toMatchObject({ conditions: '仅限社保卡业务窗口核验，不得留存', grant: { state: 'active', validUntil: '2025-10-12' }, actions: [] });
    const grant = await t.db.fork().findOneOrFail(ShareGrant, { request: res.body.id });
    expect(grant).toMatchObject({ source: 'request', itemIds: conditional.itemIds.slice(0, 2), status: 'active' });
    expect(await t.db.fork().count(Notification, { recipient: await userId('rsj'), kind: 'share_request.approve' })).toBe(1);
  });

  it('records a late review and a timely reply as missed and met', async () => {
    at('2024-10-14T09:00:00+08:00');
    const scj = await t.as('scjgj');
    const { body } = await scj.post('/api/share-requests').send(requestBody(conditional, 1));
    expect(body.dueAt).toBe('2024-10-16T15:59:59.999Z');
    at('2024-10-18T10:00:00+08:00');
    await (await t.as('bureau')).post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    at('2024-10-24T10:00:00+08:00');
    const gaj = await t.as('gaj');
    const reject = await gaj
      .post(`/api/share-requests/${body.id}/reply`)
      .send({ decision: 'reject', reasonCategory: 'purpose_mismatch', reason: '申请用途为市场主体登记，依据《市场主体登记管理条例》第十二条无需户籍信息' });
    expect(reject.status).toBe(200);
    const d = await gaj.get(`/api/share-requests/${body.id}`);
    expect(d.body.steps.map((s: { met: boolean }) => s.met)).toEqual([false, true]);
    expect(d.body.steps[1].dueDate).toBe('2024-10-25');
    expect(d.body.steps[0].workingDaysLate).toBe(2);
    expect(d.body.rejection).toMatchObject({ category: 'purpose_mismatch', categoryLabel: '申请用途与履职需要不符' });
    const states = await t.db.fork().find(Deadline, { subjectType: 'share_request_step', subjectId: { $in: d.body.steps.map((s: { id: number }) => s.id) } }, { orderBy: { id: 'asc' } });
    expect(states.map((s) => [s.kind, s.state, s.department?.id ?? null])).toEqual([
      ['compliance_review', 'missed', null],
      ['provider_reply', 'met', d.body.provider.id],
    ]);
  });

  it('approves unconditional data at the compliance review (第十五条(一)), without a provider step', async () => {
    at('2024-11-04T09:00:00+08:00');
    const rsj = await t.as('rsj');
    const { body } = await rsj.post('/api/share-requests').send(requestBody(unconditional, 2));
    const pass = await (await t.as('bureau')).post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'pass' });
    expect(pass.body).toEqual({ id: body.id, status: 'approved', dueAt: null });
    const d = await rsj.get(`/api/share-requests/${body.id}`);
    expect(d.body.steps).toHaveLength(1);
    expect(d.body.grant).toMatchObject({ state: 'active', validUntil: '2025-11-04' });
    expect(d.body.history.map((h: { event: string }) => h.event)).toEqual(['submit', 'pass_unconditional']);
  });

  it('returns a request with a reason; the resubmission starts a new review clock', async () => {
    at('2024-11-05T09:00:00+08:00');
    const rsj = await t.as('rsj');
    const bureau = await t.as('bureau');
    const { body } = await rsj.post('/api/share-requests').send(requestBody(conditional, 2));
    const noReason = await bureau.post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'return' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ path: 'body.reason', message: expect.stringContaining('退回修改须写明理由') });
    expect((await t.db.fork().findOneOrFail(ShareRequest, body.id)).status).toBe('submitted');

    await bureau.post(`/api/share-requests/${body.id}/compliance-review`).send({ decision: 'return', reason: '应用场景描述不具体，请写明业务系统名称' }).expect(200);
    at('2024-11-08T15:00:00+08:00');
    const again = await (await t.as('rsj')).post(`/api/share-requests/${body.id}/resubmit`).send({ scenario: '社会保障卡一体化服务系统窗口核验', note: '补充了业务系统名称' });
    expect(again.body).toEqual({ id: body.id, status: 'submitted', dueAt: '2024-11-12T15:59:59.999Z' });
    const d = await (await t.as('bureau')).get(`/api/share-requests/${body.id}`);
    expect(d.body.steps.map((s: { seq: number; kind: string; decision: string | null; met: boolean | null }) => [s.seq, s.kind, s.decision, s.met])).toEqual([
      [1, 'compliance_review', 'return', true],
      [2, 'compliance_review', null, null],
    ]);
    expect(d.body.scenario).toBe('社会保障卡一体化服务系统窗口核验');
    expect(d.body.actions.sort()).toEqual(['pass_conditional', 'return']);
  });

  it('withdraws a request and cancels its running clock', async () => {
    at('2024-11-11T09:00:00+08:00');
    const scj = await t.as('scjgj');
    const { body } = await scj.post('/api/share-requests').send(requestBody(unconditional, 1));
    const w = await scj.post(`/api/share-requests/${body.id}/withdraw`).send({ reason: '业务调整，暂不需要' });
    expect(w.body.status).toBe('withdrawn');
    const d = await scj.get(`/api/share-requests/${body.id}`);
    expect(d.body.steps[0]).toMatchObject({ decision: 'cancelled', met: null, deadlineState: 'cancelled' });
    expect((await scj.post(`/api/share-requests/${body.id}/withdraw`).send({})).status).toBe(409);
  });

  it('lists the bureau’s review queue by due time and a department’s own requests', async () => {
    at('2024-11-12T09:00:00+08:00');
    const bureau = await t.as('bureau');
    const queue = await bureau.get('/api/share-requests?box=review');
    expect(queue.status).toBe(200);
    const dues = queue.body.items.map((r: { current: { dueAt: string } | null }) => r.current?.dueAt ?? 'z');
    expect(dues).toEqual([...dues].sort());
    expect(queue.body.items.every((r: { status: string }) => ['submitted', 'coordinating'].includes(r.status))).toBe(true);
    const mine = await (await t.as('rsj')).get('/api/share-requests?box=mine');
    expect(mine.body.items.length).toBeGreaterThanOrEqual(3);
    expect(mine.body.items.every((r: { requester: { name: string } }) => r.requester.name === '朔州市人力资源和社会保障局')).toBe(true);
    expect(mine.body.items[0].code).toMatch(/^GXSQ-2024-\d{6}$/);
    expect((await (await t.as('gaj')).get('/api/share-requests?box=review')).status).toBe(403);
  });
});
