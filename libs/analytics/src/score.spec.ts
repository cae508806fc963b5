import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RuleViolationError, VIOLATION_TYPES } from '@govdata/domain';
import { defaultScheme2026 } from './default-scheme';
import { FACT_KEYS, zeroViolationCounts, type DepartmentYearFacts, type FactKey, type FactValues } from './facts';
import type { AssessmentScheme } from './scheme';
import { gradeOf } from './scheme';
import { scoreDepartment } from './score';
import { byId, factsFor, must, nullValues } from './testing/fixtures';

/** Facts that respect every part ≤ whole bound, with some sources missing. */
const factsArb: fc.Arbitrary<DepartmentYearFacts> = fc
  .record({
    entries: fc.integer({ min: 0, max: 300 }),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
    dues: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 6, maxLength: 6 }),
    mets: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    errors: fc.integer({ min: 0, max: 30 }),
    unanswered: fc.integer({ min: 0, max: 5 }),
    violations: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 9, maxLength: 9 }),
    missing: fc.subarray([...FACT_KEYS]),
    violationsMissing: fc.boolean(),
  })
  .map((r) => {
    const part = (whole: number, f: number) => Math.floor(whole * f);
    const published = part(r.entries, r.fractions[0]);
    const withCycle = part(published, r.fractions[1]);
    const shareU = part(published, r.fractions[2]);
    const shareC = part(published - shareU, r.fractions[3]);
    const openU = part(published, r.fractions[4]);
    const openA = part(published - openU, r.fractions[5]);
    const [updates, replies, rejections, corrections, applications, notices] = r.dues;
    const values: FactValues = {
      catalogEntries: r.entries,
      catalogEntriesPublished: published,
      catalogEntriesMetadataComplete: part(published, r.fractions[6]),
      catalogUpdatesDue: updates,
      catalogUpdatesMet: part(updates, r.mets[0]),
      providerRepliesDue: replies,
      providerRepliesMet: part(replies, r.mets[1]),
      providerRepliesUnanswered: r.unanswered,
      shareRejections: rejections,
      shareRejectionsWithoutBasis: part(rejections, r.mets[2]),
      correctionsDue: corrections,
      correctionsMet: part(corrections, r.mets[3]),
      confirmedDataErrors: r.errors,
      entriesWithCycle: withCycle,
      entriesWithinCycle: part(withCycle, r.fractions[7]),
      entriesShareUnconditional: shareU,
      entriesShareConditional: shareC,
      entriesOpenUnconditional: openU,
      entriesOpenOnApplication: openA,
      openApplicationsDue: applications,
      openApplicationsMet: part(applications, r.mets[4]),
      noticeRectificationsDue: notices,
      noticeRectificationsMet: part(notices, r.mets[5]),
      openDatasets: openU,
      openDatasetsUsed: part(openU, r.fractions[8]),
      sharedCallsServed: Math.round(r.fractions[9] * 10_000),
      sharedCallsMade: Math.round(r.fractions[9] * 7_000),
    };
    for (const k of r.missing) values[k] = null;
    const violationsByType = zeroViolationCounts();
    VIOLATION_TYPES.forEach((t, i) => (violationsByType[t] = r.violations[i]));
    return { departmentId: 1, year: 2026, asOf: '2026-12-31', values, violationsByType: r.violationsMissing ? null : violationsByType };
  });

const schemeArb = fc.constantFrom<AssessmentScheme>(defaultScheme2026(), { ...defaultScheme2026(), neutralPolicy: 'full' });

/** The facts with `more` added to `key` (and to `whole` so that the part stays within it). */
function bump(facts: DepartmentYearFacts, key: FactKey, more: number, whole?: FactKey): DepartmentYearFacts {
  const v = { ...facts.values };
  if (v[key] === null) return facts;
  v[key] = (v[key] ?? 0) + more;
  if (whole && v[whole] !== null) v[whole] = Math.max(v[whole] ?? 0, v[key] ?? 0);
  return { ...facts, values: v };
}

describe('scoreDepartment', () => {
  it('explains a ratio indicator with the facts used', () => {
    const scheme = defaultScheme2026();
    // move 5 points from rejection_basis to provider_reply: the 25-point reply indicator
    scheme.indicators = scheme.indicators
      .filter((i) => i.id !== 'rejection_basis')
      .map((i) => (i.id === 'provider_reply' ? { ...i, weight: 25 } : i));
    const reply = must(scoreDepartment(scheme, factsFor(1, { providerRepliesDue: 48, providerRepliesMet: 45 })).indicators.find((i) => i.id === 'provider_reply'));
    expect(reply.explanation).toBe('应答复 48 件，5 个工作日内答复 45 件，按时率 93.75%，得 23.44 分（满分 25）');
    expect(reply.points).toBe(23.44);
    expect(reply.value).toEqual({ kind: 'ratio', numerator: 45, denominator: 48, rate: 0.9375, missingFacts: [] });
    expect(reply.neutral).toBe(false);
  });

  it('scores a typical department indicator by indicator, the total being the sum of the points', () => {
    const score = scoreDepartment(defaultScheme2026(), factsFor(7, {}, { 1: 2, 6: 1 }));
    expect(Object.fromEntries(score.indicators.map((i) => [i.id, i.points]))).toEqual({
      catalog_metadata: 9, // 45/50 × 10
      catalog_update: 7.5, // 3/4 × 10
      provider_reply: 18.75, // 45/48 × 20
      rejection_basis: 4, // 5 − 1
      correction: 9, // 9/10 × 10
      data_errors: 4, // 5 − 2 × 0.5
      update_cycle: 13.5, // 36/40 × 15
      open_entries: 4, // 12/50 = 24% → ≥ 20% band, 0.8 × 5
      open_application: 5,
      share_rate: 5, // 45/50 = 90% → 5
      violations: 2, // 6 − (2 × 0.5 + 3)
      rectification: 4,
    });
    expect(score.total).toBe(85.75);
    expect(score.grade).toBe('good');
    expect(score.gradeLabel).toBe('良好');
    expect(score.categories.find((c) => c.id === 'sharing')).toEqual({ id: 'sharing', name: '共享响应', weight: 25, points: 22.75 });
    expect(score.measuredWeight).toBe(100);
    expect(score.neutralRate).toBeNull();
    expect(byId(score.indicators, 'violations').explanation).toBe(
      '确认违规 3 起：类型一“目录未编制或未更新”2 起 × 0.5 分、类型六“共享数据管理失控”1 起 × 3 分，扣 4.00 分，得 2.00 分（满分 6）',
    );
    expect(byId(score.indicators, 'open_entries').explanation).toBe(
      '已发布目录条目 50 条，无条件开放或依申请开放 12 条，开放率 24.00%，达到“≥ 20.00%”档，得 4.00 分（满分 5）',
    );
    expect(byId(score.indicators, 'rejection_basis').explanation).toBe(
      '驳回共享申请 6 件，其中无充分依据驳回 1 件，每件扣 1 分，扣 1.00 分，得 4.00 分（满分 5）',
    );
  });

  it('names the numbers it used in every explanation', () => {
    const score = scoreDepartment(defaultScheme2026(), factsFor(7, {}, { 5: 3 }));
    for (const i of score.indicators) {
      const v = i.value;
      const numbers = v.kind === 'ratio' ? [v.numerator, v.denominator] : [v.count];
      for (const n of numbers) expect(i.explanation).toContain(` ${n} `);
      expect(i.explanation).toContain(`得 ${i.points.toFixed(2)} 分（满分 ${i.weight}）`);
    }
  });

  it('scores an indicator whose source is missing neutrally, at the average rate of the others, and says so', () => {
    const score = scoreDepartment(defaultScheme2026(), factsFor(7, { correctionsDue: null, correctionsMet: null }, { 1: 2, 6: 1 }));
    const correction = byId(score.indicators, 'correction');
    // measured: 85.75 − 9 = 76.75 of 90 points
    const rate = 76.75 / 90;
    expect(correction.neutral).toBe(true);
    expect(correction.neutralReason).toBe('source_missing');
    expect(correction.points).toBe(Math.round(rate * 10 * 100) / 100);
    expect(correction.explanation).toBe(
      '数据来源（应校核更正的纠错反馈、5 个工作日内校核更正的纠错反馈）尚未建立，本项不奖不罚，按其余指标平均得分率 85.28% 折算，计 8.53 分（满分 10）',
    );
    expect(score.measuredWeight).toBe(90);
    expect(score.neutralRate).toBeCloseTo(rate, 12);
    expect(score.total).toBe(85.28);
  });

  it('gives full points to a neutral indicator under the full policy', () => {
    const scheme: AssessmentScheme = { ...defaultScheme2026(), neutralPolicy: 'full' };
    const score = scoreDepartment(scheme, factsFor(7, {}, null));
    const violations = byId(score.indicators, 'violations');
    expect(violations.points).toBe(6);
    expect(violations.explanation).toBe('数据来源（违规记录）尚未建立，本项不奖不罚，按满分计 6.00 分（满分 6）');
    expect(score.neutralRate).toBeNull();
  });

  it('treats no cases by the rule’s policy: neutral for replies, full for notices, zero for an empty catalog', () => {
    const score = scoreDepartment(
      defaultScheme2026(),
      factsFor(7, {
        providerRepliesDue: 0,
        providerRepliesMet: 0,
        noticeRectificationsDue: 0,
        noticeRectificationsMet: 0,
        catalogEntriesPublished: 0,
        catalogEntriesMetadataComplete: 0,
        entriesWithCycle: 0,
        entriesWithinCycle: 0,
        entriesShareConditional: 0,
        entriesShareUnconditional: 0,
        entriesOpenOnApplication: 0,
        entriesOpenUnconditional: 0,
      }),
    );
    const by = Object.fromEntries(score.indicators.map((i) => [i.id, i]));
    expect(by.provider_reply.neutral).toBe(true);
    expect(by.provider_reply.neutralReason).toBe('no_cases');
    expect(by.provider_reply.explanation).toMatch(/^应答复 0 件，无计分事项，本项不奖不罚，按其余指标平均得分率 .+% 折算，计 .+ 分（满分 20）$/);
    expect(by.rectification.points).toBe(4);
    expect(by.rectification.explanation).toBe('应限期整改的书面通报 0 件，无计分事项，按满分计，得 4.00 分（满分 4）');
    expect(by.catalog_metadata.points).toBe(0);
    expect(by.catalog_metadata.explanation).toBe('已发布目录条目 0 条，无计分事项，不得分，得 0.00 分（满分 10）');
    expect(by.update_cycle.neutral).toBe(true);
    expect(by.share_rate.points).toBe(0);
  });

  it('scores full when nothing at all can be measured, and reports that no weight was measured', () => {
    const score = scoreDepartment(defaultScheme2026(), { ...factsFor(3), values: nullValues(), violationsByType: null });
    expect(score.measuredWeight).toBe(0);
    expect(score.total).toBe(100);
    expect(score.neutralRate).toBe(1);
    expect(score.indicators.every((i) => i.neutral && i.explanation.includes('其余指标也均无法计分'))).toBe(true);
  });

  it('keeps every indicator within [0, weight] and the total within [0, 100], equal to the sum of the points', () => {
    fc.assert(
      fc.property(schemeArb, factsArb, (scheme, facts) => {
        const score = scoreDepartment(scheme, facts);
        expect(score.total).toBeGreaterThanOrEqual(0);
        expect(score.total).toBeLessThanOrEqual(100);
        for (const i of score.indicators) {
          expect(i.points).toBeGreaterThanOrEqual(0);
          expect(i.points).toBeLessThanOrEqual(i.weight);
          expect(Math.round(i.points * 100)).toBeCloseTo(i.points * 100, 6);
        }
        const hundredths = score.indicators.reduce((a, i) => a + Math.round(i.points * 100), 0);
        expect(Math.round(score.total * 100)).toBe(hundredths);
        expect(score.grade).toBe(gradeOf(score.total, scheme.grades));
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the total when a department does better on a rate', () => {
    const improvements: Array<[FactKey, FactKey]> = [
      ['providerRepliesMet', 'providerRepliesDue'],
      ['catalogUpdatesMet', 'catalogUpdatesDue'],
      ['correctionsMet', 'correctionsDue'],
      ['entriesWithinCycle', 'entriesWithCycle'],
      ['openApplicationsMet', 'openApplicationsDue'],
      ['noticeRectificationsMet', 'noticeRectificationsDue'],
      ['catalogEntriesMetadataComplete', 'catalogEntriesPublished'],
    ];
    fc.assert(
      fc.property(schemeArb, factsArb, fc.constantFrom(...improvements), fc.integer({ min: 1, max: 50 }), (scheme, facts, [met, due], more) => {
        const room = (facts.values[due] ?? 0) - (facts.values[met] ?? 0);
        const better = bump(facts, met, Math.min(more, room));
        expect(scoreDepartment(scheme, better).total).toBeGreaterThanOrEqual(scoreDepartment(scheme, facts).total);
      }),
      { numRuns: 300 },
    );
  });

  it('never raises the total for more violations, errors or rejections without basis', () => {
    fc.assert(
      fc.property(schemeArb, factsArb, fc.constantFrom(...VIOLATION_TYPES), fc.integer({ min: 1, max: 10 }), (scheme, facts, type, more) => {
        const before = scoreDepartment(scheme, facts).total;
        const counts = facts.violationsByType;
        if (counts) expect(scoreDepartment(scheme, { ...facts, violationsByType: { ...counts, [type]: counts[type] + more } }).total).toBeLessThanOrEqual(before);
        expect(scoreDepartment(scheme, bump(facts, 'confirmedDataErrors', more)).total).toBeLessThanOrEqual(before);
        expect(scoreDepartment(scheme, bump(facts, 'shareRejectionsWithoutBasis', more, 'shareRejections')).total).toBeLessThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an invalid scheme, facts of another year, and facts that contradict themselves', () => {
    const bad = { ...defaultScheme2026(), grades: { excellent: 50, good: 80, pass: 60 } };
    expect(() => scoreDepartment(bad, factsFor(1))).toThrow(RuleViolationError);
    expect(() => scoreDepartment(defaultScheme2026(), factsFor(1, {}, {}, 2025))).toThrow(/年度（2025）/);
    expect(() => scoreDepartment(defaultScheme2026(), factsFor(1, { providerRepliesMet: 49 }))).toThrow(
      '部门 1 的事实数据自相矛盾：5 个工作日内答复的共享申请（49）超过应答复共享申请（48）',
    );
  });
});

describe('gradeOf', () => {
  it('applies the thresholds inclusively', () => {
    const g = defaultScheme2026().grades;
    expect([100, 90, 89.99, 80, 79.99, 60, 59.99, 0].map((t) => gradeOf(t, g))).toEqual(['excellent', 'excellent', 'good', 'good', 'pass', 'pass', 'fail', 'fail']);
    expect(gradeOf(85, { excellent: 95, good: 85, pass: 70 })).toBe('good');
  });
});
