import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import type { Actor } from '../roles';
import { NOTICE_STATUSES, type NoticeStatus } from './schemas';
import { applyNoticeAction, assertCanReadNotice, assertCanRectify, canApply, noticeScope, RESUBMISSION_MIN_WORKING_DAYS, resubmissionPeriod, type NoticeAction } from './workflow';

const actor = (roles: Actor['roles'], departmentId: number): Actor => ({ userId: 1, username: 'u', displayName: 'u', roles, departmentId });
const bureau = actor(['bureau_admin'], 1);
const leader = actor(['leader'], 2);
const gaj = actor(['dept_admin'], 3);
const agent = actor(['dept_agent'], 3);
const step = (s: NoticeStatus, a: NoticeAction): NoticeStatus => applyNoticeAction(s, a) ?? 'draft';

describe('notice workflow', () => {
  it('follows draft → issued → submitted → returned → submitted → closed', () => {
    let s = step('draft', 'issue');
    expect(s).toBe('issued');
    s = step(s, 'submit');
    s = step(s, 'return');
    expect(s).toBe('returned');
    s = step(s, 'submit');
    expect(step(s, 'accept')).toBe('closed');
  });

  it('lets issued and returned notices go overdue and escalate, but not a report awaiting the bureau', () => {
    expect(step(step('returned', 'overdue'), 'escalate')).toBe('escalated');
    expect(canApply('submitted', 'overdue')).toBe(false);
    expect(canApply('closed', 'overdue')).toBe(false);
    // a late report is still received
    expect(applyNoticeAction('escalated', 'submit')).toBe('submitted');
  });

  it('refuses other transitions with a Chinese 422 naming the current status', () => {
    expect(() => applyNoticeAction('issued', 'issue')).toThrow(RuleViolationError);
    expect(() => applyNoticeAction('closed', 'submit')).toThrow(/已办结.*不能报送整改情况/);
    for (const s of NOTICE_STATUSES) if (s !== 'draft') expect(canApply(s, 'edit')).toBe(false);
  });

  it('scopes lists: the bureau sees drafts, leaders every issued notice, a department its own', () => {
    expect(noticeScope(bureau, 5)).toEqual({ departmentId: 5, includeDrafts: true });
    expect(noticeScope(leader)).toEqual({ departmentId: undefined, includeDrafts: false });
    expect(noticeScope(gaj)).toEqual({ departmentId: 3, includeDrafts: false });
    expect(() => noticeScope(gaj, 4)).toThrow(ForbiddenError);
  });

  it('guards reading and rectifying one notice', () => {
    expect(() => assertCanReadNotice(gaj, { departmentId: 3, status: 'issued' })).not.toThrow();
    expect(() => assertCanReadNotice(gaj, { departmentId: 4, status: 'issued' })).toThrow(ForbiddenError);
    expect(() => assertCanReadNotice(gaj, { departmentId: 3, status: 'draft' })).toThrow(NotFoundError);
    expect(() => assertCanReadNotice(leader, { departmentId: 4, status: 'escalated' })).not.toThrow();
    expect(() => assertCanReadNotice(leader, { departmentId: 4, status: 'draft' })).toThrow(NotFoundError);
    expect(() => assertCanRectify(gaj, { departmentId: 3 })).not.toThrow();
    expect(() => assertCanRectify(gaj, { departmentId: 4 })).toThrow(ForbiddenError);
    expect(() => assertCanRectify(agent, { departmentId: 3 })).toThrow(ForbiddenError);
    expect(() => assertCanRectify(bureau, { departmentId: 1 })).toThrow(ForbiddenError);
  });
});

describe('the resubmission clock after a return', () => {
  it('keeps the working days that were left, at least five', () => {
    expect(resubmissionPeriod(8)).toEqual({ n: 8, unit: 'working' });
    expect(resubmissionPeriod(5)).toEqual({ n: 5, unit: 'working' });
    expect(resubmissionPeriod(1)).toEqual({ n: RESUBMISSION_MIN_WORKING_DAYS, unit: 'working' });
    expect(resubmissionPeriod(0)).toEqual({ n: 5, unit: 'working' });
  });
});
