import { z } from 'zod';
import { VIOLATION_TYPES } from '@govdata/domain';

/**
 * 考核评估方案 (第三十一条): the bureau's scheme for one year — categories (一级指标), indicators (二级指标) with
 * their weight in points, the metric each reads and the rule that turns the metric into points, the grade
 * thresholds, how indicators without data score, and the budget-suspension criterion of 第三十二条.
 *
 * This schema checks the shape only; {@link validateScheme} checks that the parts fit together (weights sum to 100,
 * known metrics, ordered bands …). A draft may be saved while it still fails those checks; it cannot be used to score.
 */

const idPattern = /^[a-z][a-z0-9_]{0,39}$/;
const idSchema = z.string().regex(idPattern, '编号应以小写字母开头，只含小写字母、数字和下划线，不超过 40 个字符');
const nameSchema = (label: string) => z.string().trim().min(1, `${label}不能为空`).max(40, `${label}不能超过 40 个字符`);
const finite = z.number().refine(Number.isFinite, '应为有限数值');
const hundredths = (label: string) =>
  finite.refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, `${label}最多保留两位小数`);

/** What an indicator scores when its metric has no cases (a rate whose denominator is 0). */
export const NO_CASES_POLICIES = ['full', 'neutral', 'zero'] as const;
export type NoCasesPolicy = (typeof NO_CASES_POLICIES)[number];
export const NO_CASES_POLICY_LABELS: Record<NoCasesPolicy, string> = {
  full: '按满分计',
  neutral: '不奖不罚（按中性处理）',
  zero: '不得分',
};

/** points = rate × weight. */
export const ratioRuleSchema = z.strictObject({
  type: z.literal('ratio'),
  whenNoCases: z.enum(NO_CASES_POLICIES).default('neutral'),
});

export const bandSchema = z.strictObject({
  /** in the metric's unit: a fraction 0–1 for rates (0.95 = 95%), a number for counts */
  threshold: finite.nonnegative('阈值不能为负数'),
  /** points, or a fraction of the weight, as the rule's `award` says */
  award: finite.nonnegative('得分不能为负数'),
});

/**
 * Threshold bands, listed from the best band to the worst: for a metric where higher is better a band applies when
 * the value is at least its threshold; where lower is better, when the value is at most its threshold. The first
 * band that applies gives its award; none → `otherwise`.
 */
export const bandsRuleSchema = z.strictObject({
  type: z.literal('bands'),
  award: z.enum(['points', 'fraction']),
  bands: z.array(bandSchema).min(1, '至少设置一个分档'),
  otherwise: finite.nonnegative('未达档得分不能为负数').default(0),
  whenNoCases: z.enum(NO_CASES_POLICIES).default('neutral'),
});

const VIOLATION_TYPE_KEYS = VIOLATION_TYPES.map(String) as [`${(typeof VIOLATION_TYPES)[number]}`, ...`${(typeof VIOLATION_TYPES)[number]}`[]];

/** points = weight − min(cap, Σ events × points per event); per-type amounts only for the violations metric. */
export const deductionRuleSchema = z.strictObject({
  type: z.literal('deduction'),
  perEvent: hundredths('每次扣分').refine((x) => x >= 0, '每次扣分不能为负数'),
  perType: z.partialRecord(z.enum(VIOLATION_TYPE_KEYS), hundredths('按类型扣分').refine((x) => x >= 0, '按类型扣分不能为负数')).optional(),
  /** the most the rule may deduct; null = up to the weight */
  cap: hundredths('扣分上限').nullable().default(null),
});

export const scoringRuleSchema = z.discriminatedUnion('type', [ratioRuleSchema, bandsRuleSchema, deductionRuleSchema], {
  error: '计分规则应为 ratio（比例）、bands（分档）或 deduction（扣分）之一',
});

export const categorySchema = z.strictObject({ id: idSchema, name: nameSchema('分类名称') });

export const indicatorSchema = z.strictObject({
  id: idSchema,
  category: idSchema,
  name: nameSchema('指标名称'),
  weight: hundredths('权重').refine((x) => x > 0, '权重应大于 0'),
  /** a metric id of the registry (METRICS) */
  metric: z.string().min(1, '须指定度量'),
  rule: scoringRuleSchema,
  description: z.string().trim().max(500, '说明不能超过 500 个字符').optional(),
});

/** Minimum totals of the grades above 不合格 (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60 by default). */
export const gradeThresholdsSchema = z.strictObject({
  excellent: finite,
  good: finite,
  pass: finite,
});

/**
 * How an indicator that cannot be measured scores (its source is missing, or it has no cases under a `neutral`
 * policy): `proportional` gives it the department's average rate over the measured indicators, so it neither
 * raises nor lowers the total's rate (the total equals the measured points scaled to 100); `full` gives full points.
 */
export const NEUTRAL_POLICIES = ['proportional', 'full'] as const;
export type NeutralPolicy = (typeof NEUTRAL_POLICIES)[number];

/** 第三十二条: who is listed for suspension of new projects and O&M funds. */
export const suspensionCriterionSchema = z.strictObject({
  /** a 不合格 grade counts as not taking part */
  failingGrade: z.boolean().default(true),
  /** no published catalog at the statistics day */
  noPublishedCatalog: z.boolean().default(true),
  /** this many share requests overdue and still unanswered; null = not a criterion */
  unansweredRequestsAtLeast: z.number().int().positive('未答复件数门槛应为正整数').nullable().default(1),
});

export const assessmentSchemeSchema = z.strictObject({
  year: z.number().int('年度应为整数').min(2022, '年度不能早于 2022 年（办法施行之年）').max(2100, '年度无效'),
  name: z.string().trim().min(1, '方案名称不能为空').max(80, '方案名称不能超过 80 个字符'),
  categories: z.array(categorySchema).min(1, '至少设置一个一级指标'),
  indicators: z.array(indicatorSchema).min(1, '至少设置一个指标'),
  grades: gradeThresholdsSchema.default({ excellent: 90, good: 80, pass: 60 }),
  neutralPolicy: z.enum(NEUTRAL_POLICIES).default('proportional'),
  suspension: suspensionCriterionSchema.default({ failingGrade: true, noPublishedCatalog: true, unansweredRequestsAtLeast: 1 }),
});

export type RatioRule = z.infer<typeof ratioRuleSchema>;
export type BandsRule = z.infer<typeof bandsRuleSchema>;
export type Band = z.infer<typeof bandSchema>;
export type DeductionRule = z.infer<typeof deductionRuleSchema>;
export type ScoringRule = z.infer<typeof scoringRuleSchema>;
export type SchemeCategory = z.infer<typeof categorySchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type GradeThresholds = z.infer<typeof gradeThresholdsSchema>;
export type SuspensionCriterion = z.infer<typeof suspensionCriterionSchema>;
export type AssessmentScheme = z.infer<typeof assessmentSchemeSchema>;
/** A scheme as written (defaults not yet applied), e.g. a request body. */
export type AssessmentSchemeInput = z.input<typeof assessmentSchemeSchema>;

/** 考核等级. */
export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** The grade of a total: the highest grade whose threshold it reaches; below 合格 is 不合格. */
export function gradeOf(total: number, thresholds: GradeThresholds): Grade {
  if (total >= thresholds.excellent) return 'excellent';
  if (total >= thresholds.good) return 'good';
  if (total >= thresholds.pass) return 'pass';
  return 'fail';
}
