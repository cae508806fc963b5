import { describe, expect, it } from 'vitest';
import { createCalendar } from '@govdata/workdays';
import { completionState, computeDue, standing } from './deadline-rules';
import { DEADLINE_KIND_IDS, DEADLINE_KINDS, DEPARTMENT_DEADLINE_KINDS } from './deadlines';

const calendar = createCalendar();

describe('deadline standing — 剩余 / 已逾期 N 个工作日', () => {
  // a 15-working-day update duty (第七条) registered on Monday 2026-03-02: due end of Monday 2026-03-23 (Mar 3–6, 9–13, 16–20, 23)
  const started = new Date('2026-03-02T10:00:00+08:00');
  const due = computeDue(calendar, 'catalog_update', started);

  it('has all N days ahead on the start day (the start day is not counted) and one on the last day', () => {
    expect(due.dueDate).toBe('2026-03-23');
    expect(standing(calendar, due.dueAt, due.dueDate, started, started)).toEqual({ overdue: false, workingDaysLeft: 15, workingDaysLate: 0 });
    expect(standing(calendar, due.dueAt, due.dueDate, new Date('2026-03-03T09:00:00+08:00'), started).workingDaysLeft).toBe(15);
    expect(standing(calendar, due.dueAt, due.dueDate, new Date('2026-03-04T09:00:00+08:00'), started).workingDaysLeft).toBe(14);
    expect(standing(calendar, due.dueAt, due.dueDate, new Date('2026-03-23T18:00:00+08:00'), started).workingDaysLeft).toBe(1);
    // a weekend day does not count as one left
    expect(standing(calendar, due.dueAt, due.dueDate, new Date('2026-03-07T12:00:00+08:00'), started).workingDaysLeft).toBe(11);
  });

  it('counts working days late once past the end of the last day', () => {
    expect(standing(calendar, due.dueAt, due.dueDate, new Date('2026-03-24T09:00:00+08:00'), started)).toEqual({ overdue: true, workingDaysLeft: 0, workingDaysLate: 1 });
    expect(standing(calendar, due.dueAt, due.dueDate, new Date('2026-03-26T09:00:00+08:00'), started).workingDaysLate).toBe(3);
    expect(completionState(due.dueAt, new Date('2026-03-23T23:59:59+08:00'))).toBe('met');
    expect(completionState(due.dueAt, new Date('2026-03-24T00:00:00+08:00'))).toBe('missed');
  });
});

describe('deadline kinds a department answers for', () => {
  it('are derived from who is responsible, so a new department kind is counted without another list to edit', () => {
    expect([...DEPARTMENT_DEADLINE_KINDS].sort()).toEqual(DEADLINE_KIND_IDS.filter((k) => DEADLINE_KINDS[k].responsible === 'department').sort());
    expect(DEPARTMENT_DEADLINE_KINDS).toContain('provider_reply');
    expect(DEPARTMENT_DEADLINE_KINDS).not.toContain('compliance_review');
  });
});
