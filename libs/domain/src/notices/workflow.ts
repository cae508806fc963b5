import { ForbiddenError, NotFoundError, RuleViolationError } from '../errors';
import { hasRole, isBureau, type Actor } from '../roles';
import { NOTICE_STATUS_LABELS, type NoticeStatus } from './schemas';

/** What can be done to a notice, by whom, from which states (第三十三条: notify in writing, order rectification). */
export const NOTICE_ACTIONS = {
  edit: { label: '修改草稿', from: ['draft'], to: 'draft' },
  discard: { label: '删除草稿', from: ['draft'], to: null },
  issue: { label: '印发', from: ['draft'], to: 'issued' },
  /** a late report is still received (the deadline then ends as missed); escalation stays on record */
  submit: { label: '报送整改情况', from: ['issued', 'returned', 'overdue', 'escalated'], to: 'submitted' },
  accept: { label: '验收通过', from: ['submitted'], to: 'closed' },
  return: { label: '退回整改', from: ['submitted'], to: 'returned' },
  /**
   * A report submitted in time waits for the bureau without going overdue: the department did what it was told by
   * the deadline. Only issued or returned notices run past it.
   */
  overdue: { label: '逾期', from: ['issued', 'returned'], to: 'overdue' },
  escalate: { label: '报领导小组', from: ['overdue'], to: 'escalated' },
} as const satisfies Record<string, { label: string; from: readonly NoticeStatus[]; to: NoticeStatus | null }>;
export type NoticeAction = keyof typeof NOTICE_ACTIONS;

export function canApply(status: NoticeStatus, action: NoticeAction): boolean {
  return (NOTICE_ACTIONS[action].from as readonly NoticeStatus[]).includes(status);
}

/** The status after an action, or a 422 naming the current status and what is possible. */
export function applyNoticeAction(status: NoticeStatus, action: NoticeAction): NoticeStatus | null {
  if (!canApply(status, action)) {
    const allowed = NOTICE_ACTIONS[action].from.map((s) => `“${NOTICE_STATUS_LABELS[s]}”`).join('、');
    throw new RuleViolationError(
      `该通报当前为“${NOTICE_STATUS_LABELS[status]}”，不能${NOTICE_ACTIONS[action].label}（仅限${allowed}状态）`,
      `notice.invalid_transition.${action}`,
      { currentStatus: status },
    );
  }
  return NOTICE_ACTIONS[action].to;
}

/** Statuses in which the rectification deadline still runs for the department (an issued notice not yet closed). */
export const RUNNING_STATUSES: readonly NoticeStatus[] = ['issued', 'submitted', 'returned', 'overdue', 'escalated'];

export interface NoticeScope {
  /** restrict to one department; undefined = all */
  departmentId?: number;
  includeDrafts: boolean;
}

/**
 * Who sees which notices: the bureau all of them, drafts included; the leadership group every issued notice
 * (read-only, 第四条); a department only the notices addressed to it, once issued.
 */
export function noticeScope(actor: Actor, requestedDepartmentId?: number): NoticeScope {
  if (isBureau(actor)) return { departmentId: requestedDepartmentId, includeDrafts: true };
  if (hasRole(actor, 'leader')) return { departmentId: requestedDepartmentId, includeDrafts: false };
  if (requestedDepartmentId !== undefined && requestedDepartmentId !== actor.departmentId) {
    throw new ForbiddenError('只能查看本部门收到的书面通报', 'notice.other_department');
  }
  return { departmentId: actor.departmentId, includeDrafts: false };
}

/** Reading one notice: drafts exist only for the bureau; a department reads only its own. */
export function assertCanReadNotice(actor: Actor, notice: { departmentId: number; status: NoticeStatus }): void {
  if (isBureau(actor)) return;
  if (notice.status === 'draft') throw new NotFoundError('书面通报不存在', 'notice.not_found');
  if (hasRole(actor, 'leader')) return;
  if (notice.departmentId !== actor.departmentId) throw new ForbiddenError('只能查看本部门收到的书面通报', 'notice.other_department');
}

/** Only the addressed department's data officer reports its rectification (the bureau decides on it, 第三十三条). */
export function assertCanRectify(actor: Actor, notice: { departmentId: number }): void {
  if (!hasRole(actor, 'dept_admin') || actor.departmentId !== notice.departmentId) {
    throw new ForbiddenError('只有被通报部门的数据管理员可以报送整改情况', 'notice.rectify_forbidden');
  }
}

/**
 * 退回重报 — the clock a department gets to report again after the bureau returns a report it submitted in time.
 * The timely report stopped the first clock (met): the department did act by the deadline, so it has not "refused to
 * rectify" (第三十三条第（八）项) while the bureau reviews. A return opens a new clock, counted from the return day: the
 * working days that were left when the report went in (the bureau's review time never eats into the department's
 * period), and at least {@link RESUBMISSION_MIN_WORKING_DAYS} — as long as a correction takes under 第十七条 — so that a
 * report sent on the last day can still be put right.
 */
export const RESUBMISSION_MIN_WORKING_DAYS = 5;

export function resubmissionPeriod(workingDaysLeftAtSubmission: number): { n: number; unit: 'working' } {
  return { n: Math.max(RESUBMISSION_MIN_WORKING_DAYS, Math.max(0, Math.floor(workingDaysLeftAtSubmission))), unit: 'working' };
}
