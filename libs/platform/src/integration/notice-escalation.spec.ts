import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeDocumentModel, PinnedClock, type Actor, type ViolationType } from '@govdata/domain';
import { actorOf, AuditEvent, CalendarHolder, Deadline, Department, findJob, Notification, OVERDUE_HOOKS, roleRecipients, runJob, sweepDeadlines, User, Violation } from '@govdata/core';
import { acceptRectification, createNoticeDrafts, issueNotice, Notice, NOTICE_ESCALATION_JOB, returnRectification, runNoticeEscalation, submitRectification } from '@govdata/supervision';
import { seedDemo } from '@govdata/demo';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

describe('notice escalation (第三十三条第（八）项)', () => {
  let db: TestDatabase;
  const calendar = new CalendarHolder();
  let bureau: Actor;
  let gaj: Actor;
  let gajDept: number;
  let serial = 0;
  const issuedAt = new Date('2026-06-01T10:00:00+08:00');
  // 5 working days from Monday 2026-06-01 → end of Monday 06-08
  const afterDue = new Date('2026-06-09T09:00:00+08:00');

  /** a confirmed violation, a notice over it issued at `at` with 5 working days to rectify */
  async function issued(at = issuedAt, type: ViolationType = 6, days = 5): Promise<number> {
    const em = db.fork();
    const v = em.create(Violation, {
      type,
      department: gajDept,
      sourceKind: 'inspection',
      sourceId: `esc-${++serial}`,
      detectedAt: at,
      evidence: { summary: '检查发现问题', observedAt: at.toISOString() },
      status: 'confirmed',
      manual: true,
    });
    await em.flush();
    const [draft] = await em.transactional((tx) => createNoticeDrafts(tx, bureau, { violationIds: [v.id], rectifyWithinWorkingDays: days }, { calendar, now: at }));
    await em.fork().transactional((tx) => issueNotice(tx, bureau, draft.id, { calendar, now: at }));
    return draft.id;
  }
  const counts = async () => {
    const em = db.fork();
    return { violations: await em.count(Violation, { type: 8 }), notifications: await em.count(Notification, {}), audits: await em.count(AuditEvent, {}) };
  };

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedDemo(db.fork(), { now: new Date('2026-05-01T00:00:00+08:00'), calendar, until: 'organisation' });
    const em = db.fork();
    bureau = actorOf(await em.findOneOrFail(User, { username: 'bureau' }, { populate: ['department'] }));
    gaj = actorOf(await em.findOneOrFail(User, { username: 'gaj' }, { populate: ['department'] }));
    gajDept = (await em.findOneOrFail(Department, { name: '朔州市公安局' })).id;
  });
  afterAll(() => db.drop());

  it('is registered as a job, and its rectification deadline kind has an overdue hook', () => {
    expect(findJob(NOTICE_ESCALATION_JOB)?.schedule).toEqual({ every: 30 * 60_000 });
    expect(OVERDUE_HOOKS.notice_rectification).toBeTypeOf('function');
  });

  it('escalates a notice past its deadline once: overdue → escalated, violation 八, the bureau and leaders told', async () => {
    const id = await issued();
    const job = findJob(NOTICE_ESCALATION_JOB);
    if (!job) throw new Error('job not registered');
    const early = await runJob({ db, clock: new PinnedClock('2026-06-08T23:00:00+08:00'), calendar }, job, 'manual', 'in-process');
    expect(early).toMatchObject({ scanned: 0, violationsCreated: 0 });

    const clock = new PinnedClock(afterDue);
    const first = await runJob({ db, clock, calendar }, job, 'manual', 'in-process');
    const em = db.fork();
    const leadersAndBureau = await roleRecipients(em, ['bureau_admin', 'leader']);
    expect(first).toMatchObject({ scanned: 1, newlyOverdue: 1, escalated: 1, violationsCreated: 1, notificationsSent: leadersAndBureau.length + 1 });
    const n = await em.findOneOrFail(Notice, id);
    expect(n.status).toBe('escalated');
    expect(n.overdueAt?.toISOString()).toBe(afterDue.toISOString());
    expect(n.escalatedAt?.toISOString()).toBe(afterDue.toISOString());
    const v = await em.findOneOrFail(Violation, { sourceKind: 'notice', sourceId: String(id), type: 8 });
    expect(v).toMatchObject({ status: 'candidate', manual: false });
    expect(v.department.id).toBe(gajDept);
    expect(v.evidence).toMatchObject({ article: '第三十三条', workingDaysLate: 1, details: { noticeId: id, number: n.number } });
    expect(v.evidence.summary).toContain(n.number);
    expect((await em.findOneOrFail(Deadline, { subjectType: 'notice', subjectId: id })).state).toBe('overdue');
    expect(await em.count(AuditEvent, { subjectType: 'notice', subjectId: String(id), action: { $in: ['notice.overdue', 'notice.escalate'] }, actorName: 'system:notice-escalation' })).toBe(2);
    const leader = await em.findOneOrFail(User, { username: 'leader' });
    expect(await em.count(Notification, { recipient: leader, kind: 'notice.escalated', subjectId: String(id) })).toBe(1);

    // a re-run changes nothing
    const before = await counts();
    const version = n.version;
    const again = await runJob({ db, clock, calendar }, job, 'manual', 'in-process');
    expect(again).toMatchObject({ scanned: 0, newlyOverdue: 0, violationsCreated: 0, notificationsSent: 0 });
    expect(await counts()).toEqual(before);
    expect((await db.fork().findOneOrFail(Notice, id)).version).toBe(version);
  });

  it('shares the violation with the generic sweep: whoever comes first records it, the other changes nothing', async () => {
    const id = await issued();
    // what the sweep does for a notice_rectification deadline: mark it overdue, record 八 under (notice, id), run the hook
    await db.fork().transactional(async (em) => {
      const d = await em.findOneOrFail(Deadline, { subjectType: 'notice', subjectId: id });
      Object.assign(d, { state: 'overdue', overdueAt: afterDue });
      em.create(Violation, { type: 8, department: gajDept, sourceKind: d.subjectType, sourceId: String(d.subjectId), detectedAt: afterDue, evidence: { summary: '整改逾期' }, status: 'candidate' });
      await em.flush();
      await OVERDUE_HOOKS.notice_rectification?.({ em, now: afterDue, calendar }, [
        { id: d.id, kind: 'notice_rectification', subjectType: d.subjectType, subjectId: d.subjectId, departmentId: gajDept, dueAt: d.dueAt, dueDate: d.dueDate, periodN: d.periodN, periodUnit: d.periodUnit },
      ]);
    });
    const em = db.fork();
    expect((await em.findOneOrFail(Notice, id)).status).toBe('escalated');
    expect(await em.count(Violation, { sourceKind: 'notice', sourceId: String(id), type: 8 })).toBe(1);
    const before = await counts();
    expect(await runNoticeEscalation({ em: db.fork(), now: afterDue, calendar, log: () => undefined })).toMatchObject({ scanned: 0, violationsCreated: 0 });
    expect(await counts()).toEqual(before);
  });

  it('survives two runs at once: one escalation, one violation, no failure', async () => {
    const id = await issued();
    const ctx = () => ({ em: db.fork(), now: afterDue, calendar, log: () => undefined });
    const [a, b] = await Promise.all([runNoticeEscalation(ctx()), runNoticeEscalation(ctx())]);
    expect((a.escalated ?? 0) + (b.escalated ?? 0)).toBe(1);
    expect(await db.fork().count(Violation, { sourceKind: 'notice', sourceId: String(id), type: 8 })).toBe(1);
    expect((await db.fork().findOneOrFail(Notice, id)).status).toBe('escalated');
  });

  const sweepAt = (now: Date) => sweepDeadlines({ em: db.fork(), now, calendar });
  const jobAt = (now: Date) => runNoticeEscalation({ em: db.fork(), now, calendar, log: () => undefined });
  const clocksOf = (id: number) => db.fork().find(Deadline, { subjectType: 'notice', subjectId: id }, { orderBy: { id: 'asc' } });
  const eights = (id: number) => db.fork().count(Violation, { sourceKind: 'notice', sourceId: String(id), type: 8 });
  const report = (id: number, at: Date) => db.fork().transactional((em) => submitRectification(em, gaj, id, { text: '已删除网盘中的数据并完成排查整改。', attachmentIds: [] }, { calendar, now: at }));

  it('a report submitted in time stops the clock: while the bureau reviews it, neither the sweep nor the job records 八 or tells anyone', async () => {
    const id = await issued();
    const submittedAt = new Date('2026-06-05T16:00:00+08:00');
    await report(id, submittedAt);
    const [clock] = await clocksOf(id);
    expect(clock).toMatchObject({ state: 'met' });
    expect(clock.completedAt?.toISOString()).toBe(submittedAt.toISOString());

    // days after the deadline, the report still unreviewed
    const late = new Date('2026-06-12T09:00:00+08:00');
    await sweepAt(late);
    await jobAt(late);
    const em = db.fork();
    expect(await eights(id)).toBe(0);
    expect((await em.findOneOrFail(Notice, id)).status).toBe('submitted');
    expect((await clocksOf(id)).map((d) => d.state)).toEqual(['met']);
    expect(await em.count(Notification, { $or: [{ dedupeKey: { $like: `deadline.overdue:${clock.id}:%` } }, { dedupeKey: { $like: `deadline.due_soon:${clock.id}:%` } }, { dedupeKey: `notice-overdue:${id}` }] })).toBe(0);

    // accepted later: rectified in time
    const dto = await db.fork().transactional((tx) => acceptRectification(tx, bureau, id, { comment: '整改到位。' }, { calendar, now: late }));
    expect(dto).toMatchObject({ status: 'closed', rectifiedInTime: true, deadline: { state: 'met' } });
  });

  it('a returned timely report opens a resubmission clock (the days left, at least five); not resubmitted in time → 八 once', async () => {
    const id = await issued();
    // Friday 06-05: 1 working day left after it (Monday 06-08) → the floor of 5 applies
    await report(id, new Date('2026-06-05T16:00:00+08:00'));
    // returned after the original deadline: the review time is the bureau's, not the department's
    const returnedAt = new Date('2026-06-10T10:00:00+08:00');
    const dto = await db.fork().transactional((em) => returnRectification(em, bureau, id, { reason: '未提供数据销毁记录，请补充。' }, { calendar, now: returnedAt }));
    expect(dto.status).toBe('returned');
    expect(dto.escalatedAt).toBeNull();
    // 5 working days after Wednesday 06-10: 11, 12, 15, 16, 17
    expect(dto.deadline).toMatchObject({ dueDate: '2026-06-17', state: 'open' });
    expect(dto.issuedDueDate).toBe('2026-06-08');
    expect(noticeDocumentModel(dto, '2026-06-10').paragraphs.map((p) => p.text).join('')).toContain('2026年6月8日前');
    const clocks = await clocksOf(id);
    expect(clocks.map((d) => d.state)).toEqual(['cancelled', 'open']);
    expect(clocks[1]).toMatchObject({ kind: 'notice_rectification', periodN: 5, periodUnit: 'working' });
    expect(clocks[1].startedAt.toISOString()).toBe(returnedAt.toISOString());
    expect((await db.fork().findOneOrFail(Notice, id, { populate: ['deadline'] })).deadline?.id).toBe(clocks[1].id);
    const told = await db.fork().findOneOrFail(Notification, { dedupeKey: { $like: 'notice-returned:%' }, subjectId: String(id) });
    expect(told.body).toContain('2026年6月17日前重新报送');

    // within the new clock nothing happens
    await sweepAt(new Date('2026-06-17T20:00:00+08:00'));
    expect(await eights(id)).toBe(0);

    // the new clock runs out without a new report: the sweep records 八 and its hook escalates; the job adds nothing
    const after = new Date('2026-06-18T09:00:00+08:00');
    await sweepAt(after);
    await jobAt(after);
    await sweepAt(new Date('2026-06-18T09:05:00+08:00'));
    expect(await eights(id)).toBe(1);
    const n = await db.fork().findOneOrFail(Notice, id);
    expect(n.status).toBe('escalated');
    expect((await clocksOf(id)).map((d) => d.state)).toEqual(['cancelled', 'overdue']);
  });

  it('a resubmission by the new clock is in time; the notice counts once, by its final clock', async () => {
    // 10 working days from Monday 06-01 → Monday 06-15
    const id = await issued(issuedAt, 6, 10);
    await report(id, new Date('2026-06-02T10:00:00+08:00'));
    // 9 working days were left after Tuesday 06-02 (06-03 … 06-15) → 9 from the return on 06-03: 06-04 … 06-16
    await db.fork().transactional((em) => returnRectification(em, bureau, id, { reason: '佐证材料不全，请补充。' }, { calendar, now: new Date('2026-06-03T10:00:00+08:00') }));
    const [, second] = await clocksOf(id);
    expect(second).toMatchObject({ periodN: 9, dueDate: '2026-06-16', state: 'open' });
    await report(id, new Date('2026-06-16T17:00:00+08:00'));
    await sweepAt(new Date('2026-06-22T09:00:00+08:00'));
    expect(await eights(id)).toBe(0);
    const dto = await db.fork().transactional((tx) => acceptRectification(tx, bureau, id, {}, { calendar, now: new Date('2026-06-22T10:00:00+08:00') }));
    expect(dto).toMatchObject({ status: 'closed', rectifiedInTime: true });
    expect(dto.rectifications.map((r) => r.inTime)).toEqual([true, true]);
    // one clock counted (met) for the assessment; the superseded one is cancelled
    expect((await clocksOf(id)).map((d) => d.state)).toEqual(['cancelled', 'met']);
  });

  it('a late report returned after the deadline escalates at once', async () => {
    const id = await issued();
    await report(id, new Date('2026-06-09T16:00:00+08:00'));
    expect((await clocksOf(id)).map((d) => d.state)).toEqual(['open']);
    const returnedAt = new Date('2026-06-10T10:00:00+08:00');
    const dto = await db.fork().transactional((em) => returnRectification(em, bureau, id, { reason: '未提供数据销毁记录，请补充。' }, { calendar, now: returnedAt }));
    expect(dto.status).toBe('escalated');
    expect(dto.escalatedAt).toBe(returnedAt.toISOString());
    expect(await eights(id)).toBe(1);
    expect(await db.fork().count(AuditEvent, { subjectId: String(id), subjectType: 'notice', action: 'notice.escalate' })).toBe(1);
    expect((await clocksOf(id)).map((d) => d.state)).toEqual(['overdue']);
  });
});
