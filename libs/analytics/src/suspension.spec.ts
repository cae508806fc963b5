import { describe, it, expect } from 'vitest';
import { defaultScheme2026 } from './default-scheme';
import { scoreAll } from './ranking';
import type { AssessmentScheme } from './scheme';
import { suspensionList } from './suspension';
import { factsFor, must } from './testing/fixtures';

const emptyCatalog = {
  catalogEntries: 0,
  catalogEntriesPublished: 0,
  catalogEntriesMetadataComplete: 0,
  entriesWithCycle: 0,
  entriesWithinCycle: 0,
  entriesShareUnconditional: 0,
  entriesShareConditional: 0,
  entriesOpenUnconditional: 0,
  entriesOpenOnApplication: 0,
};

describe('suspensionList (第三十二条)', () => {
  const scheme = defaultScheme2026();
  const facts = [
    factsFor(1), // takes part well
    factsFor(2, { ...emptyCatalog }), // no published catalog
    factsFor(3, { providerRepliesUnanswered: 3 }), // leaves requests unanswered
    factsFor(4, { providerRepliesMet: 0, correctionsMet: 0, entriesWithinCycle: 0, catalogUpdatesMet: 0, catalogEntriesMetadataComplete: 0 }, { 6: 2 }), // 不合格
    factsFor(5, { catalogEntriesPublished: null, providerRepliesUnanswered: null, catalogEntriesMetadataComplete: null, entriesWithCycle: null, entriesWithinCycle: null, entriesShareConditional: null, entriesShareUnconditional: null, entriesOpenOnApplication: null, entriesOpenUnconditional: null }),
  ];
  const results = scoreAll(scheme, facts);

  it('lists departments that are 不合格, have no published catalog or leave requests unanswered, with reasons', () => {
    const list = suspensionList(scheme, results, facts);
    expect(list.map((e) => [e.departmentId, e.reasons.map((r) => r.code)])).toEqual([
      [2, ['no_published_catalog']],
      [3, ['unanswered_requests']],
      [4, ['failing_grade']],
    ]);
    const four = must(results.find((r) => r.departmentId === 4));
    expect(four.grade).toBe('fail');
    expect(list[2].reasons[0].text).toBe(`2026 年度考核得分 ${four.total.toFixed(2)} 分，等级为不合格`);
    expect(list[0].reasons[0].text).toBe('截至 2026-12-31 未发布政务数据资源目录（第六条、第七条）');
    expect(list[1].reasons[0].text).toBe('有 3 件共享申请逾期未答复（第十五条第（二）项）');
  });

  it('does not treat a missing source as non-participation', () => {
    expect(suspensionList(scheme, results, facts).some((e) => e.departmentId === 5)).toBe(false);
  });

  it('follows the scheme’s criterion', () => {
    const lenient: AssessmentScheme = { ...scheme, suspension: { failingGrade: false, noPublishedCatalog: true, unansweredRequestsAtLeast: 5 } };
    expect(suspensionList(lenient, results, facts).map((e) => e.departmentId)).toEqual([2]);
    const off: AssessmentScheme = { ...scheme, suspension: { failingGrade: false, noPublishedCatalog: false, unansweredRequestsAtLeast: null } };
    expect(suspensionList(off, results, facts)).toEqual([]);
  });
});
