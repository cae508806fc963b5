import { ConflictError, ForbiddenError, RuleViolationError } from '../errors';
import { readsAllDepartments } from '../access';
import { hasRole, isBureau, type Actor } from '../roles';
import { GRANT_STATE_LABELS, type GrantState, type GrantStatus } from './enums';

/** How long a grant runs unless renewed: one year. */
export const GRANT_VALIDITY_YEARS = 1;
/** The furthest a renewal may set the end: three years ahead. */
export const GRANT_MAX_YEARS_AHEAD = 3;

/**
 * `YYYY-MM-DD` plus whole years; 29 February becomes 28 February in a common year. Calendar arithmetic on a date,
 * not an instant: done in UTC so that no time zone moves the day.
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** A grant runs through the same day one year later (inclusive). */
export const defaultValidUntil = (grantedOn: string): string => addYears(grantedOn, GRANT_VALIDITY_YEARS);

/** The state shown: the stored status, with an active grant past its last day shown as expired. */
export function grantState(status: GrantStatus, validUntil: string, today: string): GrantState {
  if (status !== 'active') return status;
  return validUntil < today ? 'expired' : 'active';
}

export interface GrantSides {
  consumerId: number;
  providerId: number;
}

/** Who reads a grant: the data officers of its two departments, the bureau and the leadership group. */
export const canReadGrant = (actor: Actor, sides: GrantSides): boolean =>
  readsAllDepartments(actor) || (hasRole(actor, 'dept_admin', 'bureau_admin') && [sides.consumerId, sides.providerId].includes(actor.departmentId));

/** Which grants a user's list holds: every grant (bureau, leaders), its department's (data officers), or none (agents). */
export function grantListScope(actor: Actor): 'all' | 'department' | 'none' {
  if (readsAllDepartments(actor)) return 'all';
  return hasRole(actor, 'dept_admin', 'bureau_admin') ? 'department' : 'none';
}

export type GrantAction = 'revoke' | 'renew' | 'destroy';

/** The grant actions a user may take now: revoke and renew by the provider's data officer or the bureau, destruction by the consumer. */
export function grantActions(actor: Actor, sides: GrantSides, state: GrantState): GrantAction[] {
  const officer = hasRole(actor, 'dept_admin', 'bureau_admin');
  const provider = (officer && actor.departmentId === sides.providerId) || isBureau(actor);
  const consumer = officer && actor.departmentId === sides.consumerId;
  const out: GrantAction[] = [];
  if (provider && state === 'active') out.push('revoke');
  if (provider && (state === 'active' || state === 'expired')) out.push('renew');
  if (consumer && state !== 'destroyed') out.push('destroy');
  return out;
}

const ACTION_LABELS: Record<GrantAction, string> = { revoke: '收回授权', renew: '续期', destroy: '声明停用并确认销毁' };
const ACTION_WHO: Record<GrantAction, string> = { revoke: '提供部门或政务信息管理局', renew: '提供部门或政务信息管理局', destroy: '使用部门' };

/**
 * Refuses an action the user may not take on a grant in its state: 403 when the user is on the wrong side,
 * 409 when the state no longer allows it (e.g. already revoked).
 */
export function assertGrantAction(actor: Actor, sides: GrantSides, state: GrantState, action: GrantAction): void {
  if (grantActions(actor, sides, state).includes(action)) return;
  const anyState = grantActions(actor, sides, 'active').concat(grantActions(actor, sides, 'expired'), grantActions(actor, sides, 'revoked'));
  if (!anyState.includes(action)) throw new ForbiddenError(`“${ACTION_LABELS[action]}”只能由${ACTION_WHO[action]}办理`, 'share_grant.party_forbidden');
  throw new ConflictError(`授权当前状态为“${GRANT_STATE_LABELS[state]}”，不能${ACTION_LABELS[action]}`, 'share_grant.invalid_state', { state });
}

/**
 * The new end of a renewed grant: one year from the later of today and the current end, or the date asked for —
 * which must lie after both and at most three years ahead.
 */
export function renewedValidUntil(current: string, today: string, requested?: string): string {
  const base = current > today ? current : today;
  if (!requested) return addYears(base, GRANT_VALIDITY_YEARS);
  if (requested <= base) throw new RuleViolationError(`续期后的有效期应晚于 ${base}`, 'share_grant.renew_not_later');
  const max = addYears(today, GRANT_MAX_YEARS_AHEAD);
  if (requested > max) throw new RuleViolationError(`续期最长至 ${max}（自今日起三年）`, 'share_grant.renew_too_far');
  return requested;
}

/** A destruction can only be confirmed for a day that has come, on or after the grant began. */
export function assertDestructionDate(destroyedOn: string, grantedOn: string, today: string): void {
  if (destroyedOn > today) throw new RuleViolationError('销毁日期不能晚于今天：请在完成销毁后再确认', 'share_grant.destruction_in_future');
  if (destroyedOn < grantedOn) throw new RuleViolationError(`销毁日期不能早于授权开通日期 ${grantedOn}`, 'share_grant.destruction_before_grant');
}
