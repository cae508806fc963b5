import { describe, expect, it } from 'vitest';
import { createCalendar } from '@govdata/workdays';
import type { Actor, Role } from './roles';
import { waitsFor, workbenchScope, type WorkbenchClock } from './workbench';
import { isDueSoon } from './deadline-rules';

const BUREAU_DEPT = 1;
const GAJ = 10;
const SCJGJ = 11;
const actor = (roles: Role[], departmentId: number): Actor => ({ userId: 1, username: 'u', displayName: 'U', roles, departmentId });
const bureau = actor(['bureau_admin'], BUREAU_DEPT);
const gaj = actor(['dept_admin'], GAJ);
const leader = actor(['leader'], 2);
/** the 大数据中心's agent, authorised for all of 公安局's entries and for entry 77 of 市场监管局 */
const agent = actor(['dept_agent'], 30);
const scopes = [
  { providerId: GAJ, entryId: null },
  { providerId: SCJGJ, entryId: 77 },
];

const review: WorkbenchClock = { kind: 'compliance_review', responsible: 'bureau', departmentId: null };
const reply = (departmentId: number, entryId: number): WorkbenchClock => ({ kind: 'provider_reply', responsible: 'department', departmentId, entryId });
const update = (departmentId: number): WorkbenchClock => ({ kind: 'catalog_update', responsible: 'department', departmentId });
const rectify = (departmentId: number): WorkbenchClock => ({ kind: 'notice_rectification', responsible: 'department', departmentId });

describe('what waits for whom (workbench)', () => {
  it('gives the bureau its compliance reviews (第十五条), and nobody else', () => {
    expect(waitsFor(bureau, review, [])).toBe(true);
    for (const a of [gaj, leader, agent]) expect(waitsFor(a, review, scopes)).toBe(false);
  });

  it('gives a department officer its own department’s clocks of every kind, never another’s', () => {
    for (const c of [reply(GAJ, 5), update(GAJ), rectify(GAJ)]) expect(waitsFor(gaj, c, [])).toBe(true);
    for (const c of [reply(SCJGJ, 5), update(SCJGJ), rectify(SCJGJ)]) expect(waitsFor(gaj, c, [])).toBe(false);
  });

  it('treats a bureau admin as the officer of the bureau’s own department, not of others', () => {
    expect(waitsFor(bureau, update(BUREAU_DEPT), [])).toBe(true);
    expect(waitsFor(bureau, reply(BUREAU_DEPT, 3), [])).toBe(true);
    expect(waitsFor(bureau, update(GAJ), [])).toBe(false);
  });

  it('gives an agent the provider replies it was authorised for (第十六条(一)) and nothing else', () => {
    expect(waitsFor(agent, reply(GAJ, 5), scopes)).toBe(true);
    expect(waitsFor(agent, reply(SCJGJ, 77), scopes)).toBe(true);
    expect(waitsFor(agent, reply(SCJGJ, 78), scopes)).toBe(false);
    expect(waitsFor(agent, update(GAJ), scopes)).toBe(false);
    expect(waitsFor(agent, rectify(GAJ), scopes)).toBe(false);
    expect(waitsFor(agent, reply(GAJ, 5), [])).toBe(false);
  });

  it('gives the leadership group nothing to act on (第四条)', () => {
    for (const c of [review, reply(2, 5), update(2), rectify(2)]) expect(waitsFor(leader, c, [])).toBe(false);
  });

  it('narrows the search to the departments a user may act for', () => {
    expect(workbenchScope(bureau, [])).toEqual({ bureau: true, departments: [BUREAU_DEPT], agentFor: [] });
    expect(workbenchScope(gaj, [])).toEqual({ bureau: false, departments: [GAJ], agentFor: [] });
    expect(workbenchScope(agent, scopes)).toEqual({ bureau: false, departments: [], agentFor: [GAJ, SCJGJ] });
    expect(workbenchScope(leader, [])).toEqual({ bureau: false, departments: [], agentFor: [] });
  });
});

describe('due soon', () => {
  const calendar = createCalendar();
  it('is due today or on the next working day, across a weekend and a holiday', () => {
    const friday = new Date('2026-03-06T10:00:00+08:00');
    expect(isDueSoon(calendar, '2026-03-06', friday)).toBe(true);
    expect(isDueSoon(calendar, '2026-03-09', friday)).toBe(true); // Monday is the next working day
    expect(isDueSoon(calendar, '2026-03-10', friday)).toBe(false);
    // 国庆 2026: 10-01…10-07 off, so the next working day after 09-30 is 10-08
    const lastBeforeHoliday = new Date('2026-09-30T10:00:00+08:00');
    expect(isDueSoon(calendar, '2026-10-08', lastBeforeHoliday)).toBe(true);
    expect(isDueSoon(calendar, '2026-10-09', lastBeforeHoliday)).toBe(false);
  });
});
