import type { JobDefinition } from '@govdata/core';
import { AssessmentComputation } from './entities/assessment-computation.entity';
import { AssessmentRevision } from './entities/assessment-revision.entity';
import { computeYear, currentYear } from './compute';

/**
 * 第三十条 年度考核: after the year ends (5 January, 02:00 Asia/Shanghai — the year's last deadlines have run their
 * course and the sweep has flagged them) the previous year is computed as a draft for the bureau to check and
 * publish. Idempotent: a year that already has a revision (or a computation running) is left alone, so a re-run or
 * a second scheduler does nothing; the bureau recomputes by hand when it wants to.
 */
export const annualAssessmentJob: JobDefinition = {
  name: 'annual-assessment',
  title: '年度考核结果计算（上一年度，生成草稿）',
  schedule: { pattern: '0 2 5 1 *' },
  async run({ em, now, log }) {
    const year = currentYear(now) - 1;
    if (year < 2022) return { scanned: 0, computed: 0 };
    if ((await em.count(AssessmentRevision, { year })) > 0 || (await em.count(AssessmentComputation, { activeYear: year })) > 0) {
      log(`${year} 年度已有考核结果（或正在计算），不再重复计算`);
      return { scanned: 0, computed: 0 };
    }
    const result = await computeYear({ fork: () => em.fork(), clock: { now: () => now, pinned: true }, log }, null, year);
    if (result.phase !== 'done') throw new Error(result.error ?? `${year} 年度考核结果计算失败`);
    return { scanned: result.total, computed: 1, revision: result.revision ?? 0 };
  },
};
