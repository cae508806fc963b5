/**
 * @govdata/analytics — the annual assessment (年度目标责任考核, 第三十条至第三十二条): the facts contract the SQL
 * layer fills, the metric registry, assessment schemes and their validation, the default 2026 scheme, scoring with
 * explanations, ranking, the budget-suspension list, and draft-notice grouping of violations (第三十三条).
 * Pure: no I/O, no wall clock.
 */
export {
  FACT_KEYS,
  FACT_SPECS,
  FACT_BOUNDS,
  DEADLINE_FACTS,
  COUNTED_VIOLATION_STATUSES,
  REQUIRED_METADATA,
  departmentYearFactsSchema,
  factInconsistencies,
  emptyFacts,
  zeroViolationCounts,
} from './facts';
export type { FactKey, FactSpec, FactValues, ViolationCounts, DepartmentYearFacts } from './facts';

export { METRICS, METRIC_IDS, isMetricId, metricDefinition, metricFormula, computeMetric, isSourceMissing } from './metrics';
export type {
  MetricId,
  MetricDefinition,
  RatioMetric,
  CountMetric,
  ViolationMetric,
  MetricDirection,
  MetricValue,
  DrillDown,
  CatalogEntryFilter,
} from './metrics';

export {
  assessmentSchemeSchema,
  indicatorSchema,
  categorySchema,
  scoringRuleSchema,
  ratioRuleSchema,
  bandsRuleSchema,
  bandSchema,
  deductionRuleSchema,
  gradeThresholdsSchema,
  suspensionCriterionSchema,
  NO_CASES_POLICIES,
  NO_CASES_POLICY_LABELS,
  NEUTRAL_POLICIES,
  GRADES,
  GRADE_LABELS,
  gradeOf,
} from './scheme';
export type {
  AssessmentScheme,
  AssessmentSchemeInput,
  SchemeCategory,
  Indicator,
  ScoringRule,
  RatioRule,
  BandsRule,
  Band,
  DeductionRule,
  GradeThresholds,
  SuspensionCriterion,
  NoCasesPolicy,
  NeutralPolicy,
  Grade,
} from './scheme';

export { validateScheme, parseScheme } from './validate-scheme';
export { defaultScheme2026, copyScheme } from './default-scheme';
export { applyRule, matchBand, grossDeduction } from './rules';
export type { RuleOutcome, ScoreDetail, NeutralReason } from './rules';
export { scoreDepartment } from './score';
export { describeRule } from './explain';
export type { DepartmentScore, IndicatorScore, CategoryScore } from './score';
export { scoreAll, competitionRanks, averageScores } from './ranking';
export type { RankedScore } from './ranking';
export { suspensionList } from './suspension';
export type { SuspensionEntry, SuspensionReason, SuspensionReasonCode } from './suspension';
export { noticeCandidates, countViolationsByType } from './violations';
export type { ViolationRecord, NoticeCandidate } from './violations';

export * from './api';
