import { describe, expect, it } from 'vitest';
import { createCalendar } from '@govdata/workdays';
import { completionState, computeDue, dueTimeText, standing } from './deadline-rules';
import { DEADLINE_KIND_IDS, DEADLINE_KINDS, DEPARTMENT_DEADLINE_KINDS } from './deadlines';

const calendar = createCalendar();

describe('deadline standing — one wording for every view (issue 14, defect 3)', () => {
  // a 15-working-day update duty (第七条) registered on Monday 2026-03-02: due end of Monday 2026-03-23 (Mar 3–6, 9–13, 16–20, 23)
  const started = new Date('2026-03-02T10:00:00+08:00');
  const due = computeDue(calendar, 'catalog_update', started);
  const clock = { dueAt: due.dueAt, dueDate: due.dueDate };
  const at = (iso: string) => standing(calendar, clock, new Date(iso));

  it('has all N days ahead on the start day (the start day is not counted), one fewer each working day after', () => {
    expect(due.dueDate).toBe('2026-03-23');
    expect(at('2026-03-02T10:00:00+08:00')).toMatchObject({ overdue: false, workingDaysLeft: 15, text: '剩余 15 个工作日', tone: 'primary' });
    expect(at('2026-03-03T09:00:00+08:00').workingDaysLeft).toBe(14);
    expect(at('2026-03-04T09:00:00+08:00').workingDaysLeft).toBe(13);
    // a weekend day is not one more left: Saturday 7th and Monday 9th have the same days ahead
    expect(at('2026-03-07T12:00:00+08:00').workingDaysLeft).toBe(at('2026-03-08T12:00:00+08:00').workingDaysLeft);
    expect(at('2026-03-07T12:00:00+08:00').workingDaysLeft).toBe(11);
  });

  it('says 明日 on the day before the due day and 今日 on the due day, with the due time written 24:00', () => {
    expect(at('2026-03-22T09:00:00+08:00')).toMatchObject({ dueTomorrow: true, dueToday: false, dueSoon: true, workingDaysLeft: 1, text: '明日 24:00 到期', dueText: '03-23 24:00', tone: 'warning' });
    // Friday before: the due day is the next working day (due soon) but not tomorrow
    expect(at('2026-03-20T09:00:00+08:00')).toMatchObject({ dueTomorrow: false, dueSoon: true, workingDaysLeft: 1, text: '剩余 1 个工作日', tone: 'warning' });
    expect(at('2026-03-19T09:00:00+08:00')).toMatchObject({ dueSoon: false, workingDaysLeft: 2, text: '剩余 2 个工作日', tone: 'primary' });
    expect(at('2026-03-23T23:59:59+08:00')).toMatchObject({ dueToday: true, overdue: false, workingDaysLeft: 0, text: '今日 24:00 到期', tone: 'warning' });
  });

  it('counts working days late once past the end of the last day', () => {
    expect(at('2026-03-24T00:00:00+08:00')).toMatchObject({ overdue: true, workingDaysLeft: 0, workingDaysLate: 1, text: '已逾期 1 个工作日', tone: 'danger' });
    expect(at('2026-03-26T09:00:00+08:00')).toMatchObject({ workingDaysLate: 3, text: '已逾期 3 个工作日' });
    expect(completionState(due.dueAt, new Date('2026-03-23T23:59:59+08:00'))).toBe('met');
    expect(completionState(due.dueAt, new Date('2026-03-24T00:00:00+08:00'))).toBe('missed');
  });

  it('counts across the National Day holiday of 2026 (Oct 1–7 off, Oct 10 a make-up working day)', () => {
    // a provider reply (5 working days) forwarded on Tuesday 2026-09-29: Sep 30, Oct 8, 9, 10 (Saturday, 调休), 12
    const fwd = computeDue(calendar, 'provider_reply', new Date('2026-09-29T15:00:00+08:00'));
    expect(fwd.dueDate).toBe('2026-10-12');
    const c = { dueAt: fwd.dueAt, dueDate: fwd.dueDate };
    expect(standing(calendar, c, new Date('2026-09-29T15:00:00+08:00')).text).toBe('剩余 5 个工作日');
    // the whole holiday reads the same: four working days ahead (Oct 8, 9, 10, 12)
    expect(standing(calendar, c, new Date('2026-10-01T10:00:00+08:00')).text).toBe('剩余 4 个工作日');
    expect(standing(calendar, c, new Date('2026-10-07T10:00:00+08:00')).text).toBe('剩余 4 个工作日');
    // Sunday 11th: Monday is tomorrow
    expect(standing(calendar, c, new Date('2026-10-11T10:00:00+08:00')).text).toBe('明日 24:00 到期');
    // one day late on Tuesday 13th
    expect(standing(calendar, c, new Date('2026-10-13T08:00:00+08:00'))).toMatchObject({ overdue: true, text: '已逾期 1 个工作日' });
    // a review due on the last working day before the holiday (Wednesday 30th): under a day late all holiday, one on Oct 8
    const before = computeDue(calendar, 'compliance_review', new Date('2026-09-28T10:00:00+08:00'));
    expect(before.dueDate).toBe('2026-09-30');
    const b = { dueAt: before.dueAt, dueDate: before.dueDate };
    expect(standing(calendar, b, new Date('2026-10-05T10:00:00+08:00'))).toMatchObject({ overdue: true, workingDaysLate: 0, text: '已逾期（不足 1 个工作日）' });
    expect(standing(calendar, b, new Date('2026-10-08T10:00:00+08:00')).text).toBe('已逾期 1 个工作日');
  });

  it('words finished clocks and natural-day periods', () => {
    expect(standing(calendar, { ...clock, state: 'met', completedAt: new Date('2026-03-20T10:00:00+08:00') }, new Date('2026-04-01T10:00:00+08:00'))).toMatchObject({ text: '按时完成', tone: 'success', overdue: false });
    expect(standing(calendar, { ...clock, state: 'missed', completedAt: new Date('2026-03-25T10:00:00+08:00') }, new Date('2026-04-01T10:00:00+08:00'))).toMatchObject({ text: '逾期完成（逾期 2 个工作日）', workingDaysLate: 2, tone: 'danger' });
    expect(standing(calendar, { ...clock, state: 'cancelled' }, new Date('2026-04-01T10:00:00+08:00'))).toMatchObject({ text: '已撤销', tone: 'info' });
    expect(standing(calendar, { ...clock, unit: 'natural' }, new Date('2026-03-13T10:00:00+08:00')).text).toBe('剩余 10 天');
    expect(dueTimeText('2027-01-05', new Date('2026-12-30T10:00:00+08:00'))).toBe('2027-01-05 24:00');
  });
});

describe('deadline kinds a department answers for', () => {
  it('are derived from who is responsible, so a new department kind is counted without another list to edit', () => {
    expect([...DEPARTMENT_DEADLINE_KINDS].sort()).toEqual(DEADLINE_KIND_IDS.filter((k) => DEADLINE_KINDS[k].responsible === 'department').sort());
    expect(DEPARTMENT_DEADLINE_KINDS).toContain('provider_reply');
    expect(DEPARTMENT_DEADLINE_KINDS).not.toContain('compliance_review');
  });
});
