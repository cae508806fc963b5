import type { DepartmentYearFacts } from './facts';
import { formatPoints } from './numbers';
import type { DepartmentScore } from './score';
import { GRADE_LABELS, type AssessmentScheme, type Grade } from './scheme';

export type SuspensionReasonCode = 'failing_grade' | 'no_published_catalog' | 'unanswered_requests';

export interface SuspensionReason {
  code: SuspensionReasonCode;
  /** Chinese, for the list sent to the finance bureau */
  text: string;
}

export interface SuspensionEntry {
  departmentId: number;
  total: number;
  grade: Grade;
  reasons: SuspensionReason[];
}

/**
 * 第三十二条: departments that, without good reason, do not take part in data sharing — for the finance bureau to
 * consider suspending new projects and operation-and-maintenance funds (酌情暂停). Who counts is the scheme's
 * criterion: a 不合格 grade, no published catalog at the statistics day, or share requests overdue and still
 * unanswered. A criterion whose fact is missing (null) is not applied: absence of data is no evidence of
 * non-participation. Ordered by department id; "good reason" is the bureau's judgement on the list, not this code's.
 */
export function suspensionList(
  scheme: AssessmentScheme,
  results: readonly Pick<DepartmentScore, 'departmentId' | 'total' | 'grade'>[],
  facts: readonly DepartmentYearFacts[],
): SuspensionEntry[] {
  const factsById = new Map(facts.map((f) => [f.departmentId, f]));
  const criterion = scheme.suspension;
  const entries: SuspensionEntry[] = [];
  for (const r of results) {
    const f = factsById.get(r.departmentId);
    const reasons: SuspensionReason[] = [];
    if (criterion.failingGrade && r.grade === 'fail') {
      reasons.push({ code: 'failing_grade', text: `${scheme.year} 年度考核得分 ${formatPoints(r.total)} 分，等级为${GRADE_LABELS.fail}` });
    }
    const published = f?.values.catalogEntriesPublished ?? null;
    if (criterion.noPublishedCatalog && published === 0) {
      reasons.push({ code: 'no_published_catalog', text: `截至 ${f?.asOf} 未发布政务数据资源目录（第六条、第七条）` });
    }
    const unanswered = f?.values.providerRepliesUnanswered ?? null;
    if (criterion.unansweredRequestsAtLeast !== null && unanswered !== null && unanswered >= criterion.unansweredRequestsAtLeast) {
      reasons.push({ code: 'unanswered_requests', text: `有 ${unanswered} 件共享申请逾期未答复（第十五条第（二）项）` });
    }
    if (reasons.length > 0) entries.push({ departmentId: r.departmentId, total: r.total, grade: r.grade, reasons });
  }
  return entries.sort((a, b) => a.departmentId - b.departmentId);
}
