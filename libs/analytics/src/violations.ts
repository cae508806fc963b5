import { VIOLATION_TYPES, VIOLATION_TYPE_SPECS, violationClause, type ViolationStatus, type ViolationType } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { COUNTED_VIOLATION_STATUSES, zeroViolationCounts, type ViolationCounts } from './facts';

/** The fields of a violation record (第三十三条) these helpers read — a slice of the violations table's row. */
export interface ViolationRecord {
  id: number;
  departmentId: number;
  type: ViolationType;
  status: ViolationStatus;
  /** the written notice covering it, once issued */
  noticeId: number | null;
  detectedAt: Date | string;
}

/**
 * The `violationsByType` fact of one department, computed over records: violations detected in the year (Asia/Shanghai
 * date) whose status counts as confirmed. The SQL layer must produce the same counts; this is the reference.
 */
export function countViolationsByType(violations: readonly ViolationRecord[], departmentId: number, year: number): ViolationCounts {
  const counts = zeroViolationCounts();
  const counted: readonly ViolationStatus[] = COUNTED_VIOLATION_STATUSES;
  for (const v of violations) {
    if (v.departmentId !== departmentId || !counted.includes(v.status)) continue;
    if (shanghaiDate(v.detectedAt).slice(0, 4) !== String(year)) continue;
    counts[v.type] += 1;
  }
  return counts;
}

export interface NoticeCandidate {
  departmentId: number;
  /** oldest first (detection time, then id) — the order the notice lists them in */
  violationIds: number[];
  byType: { type: ViolationType; count: number; short: string; clause: string }[];
  /** e.g. “目录未编制或未更新 2 起、未按规定提供共享 1 起” — for the notice's title and body */
  summary: string;
  /** the clauses of 第三十三条 the notice cites, in the regulation's order */
  clauses: string[];
  earliestDetectedAt: string;
}

/**
 * Draft written notices (书面通报, 第三十三条): the confirmed violations not yet covered by a notice, one candidate per
 * department. Departments are ordered by their oldest pending violation, so the longest-waiting come first.
 */
export function noticeCandidates(violations: readonly ViolationRecord[]): NoticeCandidate[] {
  const pending = violations
    .filter((v) => v.status === 'confirmed' && v.noticeId === null)
    .map((v) => ({ ...v, at: new Date(v.detectedAt).getTime() }))
    .sort((a, b) => a.at - b.at || a.id - b.id);

  const byDepartment = new Map<number, typeof pending>();
  for (const v of pending) {
    const list = byDepartment.get(v.departmentId) ?? [];
    list.push(v);
    byDepartment.set(v.departmentId, list);
  }

  return [...byDepartment.entries()].map(([departmentId, list]) => {
    const byType = VIOLATION_TYPES.map((type) => ({ type, count: list.filter((v) => v.type === type).length }))
      .filter((t) => t.count > 0)
      .map((t) => ({ ...t, short: VIOLATION_TYPE_SPECS[t.type].short, clause: violationClause(t.type) }));
    return {
      departmentId,
      violationIds: list.map((v) => v.id),
      byType,
      summary: byType.map((t) => `${t.short} ${t.count} 起`).join('、'),
      clauses: byType.map((t) => t.clause),
      earliestDetectedAt: new Date(list[0].at).toISOString(),
    };
  });
}
