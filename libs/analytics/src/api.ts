import { z } from 'zod';
import { dashboardKpisSchema, departmentSummarySchema, pageQuerySchema, trimmed } from '@govdata/domain';
import { GRADES, assessmentSchemeSchema } from './scheme';

/**
 * The assessment's wire contract (第三十条至第三十二条): what the API sends and accepts for schemes, computations,
 * result revisions, drill-downs, the suspension list, the public page and the leadership dashboard. The SPA and the
 * API both import these; the handlers stay thin and the SPA never guesses a shape.
 */

export const yearParamsSchema = z.strictObject({
  year: z.coerce.number().int('年度应为整数').min(2022, '年度不能早于 2022 年（办法施行之年）').max(2100, '年度无效'),
});

// ── schemes ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** GET /api/assessments/:year/scheme — the year's scheme; a year without one answers with a proposed copy (stored: false). */
export const schemeViewSchema = z.object({
  year: z.number().int(),
  scheme: assessmentSchemeSchema,
  /** false when nothing is stored yet and `scheme` is a proposal (the previous year's copy, or the 2026 default) */
  stored: z.boolean(),
  /** false once a revision of the year has been published (第三十条: published results rest on a fixed scheme) */
  editable: z.boolean(),
  /** validateScheme's findings; a scheme with problems may be saved but cannot be computed */
  problems: z.array(z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
});
export type SchemeView = z.infer<typeof schemeViewSchema>;

/** PUT /api/assessments/:year/scheme — the whole scheme (year in the body must equal the path's). */
export const saveSchemeSchema = z.strictObject({ scheme: assessmentSchemeSchema });
/** POST /api/assessments/:year/scheme/copy — start the year's scheme from another year's (or the built-in default). */
export const copySchemeSchema = z.strictObject({ fromYear: z.number().int().min(2022).max(2100).nullable() });

// ── computations (long work, with progress) ──────────────────────────────────────────────────────────────────────

export const COMPUTATION_PHASES = ['queued', 'facts', 'scoring', 'saving', 'done', 'failed'] as const;
export const COMPUTATION_PHASE_LABELS: Record<(typeof COMPUTATION_PHASES)[number], string> = {
  queued: '排队中',
  facts: '汇总各部门年度数据',
  scoring: '计算指标得分与排名',
  saving: '保存结果',
  done: '已完成',
  failed: '失败',
};

/** POST /api/assessments/:year/compute — `reason` is required when the year already has published results. */
export const computeRequestSchema = z.strictObject({ reason: trimmed(5, 500, '重新计算的原因').optional() });

/** 202 from compute, and GET /api/assessments/computations/:id while it runs. */
export const computationSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  phase: z.enum(COMPUTATION_PHASES),
  phaseLabel: z.string(),
  /** departments done of total in the current phase */
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** the revision written, once done */
  revision: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ComputationDto = z.infer<typeof computationSchema>;

// ── revisions and results ────────────────────────────────────────────────────────────────────────────────────────

export const REVISION_STATUSES = ['draft', 'published', 'superseded'] as const;
export const REVISION_STATUS_LABELS: Record<(typeof REVISION_STATUSES)[number], string> = {
  draft: '草稿（未公布）',
  published: '已公布',
  superseded: '已被新修订取代',
};

export const revisionSchema = z.object({
  year: z.number().int(),
  /** 1, 2, … per year; a recomputation after publication makes the next number */
  number: z.number().int(),
  status: z.enum(REVISION_STATUSES),
  statusLabel: z.string(),
  /** why this revision was computed again after a publication; null for the first */
  reason: z.string().nullable(),
  /** YYYY-MM-DD: the facts' statistics day */
  asOf: z.string(),
  computedAt: z.string(),
  computedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  departmentCount: z.number().int(),
});
export type RevisionDto = z.infer<typeof revisionSchema>;

/** GET /api/assessments — one row per year that has a scheme or results. */
export const assessmentYearSchema = z.object({
  year: z.number().int(),
  schemeName: z.string().nullable(),
  schemeEditable: z.boolean(),
  latest: revisionSchema.nullable(),
  published: revisionSchema.nullable(),
});
export type AssessmentYearDto = z.infer<typeof assessmentYearSchema>;

export const resultIndicatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  points: z.number(),
  weight: z.number(),
  neutral: z.boolean(),
});

/** One row of GET /api/assessments/:year/results (the contract, plus what the table shows). */
export const resultRowSchema = z.object({
  department: departmentSummarySchema,
  total: z.number(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  rank: z.number().int(),
  previousTotal: z.number().nullable(),
  change: z.number().nullable(),
  indicators: z.array(resultIndicatorSchema),
  /** listed under 第三十二条 in this revision */
  suspended: z.boolean(),
});
export type ResultRowDto = z.infer<typeof resultRowSchema>;

/** ?revision= picks a revision; default: bureau/leader the latest, others the published one. */
export const resultsQuerySchema = z.object({ revision: z.coerce.number().int().positive('修订号应为正整数').optional() });

export const resultsResponseSchema = z.object({
  revision: revisionSchema,
  rows: z.array(resultRowSchema),
  /** city average points per indicator id, and of the total */
  average: z.object({ total: z.number(), indicators: z.record(z.string(), z.number()) }),
});
export type ResultsResponse = z.infer<typeof resultsResponseSchema>;

/** GET /api/assessments/:year/departments/:departmentId — one department's explained breakdown. */
export const departmentBreakdownSchema = z.object({
  revision: revisionSchema,
  department: departmentSummarySchema,
  total: z.number(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  rank: z.number().int(),
  departmentCount: z.number().int(),
  previousTotal: z.number().nullable(),
  change: z.number().nullable(),
  measuredWeight: z.number(),
  categories: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number(), points: z.number() })),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.string(),
      weight: z.number(),
      points: z.number(),
      cityAverage: z.number(),
      metric: z.string(),
      metricLabel: z.string(),
      /** the metric's value: a rate 0–1, a count, or null when not measurable */
      value: z.number().nullable(),
      unit: z.string(),
      neutral: z.boolean(),
      explanation: z.string(),
      /** whether GET …/indicators/:id/records can list records for it */
      drillable: z.boolean(),
    }),
  ),
  /** the facts the scores were computed from, with their Chinese labels */
  facts: z.array(z.object({ key: z.string(), label: z.string(), value: z.number().nullable(), unit: z.string(), article: z.string() })),
  suspension: z.array(z.object({ code: z.string(), text: z.string() })),
});
export type DepartmentBreakdownDto = z.infer<typeof departmentBreakdownSchema>;

/** GET /api/assessments/:year/departments/:departmentId/indicators/:indicatorId/records?scope=lost|all&page=&pageSize= */
export const drillQuerySchema = pageQuerySchema.extend({
  revision: z.coerce.number().int().positive().optional(),
  /** lost: the records that cost points (late replies …); all: every record counted */
  scope: z.enum(['lost', 'all']).default('lost'),
});

export const drillRecordSchema = z.object({
  /** deadline | catalog_entry | share_request | correction_feedback | violation | open_dataset | call_record */
  kind: z.string(),
  id: z.string(),
  /** e.g. 共享申请 SQ-2026-000123 · 市公安局 → 市民政局 */
  title: z.string(),
  /** e.g. 应于 2026-03-12 前答复，逾期 3 个工作日 */
  detail: z.string(),
  at: z.string().nullable(),
  /** SPA route to open the record, e.g. /sharing/requests/123 */
  link: z.string().nullable(),
});
export type DrillRecordDto = z.infer<typeof drillRecordSchema>;
export const drillResponseSchema = z.object({
  indicator: z.object({ id: z.string(), name: z.string() }),
  scope: z.enum(['lost', 'all']),
  /** what is listed, in Chinese (e.g. 逾期答复的共享申请) */
  description: z.string(),
  items: z.array(drillRecordSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DrillResponse = z.infer<typeof drillResponseSchema>;

/** GET /api/assessments/:year/suspension (+ .xlsx) — 第三十二条, for the finance bureau. */
export const suspensionRowSchema = z.object({
  department: departmentSummarySchema,
  total: z.number(),
  grade: z.enum(GRADES),
  gradeLabel: z.string(),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })),
});
export const suspensionResponseSchema = z.object({ revision: revisionSchema, rows: z.array(suspensionRowSchema) });
export type SuspensionResponse = z.infer<typeof suspensionResponseSchema>;

/** POST /api/assessments/:year/publish — publishes the year's latest draft revision. */
export const publishRequestSchema = z.strictObject({ revision: z.number().int().positive('请指定要公布的修订号') });

// ── public page (no login, 第三十条 接受社会监督) ─────────────────────────────────────────────────────────────────────

/** GET /api/public/assessments — years with published results; GET /api/public/assessments/:year — their totals only. */
export const publicYearsSchema = z.array(z.object({ year: z.number().int(), publishedAt: z.string(), revision: z.number().int() }));
export const publicResultsSchema = z.object({
  year: z.number().int(),
  revision: z.number().int(),
  publishedAt: z.string(),
  /** a revision note when the published results replaced earlier ones */
  reason: z.string().nullable(),
  rows: z.array(
    z.object({
      department: z.object({ code: z.string(), name: z.string() }),
      total: z.number(),
      grade: z.enum(GRADES),
      gradeLabel: z.string(),
      rank: z.number().int(),
    }),
  ),
});
export type PublicResults = z.infer<typeof publicResultsSchema>;

// ── leadership dashboard ─────────────────────────────────────────────────────────────────────────────────────────

/** GET /api/dashboard?year= (leader, bureau_admin) — live figures from SQL aggregates; the ranking comes from results. */
export const dashboardQuerySchema = z.object({ year: z.coerce.number().int().min(2022).max(2100).optional() });

export const dashboardSchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  /** the KPI cards (also on the leaders' and the bureau's workbench) */
  kpis: dashboardKpisSchema,
  /** the year's months up to the statistics day ('YYYY-MM'; all 12 once the year is over) */
  monthly: z.array(
    z.object({
      month: z.string(),
      /** provider replies due in the month that ran their course, and of them met */
      repliesDue: z.number().int(),
      repliesMet: z.number().int(),
      onTimeRate: z.number().nullable(),
      /** deadlines (any kind) due in the month that were missed or are overdue */
      overdue: z.number().int(),
    }),
  ),
  /** department × month counts of missed/overdue deadlines (only departments with at least one) */
  heatmap: z.object({
    departments: z.array(departmentSummarySchema),
    months: z.array(z.string()),
    /** [departmentIndex, monthIndex, count] with count > 0 */
    cells: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
  }),
  /** active grants provider → consumer */
  network: z.object({
    nodes: z.array(departmentSummarySchema),
    links: z.array(z.object({ source: z.number().int(), target: z.number().int(), grants: z.number().int() })),
  }),
});
export type DashboardDto = z.infer<typeof dashboardSchema>;
