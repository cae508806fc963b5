import { ForbiddenError, RuleViolationError } from './errors';
import { readsAllDepartments } from './access';
import { isBureau, type Actor } from './roles';
import { VIOLATION_STATUS_LABELS, type ViolationStatus } from './violations';

/**
 * The life of a violation (第三十三条): a job or an inspector records it as a candidate; the bureau confirms it or
 * dismisses it with a reason; a written notice (书面通报) covers confirmed ones; rectification closes them.
 * Nothing else moves: a dismissed or closed violation is final, and a decision is never taken twice.
 */
export const VIOLATION_TRANSITIONS: Record<ViolationStatus, readonly ViolationStatus[]> = {
  candidate: ['confirmed', 'dismissed'],
  confirmed: ['noticed'],
  noticed: ['closed'],
  closed: [],
  dismissed: [],
};

export const canTransitionViolation = (from: ViolationStatus, to: ViolationStatus): boolean => VIOLATION_TRANSITIONS[from].includes(to);

export function assertViolationTransition(from: ViolationStatus, to: ViolationStatus): void {
  if (canTransitionViolation(from, to)) return;
  throw new RuleViolationError(
    `该违规记录当前为“${VIOLATION_STATUS_LABELS[from]}”，不能改为“${VIOLATION_STATUS_LABELS[to]}”。${from === 'candidate' ? '' : '确认或排除只能针对“待确认”的记录。'}`,
    'violation.transition',
    { from, to },
  );
}

export type ViolationDecision = { decision: 'confirm' } | { decision: 'dismiss'; reason: string };

/** Only the bureau decides (第三十三条: 由政务数据共享管理部门…予以书面通报); leaders and departments only read. */
export function assertMayDecideViolation(actor: Actor): void {
  if (!isBureau(actor)) throw new ForbiddenError('只有平台管理员（政务信息管理局）可以确认、排除或登记违规', 'violation.decide_forbidden');
}

/** The status a decision leads to, after checking who decides and from which status. */
export function decideViolation(actor: Actor, current: ViolationStatus, d: ViolationDecision): { status: ViolationStatus; dismissReason: string | null } {
  assertMayDecideViolation(actor);
  const to: ViolationStatus = d.decision === 'confirm' ? 'confirmed' : 'dismissed';
  assertViolationTransition(current, to);
  if (d.decision === 'dismiss') {
    const reason = d.reason.trim();
    if (reason.length < 5) throw new RuleViolationError('排除违规须写明理由（至少 5 个字），以备考核复核', 'violation.reason_required');
    return { status: to, dismissReason: reason };
  }
  return { status: to, dismissReason: null };
}


/**
 * Department isolation for supervision records (violations, deadlines): returns the department filter to apply —
 * the one asked for (or none) for the bureau and leaders, always the actor's own for a department; asking for
 * another department is refused.
 */
export function supervisionScope(actor: Actor, requestedDepartmentId?: number): number | undefined {
  if (readsAllDepartments(actor)) return requestedDepartmentId;
  if (requestedDepartmentId !== undefined && requestedDepartmentId !== actor.departmentId) {
    throw new ForbiddenError('只能查看本部门的督查记录（违规、期限）', 'supervision.other_department');
  }
  return actor.departmentId;
}

/** A single record: the bureau and leaders read all; a department its own; records of the bureau itself (null) only they. */
export function assertMayReadSupervisionRecord(actor: Actor, departmentId: number | null): void {
  if (readsAllDepartments(actor)) return;
  if (departmentId !== null && departmentId === actor.departmentId) return;
  throw new ForbiddenError('无权查看其他部门的督查记录', 'supervision.other_department');
}
