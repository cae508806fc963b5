import { z } from 'zod';
import { periodText, VIOLATION_TYPES, type DeadlineKind, type ViolationStatus, type ViolationType } from '@govdata/domain';

/**
 * The facts contract: everything the assessment reads about one department in one year, as plain counts. The SQL
 * layer (libs/assessment) produces one {@link DepartmentYearFacts} per department with GROUP BY queries; the scoring never
 * sees a record. A fact is `null` when its source does not exist on the platform yet (the area is not built, or
 * holds no data for the year at all): the indicators reading it then score neutrally and their explanation says so.
 * A count of zero is a fact, not a missing one.
 *
 * Counting window (年度考核, 第三十条): a deadline fact counts the deadlines of its kind, responsible department = this
 * department, whose due date (Asia/Shanghai) falls in the year and which have run their course by the computation:
 * `met` + `missed` + `overdue` (an `open` row whose due instant has passed counts as overdue even if the sweep has
 * not flagged it yet); still-running and `cancelled` ones are left out. "On time" is `met` only. Catalog facts are a
 * snapshot of the department's catalog at {@link DepartmentYearFacts.asOf}.
 */
export const FACT_KEYS = [
  'catalogEntries',
  'catalogEntriesPublished',
  'catalogEntriesMetadataComplete',
  'catalogUpdatesDue',
  'catalogUpdatesMet',
  'providerRepliesDue',
  'providerRepliesMet',
  'providerRepliesUnanswered',
  'shareRejections',
  'shareRejectionsWithoutBasis',
  'correctionsDue',
  'correctionsMet',
  'confirmedDataErrors',
  'entriesWithCycle',
  'entriesWithinCycle',
  'entriesShareUnconditional',
  'entriesShareConditional',
  'entriesOpenUnconditional',
  'entriesOpenOnApplication',
  'openApplicationsDue',
  'openApplicationsMet',
  'noticeRectificationsDue',
  'noticeRectificationsMet',
  'openDatasets',
  'openDatasetsUsed',
  'sharedCallsServed',
  'sharedCallsMade',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export interface FactSpec {
  /** Chinese label used in explanations ("数据来源（…）尚未建立") */
  label: string;
  unit: string;
  article: string;
  /** what the SQL layer counts, precisely (Chinese, shown in docs and tooltips) */
  definition: string;
}

export const FACT_SPECS: Record<FactKey, FactSpec> = {
  catalogEntries: { label: '目录条目数', unit: '条', article: '第六条', definition: '截至统计日本部门目录中未下线的条目（含草稿）' },
  catalogEntriesPublished: { label: '已发布目录条目数', unit: '条', article: '第六条、第八条', definition: '截至统计日处于已发布（含下线过渡期）状态的条目' },
  catalogEntriesMetadataComplete: { label: '必填要素完整的已发布条目数', unit: '条', article: '第六条、第十一条', definition: '已发布条目中 REQUIRED_METADATA 所列要素全部填写的条目' },
  catalogUpdatesDue: { label: '应更新目录事项', unit: '件', article: '第七条', definition: '到期日在年度内、已到期或已办结的目录更新期限（catalog_update）' },
  catalogUpdatesMet: { label: `${periodText('catalog_update')}内更新的目录事项`, unit: '件', article: '第七条', definition: '上述期限中状态为按时完成（met）的' },
  providerRepliesDue: { label: '应答复共享申请', unit: '件', article: '第十五条第（二）项', definition: '到期日在年度内、已到期或已办结的提供部门答复期限（provider_reply）' },
  providerRepliesMet: { label: `${periodText('provider_reply')}内答复的共享申请`, unit: '件', article: '第十五条第（二）项', definition: '上述期限中状态为按时完成（met）的' },
  providerRepliesUnanswered: { label: '逾期未答复的共享申请', unit: '件', article: '第三十二条', definition: '计算时仍未答复且已过答复期限的提供部门答复期限，不论到期年度' },
  shareRejections: { label: '驳回的共享申请', unit: '件', article: '第十六条第（二）项', definition: '年度内由提供部门（或其授权代理方）驳回的共享申请' },
  shareRejectionsWithoutBasis: { label: '无充分依据驳回的共享申请', unit: '件', article: '第十六条第（二）项', definition: '上述驳回中未提供依据、或经协调认定应予共享的' },
  correctionsDue: { label: '应校核更正的纠错反馈', unit: '件', article: '第十七条', definition: '到期日在年度内、已到期或已办结的纠错校核期限（correction_feedback）' },
  correctionsMet: { label: `${periodText('correction_feedback')}内校核更正的纠错反馈`, unit: '件', article: '第十七条', definition: '上述期限中状态为按时完成（met）的' },
  confirmedDataErrors: { label: '经核实的数据错误', unit: '件', article: '第十七条', definition: '年度内收到、经提供部门校核确认数据确有错误的纠错反馈' },
  entriesWithCycle: { label: '声明更新周期的已发布条目', unit: '条', article: '第十九条', definition: '已发布条目中更新周期不是“不定期”的' },
  entriesWithinCycle: { label: '按周期更新的条目', unit: '条', article: '第十九条、第三十三条第（五）项', definition: '上述条目中截至统计日最近一次数据更新仍在周期（含宽限期）内的，口径与目录时效检查任务相同' },
  entriesShareUnconditional: { label: '无条件共享条目', unit: '条', article: '第十三条', definition: '已发布条目中共享类型为无条件共享的' },
  entriesShareConditional: { label: '有条件共享条目', unit: '条', article: '第十三条', definition: '已发布条目中共享类型为有条件共享的' },
  entriesOpenUnconditional: { label: '无条件开放条目', unit: '条', article: '第二十三条', definition: '已发布条目中开放类型为无条件开放的' },
  entriesOpenOnApplication: { label: '依申请开放条目', unit: '条', article: '第二十三条', definition: '已发布条目中开放类型为依申请开放的' },
  openApplicationsDue: { label: '应答复开放申请', unit: '件', article: '第二十四条', definition: '到期日在年度内、已到期或已办结的依申请开放答复期限（open_application）' },
  openApplicationsMet: { label: `${periodText('open_application')}内答复的开放申请`, unit: '件', article: '第二十四条', definition: '上述期限中状态为按时完成（met）的' },
  noticeRectificationsDue: { label: '应限期整改的书面通报', unit: '件', article: '第三十三条', definition: '整改期限在年度内、已到期或已办结的通报整改期限（notice_rectification）' },
  noticeRectificationsMet: { label: '按期整改的书面通报', unit: '件', article: '第三十三条', definition: '上述期限中状态为按时完成（met）的' },
  openDatasets: { label: '开放数据集', unit: '个', article: '第二十二条', definition: '本部门资源在开放目录中、年度内（至统计日）曾处于开放状态的数据集：统计日前发布，且未在年度开始前撤回' },
  sharedCallsServed: { label: '共享数据被调用次数', unit: '次', article: '第十六条第（四）项', definition: '本部门目录资源经共享网关被其他部门接入系统成功调用的次数（调用记录，年度内至统计时刻；开放接口的调用不计）' },
  sharedCallsMade: { label: '本部门系统调用共享数据次数', unit: '次', article: '第十六条第（四）项', definition: '本部门接入系统经共享网关成功调用其他部门目录资源的次数（调用记录，年度内至统计时刻；开放接口的调用不计）' },
  openDatasetsUsed: { label: '有下载或接口调用的开放数据集', unit: '个', article: '第二十五条', definition: '上述数据集中，年度内（至统计日，上海日期）在开放门户被下载至少一次、或以开放接口密钥成功调用至少一次的；仅浏览不计' },
};

/**
 * Where the deadline facts come from: for each department-responsible deadline kind, the fact counting those due
 * and the fact counting those met. The SQL layer can fill all of them from one
 * `GROUP BY department_id, kind, state` over the deadlines table.
 */
export const DEADLINE_FACTS = {
  catalog_update: { due: 'catalogUpdatesDue', met: 'catalogUpdatesMet' },
  provider_reply: { due: 'providerRepliesDue', met: 'providerRepliesMet' },
  correction_feedback: { due: 'correctionsDue', met: 'correctionsMet' },
  open_application: { due: 'openApplicationsDue', met: 'openApplicationsMet' },
  notice_rectification: { due: 'noticeRectificationsDue', met: 'noticeRectificationsMet' },
} as const satisfies Partial<Record<DeadlineKind, { due: FactKey; met: FactKey }>>;

/** The statuses of a violation that count as confirmed for the assessment (candidates and dismissed ones do not). */
export const COUNTED_VIOLATION_STATUSES = ['confirmed', 'noticed', 'closed'] as const satisfies readonly ViolationStatus[];

/**
 * The catalog elements a published entry must carry to count as complete: those 第六条 names (分类、格式、属性、
 * 更新时限、共享类型、共享方式、使用要求), plus the grading of 第十一条 and the collection basis of 第十条.
 */
export const REQUIRED_METADATA = [
  { key: 'classification', label: '分类', article: '第六条' },
  { key: 'format', label: '格式', article: '第六条' },
  { key: 'dataItems', label: '信息项（属性）', article: '第六条' },
  { key: 'updateCycle', label: '更新周期（更新时限）', article: '第六条' },
  { key: 'shareType', label: '共享类型', article: '第六条' },
  { key: 'shareMethod', label: '共享方式', article: '第六条' },
  { key: 'usageRequirements', label: '使用要求', article: '第六条' },
  { key: 'securityGrade', label: '分类分级', article: '第十一条' },
  { key: 'collectionBasis', label: '采集依据或被采集对象同意', article: '第十条' },
] as const;

/** Confirmed violations of 第三十三条 detected in the year, by type 1–9 (statuses {@link COUNTED_VIOLATION_STATUSES}). */
export type ViolationCounts = Record<ViolationType, number>;

export type FactValues = Record<FactKey, number | null>;

export interface DepartmentYearFacts {
  departmentId: number;
  year: number;
  /** the day the catalog snapshot and the window end, YYYY-MM-DD: `year-12-31` once the year is over */
  asOf: string;
  values: FactValues;
  /** null when the violation records do not exist yet */
  violationsByType: ViolationCounts | null;
}

/** Pairs the SQL layer must respect: a part never exceeds its whole. Checked before scoring. */
export const FACT_BOUNDS: ReadonlyArray<{ parts: readonly FactKey[]; whole: FactKey }> = [
  { parts: ['catalogEntriesPublished'], whole: 'catalogEntries' },
  { parts: ['catalogEntriesMetadataComplete'], whole: 'catalogEntriesPublished' },
  { parts: ['entriesWithCycle'], whole: 'catalogEntriesPublished' },
  { parts: ['entriesWithinCycle'], whole: 'entriesWithCycle' },
  { parts: ['entriesShareUnconditional', 'entriesShareConditional'], whole: 'catalogEntriesPublished' },
  { parts: ['entriesOpenUnconditional', 'entriesOpenOnApplication'], whole: 'catalogEntriesPublished' },
  { parts: ['catalogUpdatesMet'], whole: 'catalogUpdatesDue' },
  { parts: ['providerRepliesMet'], whole: 'providerRepliesDue' },
  { parts: ['shareRejectionsWithoutBasis'], whole: 'shareRejections' },
  { parts: ['correctionsMet'], whole: 'correctionsDue' },
  { parts: ['openApplicationsMet'], whole: 'openApplicationsDue' },
  { parts: ['noticeRectificationsMet'], whole: 'noticeRectificationsDue' },
  { parts: ['openDatasetsUsed'], whole: 'openDatasets' },
];

const count = z.number().int('应为整数').nonnegative('不能为负数');

const factValuesSchema = z.strictObject(
  Object.fromEntries(FACT_KEYS.map((k) => [k, count.nullable()])) as Record<FactKey, z.ZodNullable<typeof count>>,
);

const violationCountsSchema = z.strictObject(
  Object.fromEntries(VIOLATION_TYPES.map((t) => [String(t), count])) as Record<`${ViolationType}`, typeof count>,
);

/** The facts as they cross a process boundary (stored with a result revision, sent to the SPA). */
export const departmentYearFactsSchema = z
  .strictObject({
    departmentId: z.number().int().positive(),
    year: z.number().int().min(2022).max(2100),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '统计日格式应为 YYYY-MM-DD'),
    values: factValuesSchema,
    violationsByType: violationCountsSchema.nullable(),
  })
  .superRefine((facts, ctx) => {
    for (const message of factInconsistencies(facts as DepartmentYearFacts)) ctx.addIssue({ code: 'custom', message, path: ['values'] });
  });

/** Broken part ≤ whole pairs and a window outside the year — each a bug in whatever produced the facts. */
export function factInconsistencies(facts: DepartmentYearFacts): string[] {
  const problems: string[] = [];
  if (!facts.asOf.startsWith(`${facts.year}-`)) problems.push(`统计日 ${facts.asOf} 不在 ${facts.year} 年度内`);
  for (const { parts, whole } of FACT_BOUNDS) {
    const w = facts.values[whole];
    const ps = parts.map((p) => facts.values[p]);
    if (w === null || ps.some((p) => p === null)) continue;
    const sum = ps.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum > w) problems.push(`${parts.map((p) => FACT_SPECS[p].label).join(' + ')}（${sum}）超过${FACT_SPECS[whole].label}（${w}）`);
  }
  return problems;
}

/** Facts with every source missing — the starting point for a department the SQL layer found nothing about. */
export function emptyFacts(departmentId: number, year: number, asOf = `${year}-12-31`): DepartmentYearFacts {
  return {
    departmentId,
    year,
    asOf,
    values: Object.fromEntries(FACT_KEYS.map((k) => [k, null])) as FactValues,
    violationsByType: null,
  };
}

/** Zero counts for every violation type. */
export function zeroViolationCounts(): ViolationCounts {
  return Object.fromEntries(VIOLATION_TYPES.map((t) => [t, 0])) as ViolationCounts;
}
