import { VIOLATION_TYPES, VIOLATION_TYPE_SPECS } from '@govdata/domain';
import { FACT_SPECS } from './facts';
import type { MetricDefinition, MetricValue } from './metrics';
import { formatAmount, formatPercent, formatPoints } from './numbers';
import type { NeutralReason, ScoreDetail } from './rules';
import type { DeductionRule, NeutralPolicy, ScoringRule } from './scheme';

/**
 * The Chinese sentence that accompanies every indicator's points: the facts read, the rule applied and the result,
 * e.g. “应答复 48 件，5 个工作日内答复 45 件，按时率 93.75%，得 23.44 分（满分 25）”. Published with the results
 * (第三十条 接受社会监督), so it names numbers, never internal ids.
 */
export function explainScored(metric: MetricDefinition, value: MetricValue, rule: ScoringRule, detail: ScoreDetail, points: number, weight: number): string {
  const result = `得 ${formatPoints(points)} 分（满分 ${formatAmount(weight)}）`;
  switch (detail.rule) {
    case 'ratio':
      return `${describeValue(metric, value, rule)}，${result}`;
    case 'no_cases':
      return `${describeValue(metric, value, rule)}，无计分事项，${detail.policy === 'full' ? '按满分计' : '不得分'}，${result}`;
    case 'bands': {
      const reached = detail.band
        ? `达到“${bandLabel(metric, detail.band.threshold)}”档`
        : `未达到最低档（${bandLabel(metric, lastThreshold(rule))}）`;
      return `${describeValue(metric, value, rule)}，${reached}，${result}`;
    }
    case 'deduction': {
      if (detail.gross === 0) return `${describeValue(metric, value, rule)}，不扣分，${result}`;
      const deducted = detail.capped
        ? `合计应扣 ${formatPoints(detail.gross)} 分，扣分以 ${formatAmount(detail.deducted)} 分为限`
        : `扣 ${formatPoints(detail.deducted)} 分`;
      return `${describeValue(metric, value, rule)}，${deducted}，${result}`;
    }
  }
}

/** The sentence of an indicator that could not be measured and was scored by the scheme's neutral policy. */
export function explainNeutral(
  metric: MetricDefinition,
  value: MetricValue,
  rule: ScoringRule,
  reason: NeutralReason,
  policy: NeutralPolicy,
  rate: number | null,
  points: number,
  weight: number,
): string {
  const cause =
    reason === 'source_missing'
      ? `数据来源（${missingSources(metric, value)}）尚未建立`
      : `${describeValue(metric, value, rule)}，无计分事项`;
  const result = `计 ${formatPoints(points)} 分（满分 ${formatAmount(weight)}）`;
  if (policy === 'full') return `${cause}，本项不奖不罚，按满分${result}`;
  if (rate === null) return `${cause}，本项不奖不罚；其余指标也均无法计分，按满分${result}`;
  return `${cause}，本项不奖不罚，按其余指标平均得分率 ${formatPercent(rate)} 折算，${result}`;
}

/** The facts of a metric in words: counts with their units, then the rate of a ratio. */
export function describeValue(metric: MetricDefinition, value: MetricValue, rule?: ScoringRule): string {
  switch (value.kind) {
    case 'ratio': {
      if (metric.kind !== 'ratio') break;
      const d = value.denominator ?? 0;
      const head = `${metric.denominatorPhrase} ${d} ${metric.itemUnit}`;
      if (value.rate === null) return head;
      return `${head}，${metric.numeratorPhrase} ${value.numerator} ${metric.itemUnit}，${metric.rateName} ${formatPercent(value.rate)}`;
    }
    case 'count': {
      if (metric.kind !== 'count') break;
      const main = `${metric.phrase} ${value.count ?? 0} ${metric.itemUnit}`;
      const perEvent = rule?.type === 'deduction' && (value.count ?? 0) > 0 ? `，每${metric.itemUnit}扣 ${formatAmount(rule.perEvent)} 分` : '';
      if (metric.context && value.context !== null) return `${metric.context.phrase} ${value.context} ${metric.itemUnit}，其中${main}${perEvent}`;
      return `${main}${perEvent}`;
    }
    case 'violations': {
      if (metric.kind !== 'violations') break;
      const byType = value.byType;
      if (!byType || value.count === 0) return `${metric.phrase} 0 ${metric.itemUnit}`;
      const deduction = rule?.type === 'deduction' ? rule : null;
      const parts = VIOLATION_TYPES.filter((t) => byType[t] > 0).map((t) => {
        const amount = deduction ? ` × ${formatAmount(perTypeAmount(deduction, t))} 分` : '';
        return `类型${VIOLATION_TYPE_SPECS[t].numeral}“${VIOLATION_TYPE_SPECS[t].short}”${byType[t]} ${metric.itemUnit}${amount}`;
      });
      return `${metric.phrase} ${value.count} ${metric.itemUnit}：${parts.join('、')}`;
    }
  }
  return metric.label;
}

function perTypeAmount(rule: DeductionRule, type: number): number {
  return rule.perType?.[`${type}` as keyof NonNullable<DeductionRule['perType']>] ?? rule.perEvent;
}

function missingSources(metric: MetricDefinition, value: MetricValue): string {
  if (value.kind === 'violations') return '违规记录';
  return value.missingFacts.map((k) => FACT_SPECS[k].label).join('、') || metric.label;
}

function bandLabel(metric: MetricDefinition, threshold: number): string {
  const op = metric.direction === 'higher' ? '≥' : '≤';
  if (metric.kind === 'ratio') return `${op} ${formatPercent(threshold)}`;
  return `${op} ${formatAmount(threshold)} ${metric.itemUnit}`;
}

function lastThreshold(rule: ScoringRule): number {
  return rule.type === 'bands' ? rule.bands[rule.bands.length - 1].threshold : 0;
}

/**
 * How an indicator scores, in words, for the read-only view of a scheme (issue 14, defect 9) — a leader or a
 * department reads the rule, never its fields: “比例计分：得分 = 25 分 × 完整率；无计分事项时不奖不罚”,
 * “分档：≥ 95.00% 得 25 分；≥ 90.00% 得 20 分；未达档得 0 分”, “每件扣 2 分，最多扣 10 分”.
 */
export function describeRule(metric: MetricDefinition, rule: ScoringRule, weight: number): string {
  const noCases = (policy: string) => `；无计分事项时${policy === 'full' ? '按满分计' : policy === 'zero' ? '不得分' : '不奖不罚'}`;
  switch (rule.type) {
    case 'ratio': {
      const rate = metric.kind === 'ratio' ? metric.rateName : metric.label;
      return `比例计分：得分 = ${formatAmount(weight)} 分 × ${rate}${noCases(rule.whenNoCases)}`;
    }
    case 'bands': {
      const points = (award: number) => formatAmount(rule.award === 'fraction' ? award * weight : award);
      const bands = rule.bands.map((b) => `${bandLabel(metric, b.threshold)} 得 ${points(b.award)} 分`).join('；');
      return `分档：${bands}；未达档得 ${points(rule.otherwise)} 分${noCases(rule.whenNoCases)}`;
    }
    case 'deduction': {
      const unit = metric.kind === 'ratio' ? '次' : metric.itemUnit;
      const perType = Object.entries(rule.perType ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([t, v]) => `类型${VIOLATION_TYPE_SPECS[Number(t) as (typeof VIOLATION_TYPES)[number]].numeral} ${formatAmount(v as number)} 分`);
      return `每${unit}扣 ${formatAmount(rule.perEvent)} 分${perType.length ? `（${perType.join('、')}）` : ''}，最多扣 ${formatAmount(rule.cap ?? weight)} 分`;
    }
  }
}
