import { describe, expect, it } from 'vitest';
import { ForbiddenError, RuleViolationError } from './errors';
import type { Actor, Role } from './roles';
import { VIOLATION_STATUSES, type ViolationStatus } from './violations';
import { assertMayReadSupervisionRecord, canTransitionViolation, decideViolation, supervisionScope, VIOLATION_TRANSITIONS } from './violations-rules';
import { manualViolationSchema } from './violations-api';
import { describeSchedule } from './jobs';

const actor = (roles: Role[], departmentId = 3): Actor => ({ userId: 1, username: 'u', displayName: '某人', roles, departmentId });
const bureau = actor(['bureau_admin'], 1);
const leader = actor(['leader'], 2);
const dept = actor(['dept_admin'], 3);

describe('violation status machine', () => {
  it('allows exactly candidate→confirmed|dismissed, confirmed→noticed, noticed→closed', () => {
    const allowed = VIOLATION_STATUSES.flatMap((from) => VIOLATION_STATUSES.filter((to) => canTransitionViolation(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(['candidate→confirmed', 'candidate→dismissed', 'confirmed→noticed', 'noticed→closed']);
    expect(VIOLATION_TRANSITIONS.dismissed).toEqual([]);
    expect(VIOLATION_TRANSITIONS.closed).toEqual([]);
  });

  it('lets the bureau confirm a candidate, and dismiss one with a reason', () => {
    expect(decideViolation(bureau, 'candidate', { decision: 'confirm' })).toEqual({ status: 'confirmed', dismissReason: null });
    expect(decideViolation(bureau, 'candidate', { decision: 'dismiss', reason: '  提供部门已在期限内线下答复  ' })).toEqual({ status: 'dismissed', dismissReason: '提供部门已在期限内线下答复' });
  });

  it('never decides twice, nor from a later status', () => {
    for (const from of ['confirmed', 'noticed', 'closed', 'dismissed'] as ViolationStatus[]) {
      expect(() => decideViolation(bureau, from, { decision: 'confirm' })).toThrow(RuleViolationError);
      expect(() => decideViolation(bureau, from, { decision: 'dismiss', reason: '重复处理的理由' })).toThrow(RuleViolationError);
    }
    expect(() => decideViolation(bureau, 'confirmed', { decision: 'confirm' })).toThrow(/已确认/);
  });

  it('refuses a dismissal without a real reason', () => {
    expect(() => decideViolation(bureau, 'candidate', { decision: 'dismiss', reason: ' 无 ' })).toThrow(/理由/);
  });

  it('lets only the bureau decide: leaders and departments get 403', () => {
    for (const who of [leader, dept, actor(['dept_agent'])]) {
      expect(() => decideViolation(who, 'candidate', { decision: 'confirm' })).toThrow(ForbiddenError);
    }
  });
});

describe('supervision isolation', () => {
  it('gives the bureau and leaders every department, a department only its own', () => {
    expect(supervisionScope(bureau)).toBeUndefined();
    expect(supervisionScope(bureau, 9)).toBe(9);
    expect(supervisionScope(leader, 9)).toBe(9);
    expect(supervisionScope(dept)).toBe(3);
    expect(supervisionScope(dept, 3)).toBe(3);
    expect(() => supervisionScope(dept, 9)).toThrow(ForbiddenError);
  });

  it('keeps the bureau’s own records (no department) from departments', () => {
    expect(() => assertMayReadSupervisionRecord(dept, null)).toThrow(ForbiddenError);
    expect(() => assertMayReadSupervisionRecord(dept, 4)).toThrow(ForbiddenError);
    expect(() => assertMayReadSupervisionRecord(dept, 3)).not.toThrow();
    expect(() => assertMayReadSupervisionRecord(leader, null)).not.toThrow();
  });
});

describe('manual violation input', () => {
  it('accepts types 1–9 with a summary, confirmed by default', () => {
    const ok = manualViolationSchema.parse({ type: 6, departmentId: 4, summary: '共享数据经第三方平台外泄' });
    expect(ok.confirmed).toBe(true);
    expect(manualViolationSchema.safeParse({ type: 10, departmentId: 4, summary: '共享数据经第三方平台外泄' }).success).toBe(false);
    expect(manualViolationSchema.safeParse({ type: 7, departmentId: 4, summary: '短' }).success).toBe(false);
    expect(manualViolationSchema.safeParse({ type: 7, departmentId: 4, summary: '用于经营性活动', status: 'closed' }).success).toBe(false);
  });
});

describe('words for the pages', () => {
  it('describes schedules', () => {
    expect(describeSchedule({ every: 300_000 })).toBe('每 5 分钟');
    expect(describeSchedule({ pattern: '0 1 * * *' })).toBe('每天 01:00');
    expect(describeSchedule({ pattern: '30 8 * * *' }, true)).toBe('每个工作日 08:30');
    expect(describeSchedule({ pattern: '0 9 * * 1' })).toBe('每周一 09:00');
  });
});
