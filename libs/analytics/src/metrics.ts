import { periodText, VIOLATION_TYPES, type DeadlineKind, type DeadlineState, type ViolationStatus, type ViolationType } from '@govdata/domain';
import { COUNTED_VIOLATION_STATUSES, FACT_SPECS, type DepartmentYearFacts, type FactKey, type ViolationCounts } from './facts';

/**
 * The records behind a metric, named so that the API can list them later ("the late replies" behind a lost point).
 * Each descriptor is read within the same department, year and window as the facts (see facts.ts).
 */
export type DrillDown =
  | { kind: 'deadline'; deadlineKind: DeadlineKind; states: readonly DeadlineState[] }
  | { kind: 'catalog_entry'; filter: CatalogEntryFilter }
  | { kind: 'share_request'; filter: 'rejected' | 'rejected_without_basis' | 'unanswered' }
  | { kind: 'correction_feedback'; filter: 'error_confirmed' }
  | { kind: 'violation'; statuses: readonly ViolationStatus[] }
  | { kind: 'open_dataset'; filter: 'open' | 'unused' }
  | { kind: 'call_record'; filter: 'served' | 'made' };

export type CatalogEntryFilter =
  | 'published'
  | 'metadata_incomplete'
  | 'with_cycle'
  | 'stale'
  | 'not_shared'
  | 'not_open';

/** Whether a larger value is better (rates, entries) or worse (events such as violations). */
export type MetricDirection = 'higher' | 'lower';

interface MetricBase {
  label: string;
  /** the unit of the value: % for rates, the counted thing's unit for counts */
  unit: string;
  /** the article(s) of 朔政办发〔2022〕14号 the metric rests on */
  article: string;
  direction: MetricDirection;
  /** the records that cost points */
  drillDown: DrillDown;
  /** every record counted (the denominator, or the events themselves) */
  population: DrillDown;
}

/** A rate: the sum of the numerator facts over the denominator fact, shown in %. */
export interface RatioMetric extends MetricBase {
  kind: 'ratio';
  numerator: readonly FactKey[];
  denominator: FactKey;
  denominatorPhrase: string;
  numeratorPhrase: string;
  itemUnit: string;
  rateName: string;
}

/** A number of records or events. `context` names a larger count the explanation mentions first. */
export interface CountMetric extends MetricBase {
  kind: 'count';
  fact: FactKey;
  phrase: string;
  itemUnit: string;
  context?: { fact: FactKey; phrase: string };
}

/** Confirmed violations of 第三十三条, by type — the only metric a per-type deduction can read. */
export interface ViolationMetric extends MetricBase {
  kind: 'violations';
  phrase: string;
  itemUnit: string;
}

export type MetricDefinition = RatioMetric | CountMetric | ViolationMetric;

const late = (deadlineKind: DeadlineKind) =>
  ({ kind: 'deadline', deadlineKind, states: ['missed', 'overdue'] }) as const satisfies DrillDown;
const dueOf = (deadlineKind: DeadlineKind) =>
  ({ kind: 'deadline', deadlineKind, states: ['met', 'missed', 'overdue'] }) as const satisfies DrillDown;

/** The metric registry: every metric an indicator may read. A scheme naming any other id fails validation. */
export const METRICS = {
  catalog_metadata_complete_rate: {
    kind: 'ratio',
    unit: '%',
    label: '目录必填要素完整率',
    article: '第六条、第十一条',
    direction: 'higher',
    numerator: ['catalogEntriesMetadataComplete'],
    denominator: 'catalogEntriesPublished',
    denominatorPhrase: '已发布目录条目',
    numeratorPhrase: '必填要素完整',
    itemUnit: '条',
    rateName: '完整率',
    drillDown: { kind: 'catalog_entry', filter: 'metadata_incomplete' },
    population: { kind: 'catalog_entry', filter: 'published' },
  },
  catalog_update_on_time_rate: {
    kind: 'ratio',
    unit: '%',
    label: '目录更新及时率',
    article: '第七条',
    direction: 'higher',
    numerator: ['catalogUpdatesMet'],
    denominator: 'catalogUpdatesDue',
    denominatorPhrase: '应更新目录事项',
    numeratorPhrase: `${periodText('catalog_update')}内完成更新`,
    itemUnit: '件',
    rateName: '及时率',
    drillDown: late('catalog_update'),
    population: dueOf('catalog_update'),
  },
  catalog_published_entries: {
    kind: 'count',
    unit: '条',
    label: '已发布目录条目数',
    article: '第六条、第八条',
    direction: 'higher',
    fact: 'catalogEntriesPublished',
    phrase: '已发布目录条目',
    itemUnit: '条',
    drillDown: { kind: 'catalog_entry', filter: 'published' },
    population: { kind: 'catalog_entry', filter: 'published' },
  },
  provider_reply_on_time_rate: {
    kind: 'ratio',
    unit: '%',
    label: '共享申请按时答复率',
    article: '第十五条第（二）项',
    direction: 'higher',
    numerator: ['providerRepliesMet'],
    denominator: 'providerRepliesDue',
    denominatorPhrase: '应答复',
    numeratorPhrase: `${periodText('provider_reply')}内答复`,
    itemUnit: '件',
    rateName: '按时率',
    drillDown: late('provider_reply'),
    population: dueOf('provider_reply'),
  },
  share_rejections_without_basis: {
    kind: 'count',
    unit: '件',
    label: '无充分依据驳回共享申请',
    article: '第十六条第（二）项',
    direction: 'lower',
    fact: 'shareRejectionsWithoutBasis',
    phrase: '无充分依据驳回',
    itemUnit: '件',
    context: { fact: 'shareRejections', phrase: '驳回共享申请' },
    drillDown: { kind: 'share_request', filter: 'rejected_without_basis' },
    population: { kind: 'share_request', filter: 'rejected' },
  },
  provider_replies_unanswered: {
    kind: 'count',
    unit: '件',
    label: '逾期未答复共享申请',
    article: '第十五条第（二）项、第三十二条',
    direction: 'lower',
    fact: 'providerRepliesUnanswered',
    phrase: '逾期未答复',
    itemUnit: '件',
    drillDown: { kind: 'share_request', filter: 'unanswered' },
    population: { kind: 'share_request', filter: 'unanswered' },
  },
  correction_on_time_rate: {
    kind: 'ratio',
    unit: '%',
    label: '纠错反馈按时更正率',
    article: '第十七条',
    direction: 'higher',
    numerator: ['correctionsMet'],
    denominator: 'correctionsDue',
    denominatorPhrase: '应校核更正的纠错反馈',
    numeratorPhrase: `${periodText('correction_feedback')}内校核更正`,
    itemUnit: '件',
    rateName: '按时率',
    drillDown: late('correction_feedback'),
    population: dueOf('correction_feedback'),
  },
  confirmed_data_errors: {
    kind: 'count',
    unit: '件',
    label: '经核实的数据错误',
    article: '第十七条',
    direction: 'lower',
    fact: 'confirmedDataErrors',
    phrase: '经核实的数据错误',
    itemUnit: '件',
    drillDown: { kind: 'correction_feedback', filter: 'error_confirmed' },
    population: { kind: 'correction_feedback', filter: 'error_confirmed' },
  },
  update_cycle_compliance_rate: {
    kind: 'ratio',
    unit: '%',
    label: '数据按周期更新率',
    article: '第十九条、第三十三条第（五）项',
    direction: 'higher',
    numerator: ['entriesWithinCycle'],
    denominator: 'entriesWithCycle',
    denominatorPhrase: '声明更新周期的已发布条目',
    numeratorPhrase: '按周期更新',
    itemUnit: '条',
    rateName: '按周期更新率',
    drillDown: { kind: 'catalog_entry', filter: 'stale' },
    population: { kind: 'catalog_entry', filter: 'with_cycle' },
  },
  open_entries_rate: {
    kind: 'ratio',
    unit: '%',
    label: '数据开放率',
    article: '第二十三条',
    direction: 'higher',
    numerator: ['entriesOpenUnconditional', 'entriesOpenOnApplication'],
    denominator: 'catalogEntriesPublished',
    denominatorPhrase: '已发布目录条目',
    numeratorPhrase: '无条件开放或依申请开放',
    itemUnit: '条',
    rateName: '开放率',
    drillDown: { kind: 'catalog_entry', filter: 'not_open' },
    population: { kind: 'catalog_entry', filter: 'published' },
  },
  open_application_on_time_rate: {
    kind: 'ratio',
    unit: '%',
    label: '开放申请按时答复率',
    article: '第二十四条',
    direction: 'higher',
    numerator: ['openApplicationsMet'],
    denominator: 'openApplicationsDue',
    denominatorPhrase: '应答复开放申请',
    numeratorPhrase: `${periodText('open_application')}内答复`,
    itemUnit: '件',
    rateName: '按时率',
    drillDown: late('open_application'),
    population: dueOf('open_application'),
  },
  shared_calls_served: {
    kind: 'count',
    unit: '次',
    label: '共享数据调用量',
    article: '第十六条第（四）项',
    direction: 'higher',
    fact: 'sharedCallsServed',
    phrase: '经共享网关被成功调用',
    itemUnit: '次',
    drillDown: { kind: 'call_record', filter: 'served' },
    population: { kind: 'call_record', filter: 'served' },
  },
  shared_calls_made: {
    kind: 'count',
    unit: '次',
    label: '本部门系统共享调用量',
    article: '第十六条第（四）项',
    direction: 'higher',
    fact: 'sharedCallsMade',
    phrase: '本部门接入系统经共享网关成功调用',
    itemUnit: '次',
    drillDown: { kind: 'call_record', filter: 'made' },
    population: { kind: 'call_record', filter: 'made' },
  },
  open_data_use_rate: {
    kind: 'ratio',
    unit: '%',
    label: '开放数据利用率',
    article: '第二十二条、第二十五条',
    direction: 'higher',
    numerator: ['openDatasetsUsed'],
    denominator: 'openDatasets',
    denominatorPhrase: '开放数据集',
    numeratorPhrase: '年度内有下载或接口调用',
    itemUnit: '个',
    rateName: '利用率',
    drillDown: { kind: 'open_dataset', filter: 'unused' },
    population: { kind: 'open_dataset', filter: 'open' },
  },
  share_rate: {
    kind: 'ratio',
    unit: '%',
    label: '数据共享率',
    article: '第十三条、第十四条第（一）项',
    direction: 'higher',
    numerator: ['entriesShareUnconditional', 'entriesShareConditional'],
    denominator: 'catalogEntriesPublished',
    denominatorPhrase: '已发布目录条目',
    numeratorPhrase: '无条件共享或有条件共享',
    itemUnit: '条',
    rateName: '共享率',
    drillDown: { kind: 'catalog_entry', filter: 'not_shared' },
    population: { kind: 'catalog_entry', filter: 'published' },
  },
  violations_confirmed: {
    kind: 'violations',
    unit: '起',
    label: '确认的违规行为',
    article: '第三十三条',
    direction: 'lower',
    phrase: '确认违规',
    itemUnit: '起',
    drillDown: { kind: 'violation', statuses: COUNTED_VIOLATION_STATUSES },
    population: { kind: 'violation', statuses: COUNTED_VIOLATION_STATUSES },
  },
  notice_rectification_on_time_rate: {
    kind: 'ratio',
    unit: '%',
    label: '书面通报按期整改率',
    article: '第三十三条',
    direction: 'higher',
    numerator: ['noticeRectificationsMet'],
    denominator: 'noticeRectificationsDue',
    denominatorPhrase: '应限期整改的书面通报',
    numeratorPhrase: '按期整改',
    itemUnit: '件',
    rateName: '按期整改率',
    drillDown: late('notice_rectification'),
    population: dueOf('notice_rectification'),
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as MetricId[];

export function isMetricId(id: string): id is MetricId {
  return Object.hasOwn(METRICS, id);
}

export function metricDefinition(id: MetricId): MetricDefinition {
  return METRICS[id];
}

/** A metric read from one department's facts. `missingFacts` is non-empty exactly when a source does not exist. */
export type MetricValue =
  | { kind: 'ratio'; numerator: number | null; denominator: number | null; rate: number | null; missingFacts: FactKey[] }
  | { kind: 'count'; count: number | null; context: number | null; missingFacts: FactKey[] }
  | { kind: 'violations'; count: number | null; byType: ViolationCounts | null; missingFacts: FactKey[] };

/**
 * Reads a metric. A ratio's rate is null when a fact is missing or the denominator is 0 (no cases: the rule's
 * `whenNoCases` decides). A violations metric lists no missing fact key: its source is `violationsByType`.
 */
export function computeMetric(metric: MetricDefinition, facts: DepartmentYearFacts): MetricValue {
  const v = facts.values;
  switch (metric.kind) {
    case 'ratio': {
      const keys = [metric.denominator, ...metric.numerator];
      const missingFacts = keys.filter((k) => v[k] === null);
      if (missingFacts.length > 0) {
        return { kind: 'ratio', numerator: sumOrNull(metric.numerator.map((k) => v[k])), denominator: v[metric.denominator], rate: null, missingFacts };
      }
      const numerator = metric.numerator.reduce((a, k) => a + (v[k] ?? 0), 0);
      const denominator = v[metric.denominator] ?? 0;
      const rate = denominator > 0 ? Math.min(1, numerator / denominator) : null;
      return { kind: 'ratio', numerator, denominator, rate, missingFacts };
    }
    case 'count': {
      // a missing context only shortens the explanation; the count alone decides whether the metric can be read
      return {
        kind: 'count',
        count: v[metric.fact],
        context: metric.context ? v[metric.context.fact] : null,
        missingFacts: v[metric.fact] === null ? [metric.fact] : [],
      };
    }
    case 'violations': {
      const byType = facts.violationsByType;
      const count = byType ? VIOLATION_TYPES.reduce((a, t: ViolationType) => a + byType[t], 0) : null;
      return { kind: 'violations', count, byType: byType ? { ...byType } : null, missingFacts: [] };
    }
  }
}

/** The formula in words, for the scheme editor and the published scheme: “5 个工作日内答复的共享申请 ÷ 应答复共享申请”. */
export function metricFormula(metric: MetricDefinition): string {
  switch (metric.kind) {
    case 'ratio': {
      const sum = metric.numerator.map((k) => FACT_SPECS[k].label).join(' + ');
      return `${metric.numerator.length > 1 ? `（${sum}）` : sum} ÷ ${FACT_SPECS[metric.denominator].label}`;
    }
    case 'count':
      return FACT_SPECS[metric.fact].label;
    case 'violations':
      return '年度内确认的违规行为（第三十三条第（一）至（九）项），按类型计数';
  }
}

/** True when the metric cannot be read because a source does not exist yet. */
export function isSourceMissing(value: MetricValue): boolean {
  return value.kind === 'violations' ? value.byType === null : value.missingFacts.length > 0;
}

function sumOrNull(values: ReadonlyArray<number | null>): number | null {
  return values.some((x) => x === null) ? null : values.reduce<number>((a, b) => a + (b ?? 0), 0);
}
