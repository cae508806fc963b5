import { shanghaiDate } from '@govdata/workdays';
import { violationClause, type ViolationEvidence, type ViolationType } from '../violations';

/**
 * 未经下线程序停止提供数据 (issue 17, 第十九条): an entry whose data is gone from the platform while departments still
 * hold grants on it, and no retirement was approved. 第十九条 lets a provider stop a resource only through the
 * procedure — the replacement shareable first, at least 20 natural days' transition, the users told — and asks it to
 * keep shared resources “及时更新、正常可用”. Stopping the data without it is a failure to keep the government data
 * it publishes on the platform current, 第三十三条第（五）项 (未按照规定时限发布、更新…政务数据); (四) needs intent
 * (故意提供不真实…) that call records cannot show, so the candidate is (五), for the bureau to decide.
 *
 * The evidence is the gateway's own: calls of grant holders answered “no data” (or the upstream failing), and, when
 * the daily check runs, still no live data. A short gap that the provider repaired before the check is not a finding.
 */
export const DATA_WITHDRAWN_VIOLATION: ViolationType = 5;

/** Refused calls of grant holders in the window before it is a finding (a system's retries around one moment are not). */
export const DATA_WITHDRAWN_MIN_CALLS = 3;

/** An entry's gateway facts as the detector reads them (call times are real time, the window the last 8 days). */
export interface WithdrawnDataFacts {
  entryId: number;
  entryName: string;
  providerId: number;
  /** published, retiring or retired: only `published` (no retirement approved) can be a finding */
  entryStatus: string;
  /** grants in force today */
  activeGrants: number;
  /** the latest dataset version of the entry (any status), null when it never had data on the platform */
  lastVersion: { id: number; version: number } | null;
  /** a live version at the time of the check */
  liveNow: boolean;
  /** calls of grant holders answered 404 (no data) or an upstream error, in the window */
  failedCalls: number;
  /** answered calls after the first of those failures */
  okSince: number;
  firstFailedAt: Date | null;
  lastFailedAt: Date | null;
}

/** The verdict: a (五) candidate with its evidence, or null. */
export function dataWithdrawnWithoutRetirement(f: WithdrawnDataFacts, now: Date): { type: ViolationType; evidence: ViolationEvidence } | null {
  if (f.entryStatus !== 'published' || f.activeGrants === 0 || !f.lastVersion || f.liveNow) return null;
  if (f.failedCalls < DATA_WITHDRAWN_MIN_CALLS || f.okSince > 0 || !f.firstFailedAt || !f.lastFailedAt) return null;
  return {
    type: DATA_WITHDRAWN_VIOLATION,
    evidence: {
      summary:
        `“${f.entryName}”已无现行数据（最后的数据版本为 v${f.lastVersion.version}），而 ${f.activeGrants} 项共享授权仍在有效期内，且未经第十九条下线程序；` +
        `${shanghaiDate(f.firstFailedAt)} 至 ${shanghaiDate(f.lastFailedAt)} 使用部门的接入系统调用 ${f.failedCalls} 次均未取得数据。属${violationClause(DATA_WITHDRAWN_VIOLATION)}所列情形的线索`,
      observedAt: now.toISOString(),
      article: '第十九条',
      details: {
        entryId: f.entryId,
        lastVersion: f.lastVersion.version,
        activeGrants: f.activeGrants,
        failedCalls: f.failedCalls,
        firstFailedAt: f.firstFailedAt.toISOString(),
        lastFailedAt: f.lastFailedAt.toISOString(),
      },
    },
  };
}

/** The finding's key: one per entry and the data version that went missing, whichever run finds it first. */
export const dataWithdrawnSource = (entryId: number, lastVersionId: number) => ({ kind: 'entry_data_withdrawn', id: `${entryId}:${lastVersionId}` });
