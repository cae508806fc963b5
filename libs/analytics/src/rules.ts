import { VIOLATION_TYPES } from '@govdata/domain';
import { isSourceMissing, type MetricDefinition, type MetricDirection, type MetricValue } from './metrics';
import { roundPoints } from './numbers';
import type { Band, BandsRule, DeductionRule, NoCasesPolicy, ScoringRule } from './scheme';

/** Why an indicator could not be measured. */
export type NeutralReason = 'source_missing' | 'no_cases';

/** How the points of a scored indicator came about — what the explanation reports. */
export type ScoreDetail =
  | { rule: 'ratio'; rate: number }
  | { rule: 'no_cases'; policy: Exclude<NoCasesPolicy, 'neutral'> }
  | { rule: 'bands'; value: number; band: Band | null }
  | { rule: 'deduction'; gross: number; deducted: number; capped: boolean };

export type RuleOutcome = { status: 'scored'; points: number; detail: ScoreDetail } | { status: 'neutral'; reason: NeutralReason };

/**
 * Applies a scoring rule to a metric value. Points are rounded to hundredths and always lie in [0, weight]; for a
 * fixed rule they never decrease as the metric improves (a higher rate, fewer events).
 * Assumes a scheme that passed {@link validateScheme} (the rule fits the metric's kind).
 */
export function applyRule(rule: ScoringRule, metric: MetricDefinition, value: MetricValue, weight: number): RuleOutcome {
  if (isSourceMissing(value)) return { status: 'neutral', reason: 'source_missing' };
  switch (rule.type) {
    case 'ratio': {
      const rate = value.kind === 'ratio' ? value.rate : null;
      if (rate === null) return noCases(rule.whenNoCases, weight);
      return scored(weight * rate, weight, { rule: 'ratio', rate });
    }
    case 'bands': {
      const v = scalarOf(value);
      if (v === null) return noCases(rule.whenNoCases, weight);
      const band = matchBand(rule, metric.direction, v);
      const award = band ? band.award : rule.otherwise;
      return scored(rule.award === 'fraction' ? award * weight : award, weight, { rule: 'bands', value: v, band });
    }
    case 'deduction': {
      const gross = grossDeduction(rule, value);
      const limit = Math.min(rule.cap ?? weight, weight);
      const deducted = Math.min(gross, limit);
      return scored(weight - deducted, weight, { rule: 'deduction', gross: roundPoints(gross), deducted: roundPoints(deducted), capped: gross > limit });
    }
  }
}

/** The single number a band compares: the rate of a ratio (null without cases), the count of events otherwise. */
export function scalarOf(value: MetricValue): number | null {
  return value.kind === 'ratio' ? value.rate : value.count;
}

/** The first band (best first) the value reaches, or null. */
export function matchBand(rule: Pick<BandsRule, 'bands'>, direction: MetricDirection, value: number): Band | null {
  return rule.bands.find((b) => (direction === 'higher' ? value >= b.threshold : value <= b.threshold)) ?? null;
}

/** Σ events × amount: per-type amounts for the violations metric, `perEvent` for every other event. */
export function grossDeduction(rule: DeductionRule, value: MetricValue): number {
  if (value.kind === 'violations') {
    const byType = value.byType;
    if (!byType) return 0;
    return VIOLATION_TYPES.reduce((sum, t) => sum + byType[t] * (rule.perType?.[`${t}`] ?? rule.perEvent), 0);
  }
  const events = scalarOf(value) ?? 0;
  return events * rule.perEvent;
}

function noCases(policy: NoCasesPolicy, weight: number): RuleOutcome {
  if (policy === 'neutral') return { status: 'neutral', reason: 'no_cases' };
  return scored(policy === 'full' ? weight : 0, weight, { rule: 'no_cases', policy });
}

function scored(raw: number, weight: number, detail: ScoreDetail): RuleOutcome {
  return { status: 'scored', points: clampPoints(raw, weight), detail };
}

/** Rounds to hundredths within [0, weight]; weights have at most two decimals, so the bounds survive rounding. */
export function clampPoints(raw: number, weight: number): number {
  return Math.min(weight, Math.max(0, roundPoints(raw)));
}
