import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, RuleViolationError } from '../errors';
import type { Actor } from '../roles';
import {
  addYears,
  assertDestructionDate,
  assertGrantAction,
  defaultValidUntil,
  grantActions,
  grantState,
  renewedValidUntil,
} from './grants';
import { assertCanRead, assertCoordinationRequestable, assertItemsOf, assertNarrowing, assertRequestable, partiesOf, type RequestableEntry } from './parties';
import { complianceReviewSchema, createShareRequestSchema, shareReplySchema } from './schemas';

const actor = (departmentId: number, ...roles: Actor['roles'][number][]): Actor => ({ userId: 1, username: 'u', displayName: 'U', roles, departmentId });
const sides = { requesterId: 10, providerId: 20, entryId: 300 };

describe('who is which side of a request', () => {
  it('makes data officers the requester or provider of their own department', () => {
    expect(partiesOf(actor(10, 'dept_admin'), sides, []).parties).toEqual(['requester']);
    expect(partiesOf(actor(20, 'dept_admin'), sides, []).parties).toEqual(['provider']);
    expect(partiesOf(actor(30, 'dept_admin'), sides, []).parties).toEqual([]);
  });

  it('makes an agent the provider for delegated entries only, on the provider’s behalf (第十六条(一))', () => {
    const agent = actor(99, 'dept_agent');
    expect(partiesOf(agent, sides, [{ providerId: 20, entryId: null }])).toEqual({ parties: ['provider'], onBehalfOfProviderId: 20 });
    expect(partiesOf(agent, sides, [{ providerId: 20, entryId: 300 }]).parties).toEqual(['provider']);
    expect(partiesOf(agent, sides, [{ providerId: 20, entryId: 301 }]).parties).toEqual([]);
    expect(partiesOf(agent, sides, [{ providerId: 21, entryId: null }]).parties).toEqual([]);
    // a scope without the agent role is nothing
    expect(partiesOf(actor(99, 'dept_admin'), sides, [{ providerId: 20, entryId: null }]).parties).toEqual([]);
  });

  it('lets the bureau and leaders read everything, and nobody else', () => {
    expect(partiesOf(actor(1, 'bureau_admin'), sides, []).parties).toEqual(['bureau']);
    expect(assertCanRead(actor(5, 'leader'), sides, []).parties).toEqual([]);
    expect(() => assertCanRead(actor(30, 'dept_admin'), sides, [])).toThrow(ForbiddenError);
    expect(() => assertCanRead(actor(99, 'dept_agent'), sides, [{ providerId: 20, entryId: 301 }])).toThrow(ForbiddenError);
  });
});

describe('what can be requested', () => {
  const entry: RequestableEntry = { id: 300, name: '居民身份证信息', status: 'published', providerId: 20, shareType: 'conditional', noShareReason: null, noShareBasis: null, dedicated: false };

  it('accepts a published entry of another department', () => {
    expect(() => assertRequestable(entry, 10, [])).not.toThrow();
  });

  it('refuses a 不予共享 entry with the provider’s reasons and points to coordination', () => {
    const none = { ...entry, shareType: 'none' as const, noShareReason: '涉及侦查秘密', noShareBasis: '《中华人民共和国刑事诉讼法》第一百五十二条' };
    expect(() => assertRequestable(none, 10, [])).toThrow(/涉及侦查秘密.*刑事诉讼法.*协调/);
    try {
      assertRequestable(none, 10, []);
    } catch (e) {
      expect((e as RuleViolationError).extra).toMatchObject({ noShareReason: '涉及侦查秘密' });
    }
    expect(() => assertCoordinationRequestable(none, 10)).not.toThrow();
    expect(() => assertCoordinationRequestable(entry, 10)).toThrow(/请直接提交共享申请/);
  });

  it('sends a department on the 专用 list to the direct grant instead (第十六条(三))', () => {
    expect(() => assertRequestable({ ...entry, dedicated: true }, 10, [10, 11])).toThrow(/专用部门名单内，无需申请/);
    expect(() => assertRequestable({ ...entry, dedicated: true }, 12, [10, 11])).not.toThrow();
  });

  it('refuses own, unpublished and retiring entries', () => {
    expect(() => assertRequestable(entry, 20, [])).toThrow(/本部门的资源/);
    expect(() => assertRequestable({ ...entry, status: 'retiring' }, 10, [])).toThrow(/不是已发布状态/);
  });

  it('checks items belong to the entry and approvals only narrow them', () => {
    const items = new Map([[1, 'a'], [2, 'b']]);
    expect(() => assertItemsOf([1, 2], items)).not.toThrow();
    expect(() => assertItemsOf([1, 3], items)).toThrow(/不属于该资源或已删除：3/);
    expect(() => assertNarrowing([1], [1, 2])).not.toThrow();
    expect(() => assertNarrowing([1, 3], [1, 2])).toThrow(/不在申请范围内：3/);
  });
});

describe('payload rules', () => {
  it('requires a reason category and a written basis to reject (第十六条(二))', () => {
    const r = shareReplySchema.safeParse({ decision: 'reject' });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^reasonCategory:驳回须选择理由类别/), expect.stringMatching(/^reason:驳回须写明充分的依据/)]));
    expect(shareReplySchema.safeParse({ decision: 'reject', reasonCategory: 'state_secret', reason: '短' }).success).toBe(false);
    expect(shareReplySchema.safeParse({ decision: 'reject', reasonCategory: 'state_secret', reason: '依据《保守国家秘密法》第二十四条不予提供' }).success).toBe(true);
    expect(shareReplySchema.safeParse({ decision: 'approve', itemIds: [1], conditions: '仅限窗口核验使用' }).success).toBe(true);
    expect(shareReplySchema.safeParse({ decision: 'approve', reasonCategory: 'other' }).success).toBe(false);
    expect(shareReplySchema.safeParse({ decision: 'maybe' }).success).toBe(false);
  });

  it('requires a reason to return a request, and refuses unknown fields and duplicate items', () => {
    expect(complianceReviewSchema.safeParse({ decision: 'return' }).error?.issues[0].message).toMatch(/退回修改须写明理由/);
    expect(complianceReviewSchema.safeParse({ decision: 'pass' }).success).toBe(true);
    const base = { entryId: 1, itemIds: [1, 2], purpose: '办理户籍迁移业务', scenario: '窗口受理核验' };
    expect(createShareRequestSchema.safeParse(base).success).toBe(true);
    expect(createShareRequestSchema.safeParse({ ...base, itemIds: [1, 1] }).error?.issues[0].message).toBe('信息项不能重复');
    expect(createShareRequestSchema.safeParse({ ...base, itemIds: [] }).error?.issues[0].message).toBe('至少选择一个信息项');
    expect(createShareRequestSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(createShareRequestSchema.safeParse({ ...base, purpose: '  ' }).error?.issues[0].message).toMatch(/数据使用用途/);
  });
});

describe('grants (第二十七条)', () => {
  it('run one year, with 29 February handled', () => {
    expect(defaultValidUntil('2026-06-15')).toBe('2027-06-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(grantState('active', '2026-06-15', '2026-06-15')).toBe('active');
    expect(grantState('active', '2026-06-14', '2026-06-15')).toBe('expired');
    expect(grantState('revoked', '2027-06-14', '2026-06-15')).toBe('revoked');
  });

  it('renew from the later of today and the current end, never backwards or beyond three years', () => {
    expect(renewedValidUntil('2026-09-01', '2026-06-15')).toBe('2027-09-01');
    expect(renewedValidUntil('2026-01-01', '2026-06-15')).toBe('2027-06-15');
    expect(renewedValidUntil('2026-09-01', '2026-06-15', '2027-01-31')).toBe('2027-01-31');
    expect(() => renewedValidUntil('2026-09-01', '2026-06-15', '2026-08-01')).toThrow(/应晚于 2026-09-01/);
    expect(() => renewedValidUntil('2026-09-01', '2026-06-15', '2030-01-01')).toThrow(/最长至 2029-06-15/);
  });

  it('let the provider or the bureau revoke and renew, and the consumer declare destruction', () => {
    const g = { consumerId: 10, providerId: 20 };
    expect(grantActions(actor(20, 'dept_admin'), g, 'active')).toEqual(['revoke', 'renew']);
    expect(grantActions(actor(1, 'bureau_admin'), g, 'expired')).toEqual(['renew']);
    expect(grantActions(actor(10, 'dept_admin'), g, 'revoked')).toEqual(['destroy']);
    expect(grantActions(actor(5, 'leader'), g, 'active')).toEqual([]);
    expect(grantActions(actor(99, 'dept_agent'), g, 'active')).toEqual([]);
    expect(() => assertGrantAction(actor(10, 'dept_admin'), g, 'active', 'revoke')).toThrow(ForbiddenError);
    expect(() => assertGrantAction(actor(20, 'dept_admin'), g, 'revoked', 'revoke')).toThrow(ConflictError);
    expect(() => assertGrantAction(actor(10, 'dept_admin'), g, 'destroyed', 'destroy')).toThrow(ConflictError);
  });

  it('confirm destruction only for a day that has come, after the grant began', () => {
    expect(() => assertDestructionDate('2026-06-15', '2025-01-01', '2026-06-15')).not.toThrow();
    expect(() => assertDestructionDate('2026-06-16', '2025-01-01', '2026-06-15')).toThrow(/不能晚于今天/);
    expect(() => assertDestructionDate('2024-12-31', '2025-01-01', '2026-06-15')).toThrow(/不能早于授权开通日期/);
  });
});
