import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { resolvePeriod, SHANXI_GAOPING_2024, SHUOZHOU_2022 } from '../rule-sets';
import { DEADLINE_KINDS } from '../deadlines';
import { parseUpperApplicationCode, parseUpperNeedCode, upperApplicationCode, upperNeedCode } from './labels';
import { assertCanReply, assertCanSubmitApplication, assertCanWithdrawNeed, assertNeedItems, defaultOutcome, itemsUnion, resolveOutcomes } from './rules';
import { replyUpperApplicationSchema } from './schemas';

const actor = (roles: Actor['roles'], departmentId = 10): Actor => ({ userId: 1, username: 'u', displayName: 'U', roles, departmentId });
const bureau = actor(['bureau_admin'], 1);
const fieldOf = (run: () => void): string | undefined => {
  try {
    run();
  } catch (e) {
    return (e as { issues?: { path: string }[] }).issues?.[0]?.path ?? (e as Error).constructor.name;
  }
  return undefined;
};

describe('上级数据 rules (第十八条)', () => {
  it('a need names items of the resource; a department withdraws its own need only before consolidation', () => {
    expect(fieldOf(() => assertNeedItems(['姓名'], ['身份证号', '姓名']))).toBeUndefined();
    expect(fieldOf(() => assertNeedItems(['姓名', '住址'], ['身份证号', '姓名']))).toBe('items');
    expect(fieldOf(() => assertCanWithdrawNeed(actor(['dept_admin']), { departmentId: 10, status: 'submitted' }))).toBeUndefined();
    expect(fieldOf(() => assertCanWithdrawNeed(actor(['dept_admin'], 11), { departmentId: 10, status: 'submitted' }))).toBe('ForbiddenError');
    expect(fieldOf(() => assertCanWithdrawNeed(actor(['dept_admin']), { departmentId: 10, status: 'consolidated' }))).toBe('ConflictError');
  });

  it('the batch application applies for the union of the needs, in the resource’s order', () => {
    expect(itemsUnion(['a', 'b', 'c', 'd'], [['c', 'a'], ['b', 'a']])).toEqual(['a', 'b', 'c']);
    expect(itemsUnion(['a'], [['z'], ['a']])).toEqual(['a', 'z']);
  });

  it('submission and reply dates are checked against the steps before them and today', () => {
    const draft = { status: 'draft' as const, needs: 2 };
    expect(fieldOf(() => assertCanSubmitApplication(bureau, draft, '2026-06-15', '2026-06-15', '2026-06-15'))).toBeUndefined();
    expect(fieldOf(() => assertCanSubmitApplication(bureau, draft, '2026-06-16', '2026-06-15', '2026-06-15'))).toBe('submittedOn');
    expect(fieldOf(() => assertCanSubmitApplication(bureau, draft, '2026-06-14', '2026-06-15', '2026-06-15'))).toBe('submittedOn');
    expect(fieldOf(() => assertCanSubmitApplication(actor(['dept_admin']), draft, null, '2026-06-15', '2026-06-15'))).toBe('ForbiddenError');
    expect(fieldOf(() => assertCanSubmitApplication(bureau, { ...draft, needs: 0 }, null, '2026-06-15', '2026-06-15'))).toBe('ConflictError');
    const sent = { status: 'submitted' as const, submittedOn: '2026-06-15', items: ['a', 'b'] };
    expect(fieldOf(() => assertCanReply(bureau, sent, { decision: 'partly_approved', replyDate: '2026-06-16', approvedItems: ['a'] }, '2026-06-16'))).toBeUndefined();
    expect(fieldOf(() => assertCanReply(bureau, sent, { decision: 'approved', replyDate: '2026-06-14' }, '2026-06-16'))).toBe('replyDate');
    expect(fieldOf(() => assertCanReply(bureau, sent, { decision: 'approved', replyDate: '2026-06-17' }, '2026-06-16'))).toBe('replyDate');
    expect(fieldOf(() => assertCanReply(bureau, sent, { decision: 'partly_approved', replyDate: '2026-06-16', approvedItems: ['x'] }, '2026-06-16'))).toBe('approvedItems');
    expect(fieldOf(() => assertCanReply(bureau, { ...sent, status: 'draft' }, null, '2026-06-16'))).toBe('ConflictError');
    expect(replyUpperApplicationSchema.safeParse({ decision: 'partly_approved', referenceNo: '晋〔2026〕1号', replyDate: '2026-06-16' }).error?.issues[0]?.path).toEqual(['approvedItems']);
    expect(replyUpperApplicationSchema.safeParse({ decision: 'approved', referenceNo: '晋〔2026〕1号', replyDate: '2026-06-16', approvedItems: ['a'] }).success).toBe(false);
  });

  it('each need gets what the reply gives it, unless the bureau says otherwise for it', () => {
    expect(defaultOutcome('approved', ['a', 'b'], [])).toEqual({ outcome: 'approved', items: ['a', 'b'] });
    expect(defaultOutcome('refused', ['a', 'b'], ['a'])).toEqual({ outcome: 'refused', items: [] });
    expect(defaultOutcome('partly_approved', ['a', 'b'], ['a', 'c'])).toEqual({ outcome: 'partly_approved', items: ['a'] });
    expect(defaultOutcome('partly_approved', ['a'], ['a', 'c'])).toEqual({ outcome: 'approved', items: ['a'] });
    expect(defaultOutcome('partly_approved', ['b'], ['a', 'c'])).toEqual({ outcome: 'refused', items: [] });
    const needs = [{ id: 1, items: ['a', 'b'] }, { id: 2, items: ['b'] }];
    const out = resolveOutcomes(needs, { decision: 'approved', approvedItems: ['a', 'b'] }, [{ needId: 2, outcome: 'refused', note: '上级要求补充材料' }]);
    expect(out.get(1)).toEqual({ outcome: 'approved', items: ['a', 'b'], note: null });
    expect(out.get(2)).toEqual({ outcome: 'refused', items: [], note: '上级要求补充材料' });
    expect(fieldOf(() => resolveOutcomes(needs, { decision: 'approved', approvedItems: [] }, [{ needId: 3, outcome: 'approved' }]))).toBe('outcomes.0.needId');
    expect(fieldOf(() => resolveOutcomes(needs, { decision: 'approved', approvedItems: [] }, [{ needId: 2, outcome: 'partly_approved', items: ['a'] }]))).toBe('outcomes.0.items');
    expect(fieldOf(() => resolveOutcomes(needs, { decision: 'approved', approvedItems: [] }, [{ needId: 1, outcome: 'partly_approved' }]))).toBe('outcomes.0.items');
  });

  it('the bureau’s two clocks are service commitments of the rule sets: bureau-responsible, no violation, 第十八条', () => {
    for (const kind of ['upper_need_submission', 'upper_reply_passback'] as const) {
      expect(DEADLINE_KINDS[kind].responsible).toBe('bureau');
      for (const rules of [SHUOZHOU_2022, SHANXI_GAOPING_2024]) {
        expect(rules.kinds[kind]).toMatchObject({ article: '第十八条', violationType: null, commitment: true });
        expect(rules.kinds[kind].clause).toMatch(/服务承诺/);
      }
    }
    expect(resolvePeriod(SHUOZHOU_2022, 'upper_need_submission')).toEqual({ n: 5, unit: 'working' });
    expect(resolvePeriod(SHUOZHOU_2022, 'upper_reply_passback')).toEqual({ n: 3, unit: 'working' });
  });

  it('reads its numbers back', () => {
    const at = new Date('2026-06-15T10:00:00+08:00');
    expect(upperNeedCode(4, at)).toBe('SJXQ-2026-000004');
    expect(parseUpperNeedCode('sjxq2026-4')).toBe(4);
    expect(parseUpperApplicationCode(upperApplicationCode(31, at))).toBe(31);
    expect(parseUpperApplicationCode('SJXQ-2026-000031')).toBeNull();
  });
});
