import { METRICS, type AssessmentScheme, type Indicator, type ScoringRule } from '@govdata/analytics';

/** Metric options of the scheme editor, with their Chinese labels and articles. */
export const METRIC_OPTIONS = Object.entries(METRICS).map(([id, m]) => ({ id, label: m.label, article: m.article, kind: m.kind, unit: m.unit }));

/** The sum of the indicators' weights, to two decimals (the scheme needs exactly 100). */
export function weightSum(scheme: Pick<AssessmentScheme, 'indicators'>): number {
  return Math.round(scheme.indicators.reduce((s, i) => s + (Number(i.weight) || 0), 0) * 100) / 100;
}

/** A rule of another type, keeping what still applies. */
export function ruleOfType(type: ScoringRule['type'], previous?: ScoringRule): ScoringRule {
  const whenNoCases = previous && 'whenNoCases' in previous ? previous.whenNoCases : 'neutral';
  if (type === 'ratio') return { type, whenNoCases };
  if (type === 'bands') return { type, award: 'fraction', bands: [{ threshold: 0.95, award: 1 }, { threshold: 0.8, award: 0.6 }], otherwise: 0, whenNoCases };
  return { type, perEvent: 1, cap: null };
}

/** A new indicator in `category`, with an id not yet used. */
export function newIndicator(scheme: AssessmentScheme, category: string): Indicator {
  let n = scheme.indicators.length + 1;
  while (scheme.indicators.some((i) => i.id === `indicator_${n}`)) n++;
  return { id: `indicator_${n}`, category, name: '新指标', weight: 5, metric: METRIC_OPTIONS[0].id, rule: ruleOfType('ratio') };
}
