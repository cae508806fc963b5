import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { VIOLATION_TYPES, type ViolationType } from '@govdata/domain';
import { zeroViolationCounts, type ViolationCounts } from './facts';
import { METRICS, type MetricDirection, type MetricValue } from './metrics';
import { applyRule, matchBand } from './rules';
import type { BandsRule, DeductionRule, RatioRule, ScoringRule } from './scheme';

const ratioMetric = METRICS.provider_reply_on_time_rate;
const lowerCountMetric = METRICS.share_rejections_without_basis;
const higherCountMetric = METRICS.catalog_published_entries;
const violationMetric = METRICS.violations_confirmed;

const ratioValue = (numerator: number, denominator: number): MetricValue => ({
  kind: 'ratio',
  numerator,
  denominator,
  rate: denominator > 0 ? numerator / denominator : null,
  missingFacts: [],
});
const countValue = (count: number): MetricValue => ({ kind: 'count', count, context: null, missingFacts: [] });
const violationValue = (byType: ViolationCounts): MetricValue => ({
  kind: 'violations',
  count: VIOLATION_TYPES.reduce((a, t) => a + byType[t], 0),
  byType,
  missingFacts: [],
});

const points = (rule: ScoringRule, metric: (typeof METRICS)[keyof typeof METRICS], value: MetricValue, weight: number): number => {
  const outcome = applyRule(rule, metric, value, weight);
  if (outcome.status !== 'scored') throw new Error(`expected a score, got neutral (${outcome.reason})`);
  return outcome.points;
};

const weightArb = fc.integer({ min: 1, max: 10_000 }).map((h) => h / 100);
const noCasesArb = fc.constantFrom('full' as const, 'neutral' as const, 'zero' as const);
/** numerator ≤ other numerator ≤ denominator */
const ratioPairArb = fc
  .integer({ min: 1, max: 2_000 })
  .chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.integer({ min: 0, max: d })).map(([a, b]) => ({ d, lo: Math.min(a, b), hi: Math.max(a, b) })));
const countPairArb = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })).map(([a, b]) => ({ lo: Math.min(a, b), hi: Math.max(a, b) }));

/** Well-formed bands for a direction: thresholds strictly ordered from the best, awards non-increasing. */
function bandsRuleArb(direction: MetricDirection, maxThreshold: number, integerThresholds: boolean): fc.Arbitrary<{ weight: number; rule: BandsRule }> {
  const thresholdArb = integerThresholds ? fc.integer({ min: 0, max: maxThreshold }) : fc.integer({ min: 0, max: 1000 }).map((x) => (x / 1000) * maxThreshold);
  return fc.record({ weight: weightArb, award: fc.constantFrom('points' as const, 'fraction' as const), n: fc.integer({ min: 1, max: 5 }) }).chain(({ weight, award, n }) =>
    fc
      .record({
        thresholds: fc.uniqueArray(thresholdArb, { minLength: n, maxLength: n }),
        awards: fc.array(fc.double({ min: 0, max: award === 'fraction' ? 1 : weight, noNaN: true }), { minLength: n + 1, maxLength: n + 1 }),
      })
      .map(({ thresholds, awards }) => {
        const ts = [...thresholds].sort((a, b) => (direction === 'higher' ? b - a : a - b));
        const as = [...awards].sort((a, b) => b - a);
        const rule: BandsRule = { type: 'bands', award, bands: ts.map((threshold, i) => ({ threshold, award: as[i] })), otherwise: as[n], whenNoCases: 'zero' };
        return { weight, rule };
      }),
  );
}

const deductionArb = (withPerType: boolean): fc.Arbitrary<{ weight: number; rule: DeductionRule }> =>
  weightArb.chain((weight) =>
    fc.record({
      weight: fc.constant(weight),
      rule: fc.record({
        type: fc.constant('deduction' as const),
        perEvent: fc.integer({ min: 0, max: 500 }).map((h) => h / 100),
        perType: withPerType
          ? fc.dictionary(fc.constantFrom(...VIOLATION_TYPES.map((t) => `${t}` as `${ViolationType}`)), fc.integer({ min: 0, max: 500 }).map((h) => h / 100))
          : fc.constant(undefined),
        cap: fc.option(fc.integer({ min: 1, max: Math.round(weight * 100) }).map((h) => h / 100), { nil: null }),
      }),
    }),
  );

const violationCountsArb = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 9, maxLength: 9 }).map((xs) => {
  const counts = zeroViolationCounts();
  VIOLATION_TYPES.forEach((t, i) => (counts[t] = xs[i]));
  return counts;
});

describe('ratio rule: points = rate × weight', () => {
  const rule: RatioRule = { type: 'ratio', whenNoCases: 'zero' };

  it('gives the rate of the weight, rounded to hundredths (45 of 48 on 25 points → 23.44)', () => {
    expect(points(rule, ratioMetric, ratioValue(45, 48), 25)).toBe(23.44);
    expect(points(rule, ratioMetric, ratioValue(48, 48), 25)).toBe(25);
    expect(points(rule, ratioMetric, ratioValue(0, 48), 25)).toBe(0);
    expect(points(rule, ratioMetric, ratioValue(1, 3), 10)).toBe(3.33);
    expect(points(rule, ratioMetric, ratioValue(2, 3), 10)).toBe(6.67);
  });

  it('follows whenNoCases when the denominator is 0', () => {
    expect(points({ type: 'ratio', whenNoCases: 'full' }, ratioMetric, ratioValue(0, 0), 20)).toBe(20);
    expect(points({ type: 'ratio', whenNoCases: 'zero' }, ratioMetric, ratioValue(0, 0), 20)).toBe(0);
    expect(applyRule({ type: 'ratio', whenNoCases: 'neutral' }, ratioMetric, ratioValue(0, 0), 20)).toEqual({ status: 'neutral', reason: 'no_cases' });
  });

  it('is neutral whatever the policy when a source is missing', () => {
    const missing: MetricValue = { kind: 'ratio', numerator: null, denominator: 10, rate: null, missingFacts: ['providerRepliesMet'] };
    expect(applyRule({ type: 'ratio', whenNoCases: 'zero' }, ratioMetric, missing, 20)).toEqual({ status: 'neutral', reason: 'source_missing' });
  });

  it('keeps points within [0, weight] and never lowers them for more on-time replies', () => {
    fc.assert(
      fc.property(weightArb, noCasesArb, ratioPairArb, (weight, whenNoCases, { d, lo, hi }) => {
        const r: RatioRule = { type: 'ratio', whenNoCases };
        const a = points(r, ratioMetric, ratioValue(lo, d), weight);
        const b = points(r, ratioMetric, ratioValue(hi, d), weight);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(weight);
        expect(a).toBeLessThanOrEqual(b);
      }),
    );
  });
});

describe('bands rule', () => {
  const shareBands: BandsRule = {
    type: 'bands',
    award: 'points',
    bands: [
      { threshold: 0.9, award: 5 },
      { threshold: 0.8, award: 4 },
      { threshold: 0.6, award: 3 },
    ],
    otherwise: 0,
    whenNoCases: 'zero',
  };

  it('gives the first band reached, best first, and `otherwise` below the last', () => {
    expect(points(shareBands, ratioMetric, ratioValue(9, 10), 5)).toBe(5);
    expect(points(shareBands, ratioMetric, ratioValue(89, 100), 5)).toBe(4);
    expect(points(shareBands, ratioMetric, ratioValue(6, 10), 5)).toBe(3);
    expect(points(shareBands, ratioMetric, ratioValue(59, 100), 5)).toBe(0);
  });

  it('reads fractions of the weight when award is fraction', () => {
    const rule: BandsRule = { ...shareBands, award: 'fraction', bands: [{ threshold: 0.5, award: 0.8 }], otherwise: 0.1 };
    expect(points(rule, ratioMetric, ratioValue(1, 2), 15)).toBe(12);
    expect(points(rule, ratioMetric, ratioValue(1, 3), 15)).toBe(1.5);
  });

  it('matches at most a threshold for a metric where fewer is better', () => {
    const rule: BandsRule = { type: 'bands', award: 'points', bands: [{ threshold: 0, award: 5 }, { threshold: 2, award: 3 }], otherwise: 0, whenNoCases: 'zero' };
    expect(matchBand(rule, 'lower', 0)?.award).toBe(5);
    expect(points(rule, lowerCountMetric, countValue(2), 5)).toBe(3);
    expect(points(rule, lowerCountMetric, countValue(3), 5)).toBe(0);
  });

  it('keeps points within [0, weight] and is monotone in a rate where higher is better', () => {
    fc.assert(
      fc.property(bandsRuleArb('higher', 1, false), ratioPairArb, ({ weight, rule }, { d, lo, hi }) => {
        const a = points(rule, ratioMetric, ratioValue(lo, d), weight);
        const b = points(rule, ratioMetric, ratioValue(hi, d), weight);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(weight);
        expect(a).toBeLessThanOrEqual(b);
      }),
    );
  });

  it('is monotone in a count where higher is better', () => {
    fc.assert(
      fc.property(bandsRuleArb('higher', 500, true), countPairArb, ({ weight, rule }, { lo, hi }) => {
        expect(points(rule, higherCountMetric, countValue(lo), weight)).toBeLessThanOrEqual(points(rule, higherCountMetric, countValue(hi), weight));
      }),
    );
  });

  it('never raises points for more events where fewer is better, and stays within [0, weight]', () => {
    fc.assert(
      fc.property(bandsRuleArb('lower', 50, true), countPairArb, ({ weight, rule }, { lo, hi }) => {
        const fewer = points(rule, lowerCountMetric, countValue(lo), weight);
        const more = points(rule, lowerCountMetric, countValue(hi), weight);
        expect(more).toBeGreaterThanOrEqual(0);
        expect(fewer).toBeLessThanOrEqual(weight);
        expect(more).toBeLessThanOrEqual(fewer);
      }),
    );
  });
});

describe('deduction rule', () => {
  it('deducts per event up to the cap', () => {
    const rule: DeductionRule = { type: 'deduction', perEvent: 1, cap: 5 };
    expect(points(rule, lowerCountMetric, countValue(0), 5)).toBe(5);
    expect(points(rule, lowerCountMetric, countValue(2), 5)).toBe(3);
    const capped = applyRule({ type: 'deduction', perEvent: 1, cap: 3 }, lowerCountMetric, countValue(7), 5);
    expect(capped).toEqual({ status: 'scored', points: 2, detail: { rule: 'deduction', gross: 7, deducted: 3, capped: true } });
  });

  it('deducts the per-type amount of each violation type, perEvent for the others', () => {
    const rule: DeductionRule = { type: 'deduction', perEvent: 0.5, perType: { '6': 3, '8': 2 }, cap: null };
    const byType = { ...zeroViolationCounts(), 1: 2, 6: 1, 8: 1 };
    // 2 × 0.5 + 3 + 2 = 6 of 10
    expect(points(rule, violationMetric, violationValue(byType), 10)).toBe(4);
    // without a cap the weight is the limit
    expect(points(rule, violationMetric, violationValue({ ...byType, 6: 5 }), 10)).toBe(0);
  });

  it('stays within [0, weight] and never raises points for more events', () => {
    fc.assert(
      fc.property(deductionArb(false), countPairArb, ({ weight, rule }, { lo, hi }) => {
        const fewer = points(rule, lowerCountMetric, countValue(lo), weight);
        const more = points(rule, lowerCountMetric, countValue(hi), weight);
        expect(more).toBeGreaterThanOrEqual(0);
        expect(fewer).toBeLessThanOrEqual(weight);
        expect(more).toBeLessThanOrEqual(fewer);
        if (rule.cap !== null) expect(more).toBeGreaterThanOrEqual(Math.round((weight - rule.cap) * 100) / 100);
      }),
    );
  });

  it('never raises points when any violation type gains an event', () => {
    fc.assert(
      fc.property(deductionArb(true), violationCountsArb, fc.constantFrom(...VIOLATION_TYPES), fc.integer({ min: 1, max: 10 }), ({ weight, rule }, counts, type, extra) => {
        const before = points(rule, violationMetric, violationValue(counts), weight);
        const after = points(rule, violationMetric, violationValue({ ...counts, [type]: counts[type] + extra }), weight);
        expect(before).toBeLessThanOrEqual(weight);
        expect(after).toBeGreaterThanOrEqual(0);
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });
});
