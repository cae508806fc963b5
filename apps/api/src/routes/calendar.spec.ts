import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, CalendarYear, Deadline, openDeadline } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';

/** A plausible 2027 schedule in the shape of the State Council notice (for the tests only). */
const off = (name: string, from: string, n: number) => Array.from({ length: n }, (_, i) => ({ name, date: addDays(from, i), isOffDay: true }));
const on = (name: string, date: string) => ({ name, date, isOffDay: false });
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
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

describe('working-day calendar API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-12-10T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('shows a year as days with holidays and make-up days marked, and the covered range', async () => {
    const res = await (await t.as('gaj')).get('/api/calendar/2024');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2024, source: 'official', coveredFrom: '2015-01-01', coveredTo: '2026-12-31' });
    expect(res.body.days).toHaveLength(366);
    const day = (d: string) => res.body.days.find((x: { date: string }) => x.date === d);
    expect(day('2024-09-29')).toMatchObject({ kind: 'makeup', working: true });
    expect(day('2024-10-01')).toMatchObject({ kind: 'holiday', working: false });
    expect(day('2024-10-05')).toMatchObject({ working: false });
    expect(res.body.papers[0]).toMatch(/gov\.cn/);
    const unknown = await (await t.as('gaj')).get('/api/calendar/2027');
    expect(unknown.body).toMatchObject({ source: 'none', papers: [] });
    expect(unknown.body.days[0]).toMatchObject({ date: '2027-01-01', provisional: true });
  });

  it('lets only the bureau enter a year; a bad schedule is refused with the reasons and nothing is stored', async () => {
    expect((await (await t.as('gaj')).put('/api/calendar/2027').send(schedule2027)).status).toBe(403);
    const bureau = await t.as('bureau');
    const wrong = await bureau.put('/api/calendar/2027').send({ ...schedule2027, days: [...schedule2027.days, on('国庆节', '2027-10-11')] }); // a Monday
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toMatch(/2027-10-11/);
    const empty = await bureau.put('/api/calendar/2027').send({ papers: [], days: [] });
    expect(empty.status).toBe(400);
    expect(await t.db.fork().count(CalendarYear, {})).toBe(0);
  });

  it('saving a year recomputes every provisional deadline that falls in it', async () => {
    const em = t.db.fork();
    // a 15-working-day clock started 2026-12-20 runs into 2027: provisional until 2027 is entered
    const d = await openDeadline(em, t.ctx.calendar, { kind: 'catalog_update', subjectType: 'update_trigger', subjectId: 1, departmentId: null, startedAt: new Date('2026-12-20T10:00:00+08:00') }, t.clock.now());
    // one started 2027-01-25 runs across the Spring Festival: guessed weekdays and the real schedule disagree
    const festival = await openDeadline(em, t.ctx.calendar, { kind: 'catalog_update', subjectType: 'update_trigger', subjectId: 2, departmentId: null, startedAt: new Date('2027-01-25T10:00:00+08:00') }, t.clock.now());
    await em.flush();
    expect(d.provisional).toBe(true);
    const guessed = d.dueDate;
    expect(festival.dueDate).toBe('2027-02-15');

    const res = await (await t.as('bureau')).put('/api/calendar/2027').send(schedule2027);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2027, source: 'bureau', recomputedDeadlines: 2 });
    expect(res.body.days.find((x: { date: string }) => x.date === '2027-02-20')).toMatchObject({ kind: 'makeup', working: true, provisional: false });
    const after = await t.db.fork().findOneOrFail(Deadline, d.id);
    expect(after.provisional).toBe(false);
    // 2026-12-20 (Sun) + 15 working days, with 2027-01-01 off: Dec 21–25, 28–31 (9), Jan 4–8 (14), Jan 11 (15)
    expect(after.dueDate).toBe('2027-01-11');
    expect(guessed).toBe('2027-01-11');
    // Feb 6–14 off, Saturday Feb 20 a make-up working day: the 15th working day moves from Feb 15 to Feb 20
    expect((await t.db.fork().findOneOrFail(Deadline, festival.id)).dueDate).toBe('2027-02-20');
    expect(await t.db.fork().count(AuditEvent, { action: 'calendar.enter_year' })).toBe(1);
    // and the platform's arithmetic now knows 2027
    expect(t.ctx.calendar.strict.isWorkingDay('2027-02-20')).toBe(true);
    expect(t.ctx.calendar.strict.isWorkingDay('2027-02-08')).toBe(false);
  });
});
