import { z } from 'zod';
import { idSchema, isoDateSchema, pageQuerySchema, queryBoolean, trimmed } from '../common';
import { departmentSummarySchema } from '../departments';
import { deadlineStandingSchema } from '../deadline-api';
import { ENTRY_STATUSES } from '../catalog/enums';
import {
  CONTEST_DECISIONS,
  CORRECTION_CHANNELS,
  CORRECTION_DECISIONS,
  CORRECTION_STATUSES,
  RETIREMENT_STATUSES,
  correctionStatusSchema,
  retirementStatusSchema,
} from './enums';

const positiveId = (label: string) => z.number({ error: `${label}应为正整数` }).int(`${label}应为正整数`).positive(`${label}应为正整数`);

// ── 纠错 (第十七条) ──────────────────────────────────────────────────────────────────────────────────────────────

/** A consumer reports a suspected error (第十七条): the entry, optionally the items, the record and the data version. */
export const createCorrectionSchema = z.strictObject({
  entryId: positiveId('资源编号 entryId'),
  /** 信息项: the items concerned (none = the entry as a whole) */
  itemIds: z.array(positiveId('信息项编号'), { error: 'itemIds 应为信息项编号的数组' }).max(200, '信息项最多 200 个').optional(),
  /** the record's key value (主键 / 查询字段 value) as the consumer read it */
  recordKey: trimmed(1, 200, '记录主键 recordKey').optional(),
  /** the dataset version the consumer read */
  datasetVersion: positiveId('数据版本 datasetVersion').optional(),
  description: trimmed(5, 2000, '问题描述 description'),
  /** 证明材料: what shows the error (a reference, a file number, the source value) */
  evidence: trimmed(1, 2000, '证明材料 evidence').optional(),
});
export type CreateCorrectionInput = z.infer<typeof createCorrectionSchema>;

/** The provider's answer (校核): corrected with the corrected version, scheduled with a date, or not an error with reasons. */
export const answerCorrectionSchema = z
  .strictObject({
    decision: z.enum(CORRECTION_DECISIONS, { message: '答复结论 decision 应为 corrected（已更正）、scheduled（限期更正）或 not_an_error（非数据错误）' }),
    reason: trimmed(2, 2000, '说明 reason').optional(),
    correctedDatasetVersion: positiveId('更正后的数据版本 correctedDatasetVersion').optional(),
    correctedCatalogVersion: positiveId('更正后的目录版本 correctedCatalogVersion').optional(),
    correctOn: isoDateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'not_an_error' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '答复“非数据错误”须写明理由 reason' });
    if (v.decision === 'scheduled' && !v.correctOn) ctx.addIssue({ code: 'custom', path: ['correctOn'], message: '答复“限期更正”须填写更正日期 correctOn' });
    if (v.decision === 'corrected' && !v.correctedDatasetVersion && !v.correctedCatalogVersion) {
      ctx.addIssue({ code: 'custom', path: ['correctedDatasetVersion'], message: '答复“已更正”须填写更正后的数据版本 correctedDatasetVersion 或目录版本 correctedCatalogVersion' });
    }
  });
export type AnswerCorrectionInput = z.infer<typeof answerCorrectionSchema>;

export const contestCorrectionSchema = z.strictObject({ reason: trimmed(5, 2000, '异议理由 reason') });
export type ContestCorrectionInput = z.infer<typeof contestCorrectionSchema>;

export const decideContestSchema = z.strictObject({
  decision: z.enum(CONTEST_DECISIONS, { message: '裁定结论 decision 应为 error_confirmed（认定确有错误）或 answer_upheld（维持答复）' }),
  reason: trimmed(2, 2000, '裁定理由 reason'),
});
export type DecideContestInput = z.infer<typeof decideContestSchema>;

export const correctionQuerySchema = pageQuerySchema.extend({
  entryId: idSchema.optional(),
  status: correctionStatusSchema.optional(),
  /** the providing department (资源提供部门) */
  department: idSchema.optional(),
  /** the reporting department */
  reporter: idSchema.optional(),
  /** provider = what my department must check (the queue), reporter = what my department reported */
  side: z.enum(['provider', 'reporter'], { message: 'side 应为 provider 或 reporter' }).optional(),
  /** confirmed errors only */
  confirmed: queryBoolean.optional(),
  /** received on or after / on or before (YYYY-MM-DD) */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** the entry's name or code, or a 纠错编号 */
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
});
export type CorrectionQuery = z.infer<typeof correctionQuerySchema>;

const entryRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const correctionSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  entry: entryRefSchema,
  provider: departmentSummarySchema,
  reporter: departmentSummarySchema.nullable(),
  reportedBy: z.string(),
  channel: z.enum(CORRECTION_CHANNELS),
  items: z.array(z.object({ id: z.number().int(), name: z.string() })),
  recordKey: z.string().nullable(),
  datasetVersion: z.number().int().nullable(),
  description: z.string(),
  evidence: z.string().nullable(),
  status: z.enum(CORRECTION_STATUSES),
  receivedAt: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  /** the check's clock (第十七条), as every view shows it */
  standing: deadlineStandingSchema,
  decision: z.enum(CORRECTION_DECISIONS).nullable(),
  reason: z.string().nullable(),
  correctedDatasetVersion: z.number().int().nullable(),
  correctedCatalogVersion: z.number().int().nullable(),
  correctOn: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredOnTime: z.boolean().nullable(),
  contestReason: z.string().nullable(),
  contestedAt: z.string().nullable(),
  bureauDecision: z.enum(CONTEST_DECISIONS).nullable(),
  bureauReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  errorConfirmed: z.boolean(),
  /** 纠错中: the data is marked while the report is open */
  correcting: z.boolean(),
  permissions: z.object({ canAnswer: z.boolean(), canContest: z.boolean(), canDecide: z.boolean(), canAttach: z.boolean() }),
});
export type CorrectionDto = z.infer<typeof correctionSchema>;

export const correctionCreatedSchema = z.object({ id: z.number().int(), code: z.string(), status: z.enum(CORRECTION_STATUSES), dueAt: z.string(), dueDate: z.string() });

// ── 下线 (第十九条) ──────────────────────────────────────────────────────────────────────────────────────────────

export const proposeRetirementSchema = z.strictObject({
  reason: trimmed(5, 2000, '下线理由 reason'),
  replacementEntryId: positiveId('替代资源 replacementEntryId'),
  retireOn: isoDateSchema,
});
export type ProposeRetirementInput = z.infer<typeof proposeRetirementSchema>;

export const returnRetirementSchema = z.strictObject({ reason: trimmed(2, 2000, '退回理由 reason') });
export const withdrawRetirementSchema = z.strictObject({ reason: trimmed(2, 2000, '撤回理由 reason').optional() });

export const retirementQuerySchema = pageQuerySchema.extend({
  status: retirementStatusSchema.optional(),
  department: idSchema.optional(),
  entryId: idSchema.optional(),
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
});
export type RetirementQuery = z.infer<typeof retirementQuerySchema>;

export const retirementSchema = z.object({
  id: z.number().int(),
  entry: entryRefSchema.extend({ status: z.enum(ENTRY_STATUSES) }),
  replacement: entryRefSchema,
  provider: departmentSummarySchema,
  reason: z.string(),
  retireOn: z.string(),
  status: z.enum(RETIREMENT_STATUSES),
  proposedAt: z.string(),
  proposedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  retiredAt: z.string().nullable(),
  /** natural days from today to the retirement date (0 on the day and after) */
  daysLeft: z.number().int(),
  /** consumers told at approval (active grants, 专用 departments) */
  consumers: z.array(departmentSummarySchema),
  permissions: z.object({ canApprove: z.boolean(), canReturn: z.boolean(), canWithdraw: z.boolean() }),
});
export type RetirementDto = z.infer<typeof retirementSchema>;

export const retirementCreatedSchema = z.object({ id: z.number().int(), status: z.enum(RETIREMENT_STATUSES), retireOn: z.string() });

/** What the lifecycle adds to an entry's page: 纠错中 and an announced retirement. */
export const entryLifecycleSchema = z.object({
  /** 纠错中: reports being checked or contested, or confirmed errors awaiting their correction date */
  correcting: z.boolean(),
  openCorrections: z.number().int(),
  retirement: z
    .object({ id: z.number().int(), status: z.enum(RETIREMENT_STATUSES), retireOn: z.string(), replacement: entryRefSchema })
    .nullable(),
  /** the 纠错 button: the department uses the entry and is not its provider */
  canReportCorrection: z.boolean(),
  /** 申请下线: the provider's data officer, for a published entry without a pending retirement */
  canProposeRetirement: z.boolean(),
});
export type EntryLifecycleDto = z.infer<typeof entryLifecycleSchema>;

/** 纠错佐证材料 (第十七条): a file attached to a correction by either side. */
export const correctionAttachmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** the side that attached it */
  department: departmentSummarySchema,
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type CorrectionAttachmentDto = z.infer<typeof correctionAttachmentSchema>;
export const correctionAttachmentsSchema = z.object({ items: z.array(correctionAttachmentSchema) });

/** 开放门户纠错 (第十七条 “any consumer”, issue 16 item 5): a portal user's report on an open dataset — the entry is the dataset's. */
export const createPublicCorrectionSchema = createCorrectionSchema.omit({ entryId: true });
export type CreatePublicCorrectionInput = z.infer<typeof createPublicCorrectionSchema>;
export const publicCorrectionsSchema = z.object({ items: z.array(correctionSchema) });
