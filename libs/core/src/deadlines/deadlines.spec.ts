import { coreModule } from '../module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '@govdata/workdays';
import { CalendarHolder } from '../calendar/calendar';
import { CalendarYear } from '../entities/calendar-year.entity';
import { Deadline } from '../entities/deadline.entity';
import { Department } from '../entities/department.entity';
import { createTestDatabase, type TestDatabase } from '../testing';
import { completeDeadline, deadlineView, openDeadline, recomputeProvisionalDeadlines } from './deadlines';

describe('deadlines as data', () => {
  let db: TestDatabase;
  let deptId: number;
  beforeAll(async () => {
    db = await createTestDatabase({ entities: coreModule.entities });
    const em = db.fork();
    const now = new Date('2024-09-01T00:00:00Z');
    const d = em.create(Department, { code: '111406000114079197', name: '测试局', kind: 'government_department', regionCode: '140600', createdAt: now, updatedAt: now });
    await em.flush();
    deptId = d.id;
  });
  afterAll(() => db.drop());

  it('opens the 第十五条 clocks over the 2024 National Day make-up days, then completes them', async () => {
    const em = db.fork();
    const calendar = new CalendarHolder();
    // submitted Friday 2024-09-27 16:00: Sunday 09-29 is a make-up working day → review due end of Monday 09-30
    const review = await openDeadline(em, calendar, { kind: 'compliance_review', subjectType: 'share_request', subjectId: 1, departmentId: null, startedAt: new Date('2024-09-27T16:00:00+08:00') }, new Date());
    // forwarded Monday 09-30 → 5 working days: 10-08, 10-09, 10-10, 10-11, Saturday 10-12 (make-up)
    const reply = await openDeadline(em, calendar, { kind: 'provider_reply', subjectType: 'share_request_step', subjectId: 2, departmentId: deptId, startedAt: new Date('2024-09-30T11:00:00+08:00') }, new Date());
    await em.flush();
    expect(review.dueDate).toBe('2024-09-30');
    expect(review.dueAt.toISOString()).toBe('2024-09-30T15:59:59.999Z');
    expect(review.responsible).toBe('bureau');
    expect(reply.dueDate).toBe('2024-10-12');
    expect(reply.provisional).toBe(false);

    expect(completeDeadline(review, new Date('2024-09-30T23:59:00+08:00'))).toBe('met');
    expect(completeDeadline(reply, new Date('2024-10-13T09:00:00+08:00'))).toBe('missed');
    await em.flush();
    const view = deadlineView(reply, calendar.strict, new Date('2024-10-14T09:00:00+08:00'));
    expect(view).toMatchObject({ state: 'missed', met: false, workingDaysLate: 0, kindLabel: '提供部门答复' });
  });

  it('stores a deadline that runs into an unpublished year as provisional, and recomputes it once the year is entered', async () => {
    const em = db.fork();
    let calendar = new CalendarHolder();
    const d = await openDeadline(em, calendar, { kind: 'catalog_update', subjectType: 'update_trigger', subjectId: 9, departmentId: deptId, startedAt: new Date('2026-12-20T10:00:00+08:00') }, new Date());
    await em.flush();
    expect(d.provisional).toBe(true);
    const guessed = d.dueDate;

    // the bureau enters a 2027 schedule in which the first days of January are off
    const days = [1, 2, 3, 4, 5].map((n) => ({ name: '元旦', date: `2027-01-0${n}`, isOffDay: true }));
    em.create(CalendarYear, { year: 2027, papers: ['国办发明电〔2026〕X号'], days, updatedAt: new Date() });
    await em.flush();
    calendar = await CalendarHolder.load(em);
    expect((await recomputeProvisionalDeadlines(em, calendar, { actor: { userId: 1, username: 'bureau', displayName: '测试', roles: ['bureau_admin'], departmentId: deptId }, now: new Date('2026-12-10T10:00:00+08:00'), year: 2027 })).changed).toBeGreaterThanOrEqual(1);
    const after = await db.fork().findOneOrFail(Deadline, d.id);
    expect(after.provisional).toBe(false);
    expect(after.dueDate > guessed).toBe(true);
    expect(after.dueDate).toBe(createCalendar([{ year: 2027, papers: ['x'], days }]).deadline(new Date('2026-12-20T10:00:00+08:00'), 15, 'working').date);
  });
});
