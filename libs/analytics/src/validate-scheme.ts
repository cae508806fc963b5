import { ValidationError, type FieldIssue } from '@govdata/domain';
import { METRICS, isMetricId, type MetricDefinition } from './metrics';
import { formatAmount, inHundredths } from './numbers';
import { assessmentSchemeSchema, type AssessmentScheme, type Indicator } from './scheme';

/**
 * Everything wrong with a scheme, as Chinese messages a bureau admin can act on; empty when the scheme may be used
 * to score (第三十一条 考核评估方案). Accepts anything: a shape error is reported with its field path, and the
 * semantic checks run once the shape is right.
 */
export function validateScheme(input: unknown): string[] {
  return schemeIssues(input).map((i) => (i.path ? `${i.path}：${i.message}` : i.message));
}

/** Parses and checks a scheme, throwing a {@link ValidationError} (400) that lists every problem. */
export function parseScheme(input: unknown): AssessmentScheme {
  const issues = schemeIssues(input);
  if (issues.length > 0) throw new ValidationError(`考核方案有 ${issues.length} 处问题：${issues[0].message}`, issues, 'assessment.scheme_invalid');
  return assessmentSchemeSchema.parse(input);
}

function schemeIssues(input: unknown): FieldIssue[] {
  const parsed = assessmentSchemeSchema.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return semanticIssues(parsed.data);
}

function semanticIssues(scheme: AssessmentScheme): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const totalHundredths = scheme.indicators.reduce((a, i) => a + inHundredths(i.weight), 0);
  if (totalHundredths !== 10000) add('indicators', `各指标权重之和应为 100 分，当前为 ${formatAmount(totalHundredths / 100)} 分`);

  for (const id of duplicates(scheme.categories.map((c) => c.id))) add('categories', `一级指标编号“${id}”重复`);
  for (const id of duplicates(scheme.indicators.map((i) => i.id))) add('indicators', `指标编号“${id}”重复`);

  const categoryIds = new Set(scheme.categories.map((c) => c.id));
  for (const c of scheme.categories) {
    if (!scheme.indicators.some((i) => i.category === c.id)) add('categories', `一级指标“${c.name}”下没有任何指标`);
  }

  scheme.indicators.forEach((indicator, index) => {
    const at = `indicators.${index}`;
    if (!categoryIds.has(indicator.category)) add(`${at}.category`, `指标“${indicator.name}”所属的一级指标“${indicator.category}”不存在`);
    if (!isMetricId(indicator.metric)) {
      add(`${at}.metric`, `指标“${indicator.name}”引用了未知的度量“${indicator.metric}”`);
      return;
    }
    for (const message of ruleIssues(indicator, METRICS[indicator.metric])) add(`${at}.rule`, message);
  });

  const g = scheme.grades;
  if (!(g.excellent <= 100 && g.excellent > g.good && g.good > g.pass && g.pass > 0)) {
    add('grades', `等级分数线应满足 100 ≥ 优秀 > 良好 > 合格 > 0，当前为 优秀 ${g.excellent}、良好 ${g.good}、合格 ${g.pass}`);
  }
  return issues;
}

/** Does the rule fit the metric, and is it well-formed? */
function ruleIssues(indicator: Indicator, metric: MetricDefinition): string[] {
  const { rule, name, weight } = indicator;
  const out: string[] = [];
  switch (rule.type) {
    case 'ratio':
      if (metric.kind !== 'ratio') out.push(`指标“${name}”：比例计分只能用于比率类度量，“${metric.label}”不是比率`);
      break;
    case 'bands': {
      const max = rule.award === 'fraction' ? 1 : weight;
      const unitName = rule.award === 'fraction' ? '1（满分比例）' : `权重 ${formatAmount(weight)} 分`;
      if (metric.kind === 'ratio' && rule.bands.some((b) => b.threshold > 1)) {
        out.push(`指标“${name}”：比率类度量的分档阈值应在 0 到 1 之间（0.95 表示 95%）`);
      }
      const thresholds = rule.bands.map((b) => b.threshold);
      const ordered = metric.direction === 'higher' ? strictlyDecreasing(thresholds) : strictlyIncreasing(thresholds);
      if (!ordered) {
        out.push(
          metric.direction === 'higher'
            ? `指标“${name}”：分档应从最好的一档排起，阈值由高到低严格递减`
            : `指标“${name}”：分档应从最好的一档排起，阈值由低到高严格递增（“${metric.label}”越少越好）`,
        );
      }
      const awards = [...rule.bands.map((b) => b.award), rule.otherwise];
      if (!nonIncreasing(awards)) out.push(`指标“${name}”：分档得分应随档次降低而不增（未达档得分也不能高于最后一档）`);
      if (awards.some((a) => a > max)) out.push(`指标“${name}”：分档得分不能超过${unitName}`);
      break;
    }
    case 'deduction':
      if (metric.kind === 'ratio') out.push(`指标“${name}”：扣分规则只能用于计数类度量，“${metric.label}”是比率`);
      if (metric.direction !== 'lower') out.push(`指标“${name}”：扣分规则只能用于越少越好的度量，“${metric.label}”越多越好`);
      if (rule.perType && Object.keys(rule.perType).length > 0 && metric.kind !== 'violations') {
        out.push(`指标“${name}”：按违规类型扣分只能用于违规度量`);
      }
      if (rule.cap !== null && !(rule.cap > 0 && rule.cap <= weight)) {
        out.push(`指标“${name}”：扣分上限应大于 0 且不超过权重 ${formatAmount(weight)} 分`);
      }
      break;
  }
  return out;
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

const strictlyDecreasing = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x < xs[i - 1]);
const strictlyIncreasing = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);
const nonIncreasing = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x <= xs[i - 1]);
