import { RuleViolationError } from '@govdata/domain';
import { explainNeutral, explainScored } from './explain';
import { factInconsistencies, type DepartmentYearFacts } from './facts';
import { METRICS, computeMetric, type MetricId, type MetricValue } from './metrics';
import { inHundredths, roundPoints } from './numbers';
import { applyRule, clampPoints, type NeutralReason } from './rules';
import { GRADE_LABELS, gradeOf, type AssessmentScheme, type Grade } from './scheme';
import { validateScheme } from './validate-scheme';

export interface IndicatorScore {
  id: string;
  category: string;
  name: string;
  weight: number;
  metric: MetricId;
  points: number;
  /** the metric as read from the facts — the numbers the explanation names */
  value: MetricValue;
  /** true when the indicator could not be measured and was scored by the scheme's neutral policy */
  neutral: boolean;
  neutralReason: NeutralReason | null;
  explanation: string;
}

export interface CategoryScore {
  id: string;
  name: string;
  weight: number;
  points: number;
}

export interface DepartmentScore {
  departmentId: number;
  year: number;
  /** Σ indicator points, 0–100, two decimals: the published total is exactly the sum of the published points */
  total: number;
  grade: Grade;
  gradeLabel: string;
  categories: CategoryScore[];
  indicators: IndicatorScore[];
  /** the weight (of 100) actually measured; the rest was scored neutrally */
  measuredWeight: number;
  /** the rate given to unmeasured indicators under the proportional policy (1 when nothing was measured); null when none needed it */
  neutralRate: number | null;
}

/**
 * Scores one department for one year (第三十条 年度目标责任考核). Throws {@link RuleViolationError} when the scheme
 * does not validate, and RangeError when the facts contradict themselves (a bug in whatever produced them).
 */
export function scoreDepartment(scheme: AssessmentScheme, facts: DepartmentYearFacts): DepartmentScore {
  assertSchemeUsable(scheme);
  return scoreWithCheckedScheme(scheme, facts);
}

export function assertSchemeUsable(scheme: AssessmentScheme): void {
  const problems = validateScheme(scheme);
  if (problems.length > 0) {
    throw new RuleViolationError(`考核方案未通过校验，不能用于计分：${problems.join('；')}`, 'assessment.scheme_invalid', { problems });
  }
}

/** @internal scoring once the scheme is known to validate (scoreAll validates once for all departments) */
export function scoreWithCheckedScheme(scheme: AssessmentScheme, facts: DepartmentYearFacts): DepartmentScore {
  if (facts.year !== scheme.year) throw new RangeError(`考核方案年度（${scheme.year}）与部门 ${facts.departmentId} 的事实数据年度（${facts.year}）不一致`);
  const problems = factInconsistencies(facts);
  if (problems.length > 0) throw new RangeError(`部门 ${facts.departmentId} 的事实数据自相矛盾：${problems.join('；')}`);

  // first pass: every indicator that can be measured
  const evaluated = scheme.indicators.map((indicator) => {
    const metricId = indicator.metric as MetricId;
    const metric = METRICS[metricId];
    const value = computeMetric(metric, facts);
    return { indicator, metricId, metric, value, outcome: applyRule(indicator.rule, metric, value, indicator.weight) };
  });

  let measuredHundredths = 0;
  let measuredPoints = 0;
  for (const e of evaluated) {
    if (e.outcome.status !== 'scored') continue;
    measuredHundredths += inHundredths(e.indicator.weight);
    measuredPoints += e.outcome.points;
  }
  const anyNeutral = evaluated.some((e) => e.outcome.status === 'neutral');
  const rate = measuredHundredths > 0 ? Math.min(1, measuredPoints / (measuredHundredths / 100)) : null;

  // second pass: the unmeasured ones, by the neutral policy
  const indicators: IndicatorScore[] = evaluated.map(({ indicator, metricId, metric, value, outcome }) => {
    const base = { id: indicator.id, category: indicator.category, name: indicator.name, weight: indicator.weight, metric: metricId, value };
    if (outcome.status === 'scored') {
      const explanation = explainScored(metric, value, indicator.rule, outcome.detail, outcome.points, indicator.weight);
      return { ...base, points: outcome.points, neutral: false, neutralReason: null, explanation };
    }
    const share = scheme.neutralPolicy === 'full' || rate === null ? 1 : rate;
    const points = clampPoints(indicator.weight * share, indicator.weight);
    const explanation = explainNeutral(metric, value, indicator.rule, outcome.reason, scheme.neutralPolicy, rate, points, indicator.weight);
    return { ...base, points, neutral: true, neutralReason: outcome.reason, explanation };
  });

  const total = sumPoints(indicators.map((i) => i.points));
  const grade = gradeOf(total, scheme.grades);
  return {
    departmentId: facts.departmentId,
    year: facts.year,
    total,
    grade,
    gradeLabel: GRADE_LABELS[grade],
    categories: scheme.categories.map((c) => {
      const own = indicators.filter((i) => i.category === c.id);
      return { id: c.id, name: c.name, weight: sumPoints(own.map((i) => i.weight)), points: sumPoints(own.map((i) => i.points)) };
    }),
    indicators,
    measuredWeight: measuredHundredths / 100,
    neutralRate: anyNeutral && scheme.neutralPolicy === 'proportional' ? (rate ?? 1) : null,
  };
}

/** Sums two-decimal amounts exactly (in hundredths), so 0.1 + 0.2 is 0.3. */
function sumPoints(xs: readonly number[]): number {
  return roundPoints(xs.reduce((a, x) => a + inHundredths(x), 0) / 100);
}
