import { z } from 'zod';
import { idSchema, isoInstantSchema, pageQuerySchema, queryBoolean, trimmed } from './common';
import { departmentSummarySchema } from './departments';
import { violationEvidenceSchema, violationStatusSchema, violationTypeSchema, VIOLATION_TYPES } from './violations';

/** GET /api/violations?type=&department=&status= (+ page, pageSize) — the violations page's filters. */
export const violationQuerySchema = pageQuerySchema.extend({
  type: violationTypeSchema.optional(),
  department: z.coerce.number().int().positive('部门编号应为正整数').optional(),
  status: violationStatusSchema.optional(),
  /** e.g. share_request_step, catalog_entry_freshness, inspection */
  sourceKind: z.string().trim().max(40).optional(),
  manual: queryBoolean.optional(),
});
export type ViolationQuery = z.infer<typeof violationQuerySchema>;
/** The export takes the same filters without pagination. */
export const violationExportQuerySchema = violationQuerySchema.omit({ page: true, pageSize: true });
export type ViolationExportQuery = z.infer<typeof violationExportQuerySchema>;

const userRefSchema = z.object({ id: z.number().int(), displayName: z.string() });

export const violationSchema = z.object({
  id: z.number().int(),
  type: z.number().int(),
  /** e.g. 目录未编制或未更新 */
  typeLabel: z.string(),
  /** e.g. 第三十三条第（一）项 */
  clause: z.string(),
  department: departmentSummarySchema,
  source: z.object({ kind: z.string(), id: z.string() }),
  status: violationStatusSchema,
  statusLabel: z.string(),
  evidence: violationEvidenceSchema,
  detectedAt: z.string(),
  manual: z.boolean(),
  createdBy: userRefSchema.nullable(),
  decidedBy: userRefSchema.nullable(),
  decidedAt: z.string().nullable(),
  dismissReason: z.string().nullable(),
  noticeId: z.number().int().nullable(),
  /** the draft notice that already covers it (bureau only: drafts are the bureau's; `noticeId` is set at issue) */
  draftNoticeId: z.number().int().nullable().optional(),
});
export type ViolationDto = z.infer<typeof violationSchema>;

export const dismissViolationSchema = z.strictObject({ reason: trimmed(5, 500, '排除理由') });
export type DismissViolationInput = z.infer<typeof dismissViolationSchema>;

/** The bureau records a violation it found by inspection (e.g. 六 leak, 七 misuse, 九 other) — the notices issue uses it. */
export const manualViolationSchema = z.strictObject({
  type: z
    .number({ message: '请选择违规类型（1–9）' })
    .int()
    .refine((n) => (VIOLATION_TYPES as readonly number[]).includes(n), '违规类型应为 1–9（第三十三条第（一）至（九）项）'),
  departmentId: idSchema.describe('违规部门'),
  summary: trimmed(5, 1000, '违规情况说明'),
  /** when the facts were found; defaults to now */
  observedAt: isoInstantSchema.optional(),
  /** the rule broken, e.g. 第二十七条; defaults to the 第三十三条 clause of the type */
  article: trimmed(2, 60, '违反条款').optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  /** what it is about (e.g. a share grant or a call record); an inspection record of its own when omitted */
  source: z
    .strictObject({
      kind: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, '来源类型应为小写英文标识，如 share_grant'),
      id: trimmed(1, 64, '来源编号'),
    })
    .optional(),
  /** recorded as already confirmed by the bureau (default), or as a candidate to decide later */
  confirmed: z.boolean().default(true),
});
export type ManualViolationInput = z.infer<typeof manualViolationSchema>;

/**
 * 服务记录 — the bureau's own lapses (e.g. a 第十五条 compliance review not finished in 2 working days). They are
 * counted for the bureau on the jobs and violations pages and never appear as a department's violation.
 */
export const serviceRecordEntrySchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  kindLabel: z.string(),
  article: z.string(),
  source: z.object({ kind: z.string(), id: z.string() }),
  detectedAt: z.string(),
  evidence: violationEvidenceSchema,
});
export type ServiceRecordEntryDto = z.infer<typeof serviceRecordEntrySchema>;
export const serviceRecordQuerySchema = pageQuerySchema.extend({ kind: z.string().trim().max(40).optional() });
export type ServiceRecordQuery = z.infer<typeof serviceRecordQuerySchema>;
export const serviceRecordPageSchema = z.object({
  items: z.array(serviceRecordEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  byKind: z.array(z.object({ kind: z.string(), kindLabel: z.string(), count: z.number().int() })),
});
