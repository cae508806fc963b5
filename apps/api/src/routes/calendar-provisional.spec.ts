import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Deadline, openDeadline, Violation } from '@govdata/core';
import { departmentId } from '@govdata/core/testing';
import { createTestApp, type TestApp } from '../testing/harness';

const off = (name: string, from: string, n: number) => Array.from({ length: n }, (_, i) => ({ name, date: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), isOffDay: true }));
const on = (name: string, date: string) => ({ name, date, isOffDay: false });
/** the plausible 2027 schedule of calendar.spec.ts */
const schedule2027 = {
  papers: ['国办发明电〔2026〕测试号'],
  days: [
    ...off('元旦', '2027-01-01', 3),
    ...off('春节', '2027-02-06', 9),
    on('春节', '2027-02-20'),
    ...off('清明节', '2027-04-03', 3),
    ...off('劳动节', '2027-05-01', 5),
    on('劳动节', '2027-04-25'),
    ...off('端午节', '2027-06-09', 1),
    ...off('中秋节', '2027-09-15', 1),
    ...off('国庆节', '2027-10-01', 7),
    on('国庆节', '2027-09-26'),
    on('国庆节', '2027-10-09'),
  ],
};

/**
 * Issue 13 item 9 — provisional deadlines. A clock in a year without a published holiday schedule is computed on
 * guessed weekdays; the sweep may flag it overdue before the bureau enters the real schedule. When the real schedule
 * moves the due date past now, the deadline was never late: it returns to open and the violation candidate it produced
 * is dismissed with the reason recorded.
 */
describe('entering a year’s holiday schedule re-opens provisional deadlines that were never really late', () => {
  let t: TestApp;
  let gaj: number;
  const ids: Record<'moved' | 'same' | 'stillLate', number> = { moved: 0, same: 0, stillLate: 0 };
  beforeAll(async () => {
    t = await createTestApp({ now: '2027-02-18T10:00:00+08:00' });
    const em = t.db.fork();
    gaj = await departmentId(em, '朔州市公安局');
    const open = (subjectId: number, startedAt: string) => openDeadline(em, t.ctx.calendar, { kind: 'catalog_update', subjectType: 'update_trigger', subjectId, departmentId: gaj, startedAt: new Date(startedAt) }, t.clock.now());
    // guessed Mon–Fri: due 2027-02-15; with 02-06…02-14 off and Saturday 02-20 a make-up day: due 02-20, after now
    const moved = await open(901, '2027-01-25T10:00:00+08:00');
    // due 2027-01-25 either way
    const same = await open(902, '2027-01-04T10:00:00+08:00');
    // guessed 02-10, really 02-17: moves later but is still past
    const stillLate = await open(903, '2027-01-20T10:00:00+08:00');
    await em.flush();
    Object.assign(ids, { moved: moved.id, same: same.id, stillLate: stillLate.id });
    expect([moved.dueDate, same.dueDate, stillLate.dueDate]).toEqual(['2027-02-15', '2027-01-25', '2027-02-10']);
    const run = await (await t.as('bureau')).post('/api/admin/jobs/deadline-sweep/run').set('Content-Type', 'application/json').send({});
    expect(run.body).toMatchObject({ newlyOverdue: 3, violationsCreated: 3 });
  });
  afterAll(() => t.close());

  const candidate = (subjectId: number) => t.db.fork().findOneOrFail(Violation, { sourceKind: 'update_trigger', sourceId: String(subjectId), type: 1 });

  it('returns the deadline to open, dismisses its candidate with the reason, and audits both', async () => {
    const res = await (await t.as('bureau')).put('/api/calendar/2027').send(schedule2027);
    expect(res.status).toBe(200);
    // all three lose their provisional mark; one is re-opened
    expect(res.body).toMatchObject({ recomputedDeadlines: 3, reopenedDeadlines: 1, dismissedCandidates: 1 });

    const moved = await t.db.fork().findOneOrFail(Deadline, ids.moved);
    expect(moved).toMatchObject({ state: 'open', overdueAt: null, dueDate: '2027-02-20', provisional: false });
    const v = await candidate(901);
    expect(v.status).toBe('dismissed');
    expect(v.dismissReason).toMatch(/2027-02-15.*2027-02-20/);
    expect(v.decidedAt?.toISOString()).toBe(new Date('2027-02-18T10:00:00+08:00').toISOString());
    expect(v.decidedBy).not.toBeNull();

    const em = t.db.fork();
    const dismissed = await em.findOneOrFail(AuditEvent, { action: 'violation.dismiss', subjectType: 'violation', subjectId: String(v.id) });
    expect(dismissed.actorName).toMatch(/bureau/);
    expect(dismissed.after).toMatchObject({ status: 'dismissed', reason: v.dismissReason });
    expect(dismissed.before).toMatchObject({ status: 'candidate' });
    const reopened = await em.findOneOrFail(AuditEvent, { action: 'deadline.reopen', subjectType: 'deadline', subjectId: String(ids.moved) });
    expect(reopened.before).toMatchObject({ state: 'overdue', dueDate: '2027-02-15' });
    expect(reopened.after).toMatchObject({ state: 'open', dueDate: '2027-02-20' });
  });

  it('leaves alone what stays late: an unchanged due date, or one that moved but is still past', async () => {
    const em = t.db.fork();
    expect(await em.findOneOrFail(Deadline, ids.same)).toMatchObject({ state: 'overdue', dueDate: '2027-01-25' });
    expect(await em.findOneOrFail(Deadline, ids.stillLate)).toMatchObject({ state: 'overdue', dueDate: '2027-02-17' });
    expect((await candidate(902)).status).toBe('candidate');
    expect((await candidate(903)).status).toBe('candidate');
  });
});
