import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { hasRole, isBureau, type Actor } from '../roles';
import type { UpperApplicationStatus, UpperNeedStatus, UpperOutcome, UpperReplyDecision } from './labels';

const fieldError = (path: string, message: string, code: string) => new ValidationError(message, [{ path, message }], code);

/**
 * 上级数据 (第十八条): 多个政务部门对上级政务数据资源提出共享申请时，由政务数据共享管理部门统一向上级共享平台提申请.
 * The rules of the flow: a department's need names items of the resource; the bureau consolidates the open needs of a
 * resource into one batch application, submits it, records the reply and passes each need's result back.
 */

/** Who may submit a need: a department's data officer (the bureau's admins for the bureau's own department). */
export function assertCanSubmitNeed(actor: Actor): void {
  if (!hasRole(actor, 'dept_admin', 'bureau_admin')) throw new ForbiddenError('只有部门数据管理员可以提出上级数据需求', 'upper.not_officer');
}

/** The items wanted must be items of the upper-level resource (as its catalog lists them). */
export function assertNeedItems(wanted: readonly string[], resourceItems: readonly string[]): void {
  const unknown = wanted.filter((i) => !resourceItems.includes(i));
  if (unknown.length) throw fieldError('items', `信息项“${unknown.join('、')}”不在该上级资源的信息项中，请从目录列出的信息项中选择`, 'upper.unknown_items');
}

export interface UpperNeedFacts {
  departmentId: number;
  status: UpperNeedStatus;
}

/** A department withdraws its own need while it waits for consolidation (once in a batch application, the bureau decides). */
export function assertCanWithdrawNeed(actor: Actor, need: UpperNeedFacts): void {
  if (actor.departmentId !== need.departmentId || !hasRole(actor, 'dept_admin', 'bureau_admin')) throw new ForbiddenError('只有提出需求的部门可以撤回', 'upper.not_owner');
  if (need.status !== 'submitted') throw new ConflictError('需求已纳入统一申请或已办结，不能撤回；如需变更请联系政务数据共享管理部门', 'upper.need_not_open');
}

export const needPermissions = (actor: Actor, need: UpperNeedFacts) => ({ canWithdraw: passes(() => assertCanWithdrawNeed(actor, need)) });

/** The items of all needs, without repeats, in the resource's order (names the resource no longer lists come last). */
export function itemsUnion(resourceItems: readonly string[], lists: readonly (readonly string[])[]): string[] {
  const wanted = new Set(lists.flat());
  const ordered = resourceItems.filter((i) => wanted.has(i));
  return [...ordered, ...[...wanted].filter((i) => !resourceItems.includes(i))];
}

const assertBureau = (actor: Actor) => {
  if (!isBureau(actor)) throw new ForbiddenError('统一申请由政务数据共享管理部门办理（第十八条）', 'upper.not_bureau');
};

/** Submitting a draft: the date it went to the upper platform is not in the future nor before the draft was made. */
export function assertCanSubmitApplication(actor: Actor, a: { status: UpperApplicationStatus; needs: number }, submittedOn: string | null, createdOn: string, today: string): void {
  assertBureau(actor);
  if (a.status !== 'draft') throw new ConflictError('该统一申请已报送', 'upper.application_not_draft');
  if (a.needs === 0) throw new ConflictError('该统一申请没有需求，不能报送', 'upper.application_empty');
  if (submittedOn === null) return;
  if (submittedOn > today) throw fieldError('submittedOn', `报送日期 ${submittedOn} 晚于今日（${today}），请填写实际报送的日期`, 'upper.submitted_future');
  if (submittedOn < createdOn) throw fieldError('submittedOn', `报送日期 ${submittedOn} 早于统一申请的汇总日期（${createdOn}）`, 'upper.submitted_before_created');
}

export interface ReplyFacts {
  decision: UpperReplyDecision;
  replyDate: string;
  approvedItems?: readonly string[];
}

/** Recording the upper level's reply: after submission, dated between the submission and today, granting applied-for items. */
export function assertCanReply(actor: Actor, a: { status: UpperApplicationStatus; submittedOn: string | null; items: readonly string[] }, reply: ReplyFacts | null, today: string): void {
  assertBureau(actor);
  if (a.status !== 'submitted') throw new ConflictError(a.status === 'draft' ? '统一申请尚未报送上级，不能登记答复' : '已登记上级答复', 'upper.application_not_submitted');
  if (!reply) return;
  if (reply.replyDate > today) throw fieldError('replyDate', `答复日期 ${reply.replyDate} 晚于今日（${today}）`, 'upper.reply_future');
  if (a.submittedOn && reply.replyDate < a.submittedOn) throw fieldError('replyDate', `答复日期 ${reply.replyDate} 早于报送日期（${a.submittedOn}）`, 'upper.reply_before_submission');
  const unknown = (reply.approvedItems ?? []).filter((i) => !a.items.includes(i));
  if (unknown.length) throw fieldError('approvedItems', `信息项“${unknown.join('、')}”不在本次统一申请的信息项中`, 'upper.unknown_items');
}

/** What a need gets from the reply: all it asked for, the part of it the upper level granted, or nothing. */
export function defaultOutcome(decision: UpperReplyDecision, needItems: readonly string[], approvedItems: readonly string[]): { outcome: UpperOutcome; items: string[] } {
  if (decision === 'approved') return { outcome: 'approved', items: [...needItems] };
  if (decision === 'refused') return { outcome: 'refused', items: [] };
  const items = needItems.filter((i) => approvedItems.includes(i));
  return { outcome: items.length === 0 ? 'refused' : items.length === needItems.length ? 'approved' : 'partly_approved', items };
}

export interface OutcomeOverride {
  needId: number;
  outcome: UpperOutcome;
  items?: readonly string[];
  note?: string;
}

/**
 * Each need's result: the reply's default, or what the bureau says for it (a need of this application; items it asked
 * for; a partly approved need names its items). Refusals carry no items.
 */
export function resolveOutcomes(
  needs: readonly { id: number; items: readonly string[] }[],
  reply: { decision: UpperReplyDecision; approvedItems: readonly string[] },
  overrides: readonly OutcomeOverride[] = [],
): Map<number, { outcome: UpperOutcome; items: string[]; note: string | null }> {
  const byId = new Map(needs.map((n) => [n.id, n]));
  const out = new Map<number, { outcome: UpperOutcome; items: string[]; note: string | null }>();
  for (const n of needs) out.set(n.id, { ...defaultOutcome(reply.decision, n.items, reply.approvedItems), note: null });
  overrides.forEach((o, i) => {
    const need = byId.get(o.needId);
    if (!need) throw fieldError(`outcomes.${i}.needId`, `需求 ${o.needId} 不属于本次统一申请`, 'upper.need_not_in_application');
    const unknown = (o.items ?? []).filter((x) => !need.items.includes(x));
    if (unknown.length) throw fieldError(`outcomes.${i}.items`, `信息项“${unknown.join('、')}”不是该需求申请的信息项`, 'upper.unknown_items');
    if (o.outcome === 'partly_approved' && !o.items?.length) throw fieldError(`outcomes.${i}.items`, '“部分获批”须列明获批的信息项', 'upper.outcome_items_required');
    const items = o.outcome === 'refused' ? [] : o.outcome === 'approved' ? [...need.items] : [...(o.items ?? [])];
    out.set(o.needId, { outcome: o.outcome, items, note: o.note ?? null });
  });
  return out;
}

export function assertCanPassBack(actor: Actor, a: { status: UpperApplicationStatus }): void {
  assertBureau(actor);
  if (a.status !== 'replied') throw new ConflictError(a.status === 'passed_back' ? '结果已反馈各部门' : '尚未登记上级答复，不能反馈结果', 'upper.application_not_replied');
}

function passes(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

export function upperApplicationPermissions(actor: Actor, a: { status: UpperApplicationStatus; needs: number }) {
  return {
    canSubmit: isBureau(actor) && a.status === 'draft' && a.needs > 0,
    canReply: isBureau(actor) && a.status === 'submitted',
    canPassBack: isBureau(actor) && a.status === 'replied',
  };
}
