import { shanghaiDate } from '@govdata/workdays';
import type { GrantStatus } from '../share/enums';
import { violationClause, VIOLATION_TYPE_SPECS, type ViolationEvidence, type ViolationType } from '../violations';

/**
 * 第三十三条第（六）项 from the call records (issue 15 §6): a department whose system keeps calling for data after its
 * grant ended — revoked, past its validity, or after the department declared the data destroyed (第二十七条) — has
 * lost control of the shared data it obtained (对获取的共享数据管理失控…非授权使用). The gateway refused every such
 * call (403) and recorded it with the grant's id; this rule turns them into a candidate for the bureau to decide.
 */
export const UNAUTHORISED_USE_VIOLATION: ViolationType = 6;

/**
 * Refused calls on an ended grant tolerated before it is a finding: a system may retry a few times around the moment
 * of a revocation. After a declared destruction there is no such moment — one call is enough.
 */
export const ENDED_GRANT_CALL_TOLERANCE = 3;

/** The refused calls of one grant that has ended, as the detector reads them from `call_records`. */
export interface EndedGrantCalls {
  grantId: number;
  consumerId: number;
  entryId: number;
  entryName: string;
  status: GrantStatus;
  /** the last day of validity, YYYY-MM-DD */
  validUntil: string;
  revokedAt: Date | null;
  destroyedOn: string | null;
  refusedCalls: number;
  firstAt: Date;
  lastAt: Date;
  systems: string[];
}

/** How a grant ended, as of `today`; null while it is still in force (then refusals were for other reasons). */
export function grantEnding(g: Pick<EndedGrantCalls, 'status' | 'validUntil' | 'revokedAt' | 'destroyedOn'>, today: string): { how: 'revoked' | 'destroyed' | 'expired'; on: string } | null {
  if (g.status === 'destroyed') return { how: 'destroyed', on: g.destroyedOn ?? today };
  if (g.status === 'revoked') return { how: 'revoked', on: g.revokedAt ? shanghaiDate(g.revokedAt) : today };
  if (g.validUntil < today) return { how: 'expired', on: g.validUntil };
  return null;
}

const HOW = { revoked: '被收回', expired: '到期', destroyed: '确认销毁' } as const;

/** The verdict: a (六) candidate with its evidence, or null (grant in force, or within the tolerance). */
export function unauthorisedUseOf(g: EndedGrantCalls, now: Date): { type: ViolationType; evidence: ViolationEvidence } | null {
  const ending = grantEnding(g, shanghaiDate(now));
  if (!ending) return null;
  const enough = ending.how === 'destroyed' ? g.refusedCalls >= 1 : g.refusedCalls >= ENDED_GRANT_CALL_TOLERANCE;
  if (!enough) return null;
  const systems = g.systems.length ? `（${g.systems.join('、')}）` : '';
  return {
    type: UNAUTHORISED_USE_VIOLATION,
    evidence: {
      summary: `“${g.entryName}”的共享授权已于 ${ending.on} ${HOW[ending.how]}，本部门接入系统${systems}此后仍调用 ${g.refusedCalls} 次（${shanghaiDate(g.firstAt)} 至 ${shanghaiDate(g.lastAt)}，均被平台拒绝），属${violationClause(UNAUTHORISED_USE_VIOLATION)}所列“${VIOLATION_TYPE_SPECS[UNAUTHORISED_USE_VIOLATION].short}”情形的线索`,
      observedAt: now.toISOString(),
      article: '第二十七条',
      details: { grantId: g.grantId, entryId: g.entryId, ending: ending.how, endedOn: ending.on, refusedCalls: g.refusedCalls, firstCallAt: g.firstAt.toISOString(), lastCallAt: g.lastAt.toISOString() },
    },
  };
}

/** The finding's key: one per grant, whichever run or process finds it first. */
export const endedGrantCallsSource = (grantId: number) => ({ kind: 'share_grant_calls', id: String(grantId) });
