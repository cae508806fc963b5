import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Deadline, Notification, User, Violation } from '@govdata/core';
import { Notice } from '@govdata/supervision';
import { NOTICE_DEADLINE_TOKEN } from '@govdata/domain';
import { createCalendar } from '@govdata/workdays';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentId, recordViolation } from '../testing/notices';

describe('written notices: drafts, issue, access', () => {
  let t: TestApp;
  let gajViolations: number[];
  let rsjViolation: number;
  let gajDraft: { id: number; body: string };
  let rsjDraft: { id: number };
  beforeAll(async () => {
    t = await createTestApp();
    gajViolations = [
      await recordViolation(t, { department: '朔州市公安局', type: 6, evidence: { summary: '将共享获取的人口数据存放于互联网网盘' } }),
      await recordViolation(t, { department: '朔州市公安局', type: 2, evidence: { summary: '共享申请 GX-1 逾期未答复', dueAt: '2026-06-01T15:59:59.999Z', workingDaysLate: 5, article: '第十五条第（二）项' } }),
    ];
    rsjViolation = await recordViolation(t, { department: '朔州市人力资源和社会保障局', type: 7 });
  });
  afterAll(() => t.close());

  it('generates one draft per department from confirmed violations (201, all drafts returned)', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/notices').send({ violationIds: [...gajViolations, rsjViolation], rectifyWithinWorkingDays: 10 });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(2);
    const [gaj, rsj] = res.body;
    expect(gaj).toMatchObject({ status: 'draft', number: null, department: { name: '朔州市公安局' }, rectify: { mode: 'working_days', workingDays: 10 }, violationTypes: [2, 6] });
    expect(gaj.title).toBe('关于朔州市公安局政务数据共享开放工作中存在问题的通报');
    expect(gaj.body).toContain(NOTICE_DEADLINE_TOKEN);
    expect(gaj.body).toContain('第三十三条第（六）项');
    expect(gaj.body).toContain('第十五条第（二）项');
    expect(gaj.violations.map((v: { id: number }) => v.id)).toEqual(gajViolations);
    expect(gaj.copyTo).toEqual(['朔州市数字政府建设领导小组办公室']);
    expect(gaj.documentMark).toBe('朔州市政务信息管理局文件');
    expect(rsj.title).toBe('关于朔州市人力资源和社会保障局超范围使用共享数据问题的通报');
    gajDraft = gaj;
    rsjDraft = rsj;
    // drafting changes no violation: they are noticed only when a notice is issued
    const statuses = (await t.db.fork().find(Violation, { id: { $in: gajViolations } })).map((v) => v.status);
    expect(statuses).toEqual(['confirmed', 'confirmed']);
    // the violations page tells the bureau which draft already covers a violation; departments never see drafts
    const listed = (await bureau.get('/api/violations').query({ status: 'confirmed', pageSize: 200 })).body.items as { id: number; draftNoticeId: number | null }[];
    expect(listed.filter((v) => gajViolations.includes(v.id)).map((v) => v.draftNoticeId)).toEqual([gaj.id, gaj.id]);
    expect((await bureau.get(`/api/violations/${rsjViolation}`)).body.draftNoticeId).toBe(rsj.id);
    expect((await (await t.as('gaj')).get(`/api/violations/${gajViolations[0]}`)).body.draftNoticeId).toBeNull();
  });

  it('refuses a violation already in a notice (409) and unconfirmed ones (422), changing nothing', async () => {
    const bureau = await t.as('bureau');
    const before = await t.db.fork().count(Notice, {});
    const again = await bureau.post('/api/notices').send({ violationIds: [gajViolations[0]], rectifyWithinWorkingDays: 5 });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(`草稿 #${gajDraft.id}`);
    const candidate = await recordViolation(t, { department: '朔州市公安局', type: 1, status: 'candidate' });
    const unconfirmed = await bureau.post('/api/notices').send({ violationIds: [candidate], rectifyWithinWorkingDays: 5 });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.detail).toContain('待确认');
    const missing = await bureau.post('/api/notices').send({ violationIds: [999_999], rectifyWithinWorkingDays: 5 });
    expect(missing.status).toBe(404);
    const bad = await bureau.post('/api/notices').send({ violationIds: [], rectifyWithinWorkingDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(await t.db.fork().count(Notice, {})).toBe(before);
  });

  it('edits a draft: title, body, copies, a fixed last day (not in the past), one period mode at a time', async () => {
    const bureau = await t.as('bureau');
    const past = await bureau.patch(`/api/notices/${rsjDraft.id}`).send({ rectifyBy: '2026-06-15' });
    expect(past.status).toBe(422);
    expect(past.body.detail).toContain('须晚于2026年6月15日');
    const both = await bureau.patch(`/api/notices/${rsjDraft.id}`).send({ rectifyBy: '2026-07-31', rectifyWithinWorkingDays: 5 });
    expect(both.status).toBe(400);
    const ok = await bureau.patch(`/api/notices/${rsjDraft.id}`).send({ rectifyBy: '2026-07-31', copyTo: ['朔州市数字政府建设领导小组办公室', '朔州市人民政府办公室'], signer: '王建国' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ rectify: { mode: 'date', workingDays: null, date: '2026-07-31' }, dueDate: '2026-07-31', signer: '王建国' });
    const noToken = await bureau.patch(`/api/notices/${gajDraft.id}`).send({ body: gajDraft.body.replace(NOTICE_DEADLINE_TOKEN, '尽快') });
    expect(noToken.status).toBe(200);
    const refused = await bureau.post(`/api/notices/${gajDraft.id}/issue`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('notice.deadline_token_missing');
    expect((await bureau.patch(`/api/notices/${gajDraft.id}`).send({ body: gajDraft.body })).status).toBe(200);
    expect(await t.db.fork().count(AuditEvent, { action: 'notice.update', subjectId: String(rsjDraft.id) })).toBe(1);
  });

  it('keeps drafts to the bureau: departments and leaders neither see nor make them', async () => {
    const gaj = await t.as('gaj');
    expect((await gaj.get(`/api/notices/${gajDraft.id}`)).status).toBe(404);
    expect((await gaj.get('/api/notices')).body.items).toEqual([]);
    expect((await gaj.post('/api/notices').send({ violationIds: gajViolations, rectifyWithinWorkingDays: 5 })).status).toBe(403);
    const leader = await t.as('leader');
    expect((await leader.get('/api/notices?status=draft')).body.items).toEqual([]);
    expect((await leader.post(`/api/notices/${gajDraft.id}/issue`)).status).toBe(403);
    expect((await gaj.post(`/api/notices/${gajDraft.id}/issue`)).status).toBe(403);
    expect((await t.as('agent').then((a) => a.get('/api/notices'))).status).toBe(403);
  });

  it('issues: the number, the deadline for the department, violations noticed, audit and notification', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.post(`/api/notices/${gajDraft.id}/issue`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ number: '朔政数通〔2026〕1号', status: 'issued' });
    const em = t.db.fork();
    const n = await em.findOneOrFail(Notice, gajDraft.id, { populate: ['deadline'] });
    expect(n).toMatchObject({ year: 2026, sequence: 1, issueDate: '2026-06-15', issuingAuthority: '朔州市政务信息管理局' });
    const d = await em.findOneOrFail(Deadline, { subjectType: 'notice', subjectId: gajDraft.id });
    const expected = createCalendar().deadline(t.clock.now(), 10, 'working');
    expect(d).toMatchObject({ kind: 'notice_rectification', state: 'open', periodN: 10, periodUnit: 'working', dueDate: expected.date });
    expect(d.department?.id).toBe(await departmentId(t, '朔州市公安局'));
    const vs = await em.find(Violation, { id: { $in: gajViolations } });
    expect(vs.map((v) => [v.status, v.noticeId])).toEqual([['noticed', gajDraft.id], ['noticed', gajDraft.id]]);
    expect(await em.count(AuditEvent, { action: 'violation.notice', subjectId: { $in: gajViolations.map(String) } })).toBe(2);
    expect(await em.count(AuditEvent, { action: 'notice.issue', subjectId: String(gajDraft.id) })).toBe(1);
    const gajUser = await em.findOneOrFail(User, { username: 'gaj' });
    const note = await em.findOneOrFail(Notification, { recipient: gajUser, kind: 'notice.issued' });
    expect(note.title).toBe('书面通报 朔政数通〔2026〕1号');
    // issuing twice is refused and draws no number
    const twice = await bureau.post(`/api/notices/${gajDraft.id}/issue`);
    expect(twice.status).toBe(422);
    const second = await bureau.post(`/api/notices/${rsjDraft.id}/issue`);
    expect(second.body).toEqual({ number: '朔政数通〔2026〕2号', status: 'issued' });
    const rsjDeadline = await em.fork().findOneOrFail(Deadline, { subjectType: 'notice', subjectId: rsjDraft.id });
    // a fixed last day is a natural-day period ending that day
    expect(rsjDeadline).toMatchObject({ periodUnit: 'natural', periodN: 46, dueDate: '2026-07-31' });
  });

  it('isolates departments: gaj sees its own notice only; leaders and the bureau read all', async () => {
    const gaj = await t.as('gaj');
    const own = await gaj.get('/api/notices');
    expect(own.body.items.map((n: { id: number }) => n.id)).toEqual([gajDraft.id]);
    expect((await gaj.get(`/api/notices/${gajDraft.id}`)).status).toBe(200);
    const foreign = await gaj.get(`/api/notices/${rsjDraft.id}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('只能查看本部门');
    expect((await gaj.get(`/api/notices/${rsjDraft.id}/document`)).status).toBe(403);
    expect((await gaj.get(`/api/notices?departmentId=${await departmentId(t, '朔州市人力资源和社会保障局')}`)).status).toBe(403);
    const leader = await t.as('leader');
    expect((await leader.get('/api/notices')).body.total).toBe(2);
    expect((await leader.get(`/api/notices/${rsjDraft.id}`)).status).toBe(200);
  });

  it('filters the register by year, department, violation type and status', async () => {
    const bureau = await t.as('bureau');
    const ids = async (q: string) => (await bureau.get(`/api/notices?${q}`)).body.items.map((n: { id: number }) => n.id).sort();
    expect(await ids('year=2026')).toEqual([gajDraft.id, rsjDraft.id].sort());
    expect(await ids('year=2025')).toEqual([]);
    expect(await ids(`departmentId=${await departmentId(t, '朔州市公安局')}`)).toEqual([gajDraft.id]);
    expect(await ids('violationType=7')).toEqual([rsjDraft.id]);
    expect(await ids('violationType=6')).toEqual([gajDraft.id]);
    expect(await ids('violationType=3')).toEqual([]);
    expect(await ids('status=issued')).toEqual([gajDraft.id, rsjDraft.id].sort());
    expect(await ids(`q=${encodeURIComponent('〔2026〕2号')}`)).toEqual([rsjDraft.id]);
    expect((await bureau.get('/api/notices?status=nonsense')).status).toBe(400);
  });

  it('discards a draft and frees its violations for a new notice', async () => {
    const bureau = await t.as('bureau');
    const v = await recordViolation(t, { department: '朔州市民政局', type: 9 });
    const [draft] = (await bureau.post('/api/notices').send({ violationIds: [v], rectifyWithinWorkingDays: 5 })).body;
    expect((await bureau.delete(`/api/notices/${draft.id}`)).status).toBe(204);
    expect((await bureau.get(`/api/notices/${draft.id}`)).status).toBe(404);
    expect((await bureau.post('/api/notices').send({ violationIds: [v], rectifyWithinWorkingDays: 5 })).status).toBe(201);
    expect((await bureau.delete(`/api/notices/${gajDraft.id}`)).status).toBe(422);
  });

  it('uses a new 代字 for later notices while the year’s sequence runs on', async () => {
    const bureau = await t.as('bureau');
    const bad = await bureau.put('/api/notices/settings').send({ numberPrefix: 'SZ-01' });
    expect(bad.status).toBe(400);
    const ok = await bureau.put('/api/notices/settings').send({ numberPrefix: '朔数据通' });
    expect(ok.body.numberPrefix).toBe('朔数据通');
    expect((await (await t.as('gaj')).get('/api/notices/settings')).status).toBe(403);
    const v = await recordViolation(t, { department: '朔州市教育局', type: 5 });
    const [draft] = (await bureau.post('/api/notices').send({ violationIds: [v], rectifyWithinWorkingDays: 5 })).body;
    expect((await bureau.post(`/api/notices/${draft.id}/issue`)).body.number).toBe('朔数据通〔2026〕3号');
    // issued numbers keep their prefix
    expect((await bureau.get(`/api/notices/${gajDraft.id}`)).body.number).toBe('朔政数通〔2026〕1号');
  });

  it('serves the templates and an HTML preview of a notice', async () => {
    const bureau = await t.as('bureau');
    const templates = await bureau.get('/api/notices/templates');
    expect(templates.body).toHaveLength(9);
    expect(templates.body[7]).toMatchObject({ type: 8, clause: '第三十三条第（八）项', typeLabel: '拒不整改' });
    const preview = await bureau.get(`/api/notices/${gajDraft.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toMatch(/^text\/html/);
    expect(preview.text).toContain('朔政数通〔2026〕1号');
    expect(preview.text).not.toContain(NOTICE_DEADLINE_TOKEN);
  });
});
