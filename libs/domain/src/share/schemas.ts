import { z } from 'zod';
import { isoDateSchema, pageQuerySchema, trimmed } from '../common';
import { departmentSummarySchema } from '../departments';
import { deadlineStandingSchema } from '../deadline-api';
import { shareTypeSchema } from '../catalog';
import {
  destructionMethodSchema,
  grantStateSchema,
  rejectReasonCategorySchema,
  shareRequestStatusSchema,
  SHARE_PARTIES,
  SHARE_REQUEST_ORIGINS,
  SHARE_STEP_DECISIONS,
  SHARE_STEP_KINDS,
  GRANT_SOURCES,
} from './enums';
import { SHARE_EVENTS } from './machine';

const bodyId = (label: string) => z.number({ message: `请选择${label}` }).int(`${label}编号应为整数`).positive(`${label}编号无效`);

const itemIdsField = z
  .array(bodyId('信息项'), { message: '请选择要申请的信息项' })
  .min(1, '至少选择一个信息项')
  .max(500, '一次最多申请 500 个信息项')
  .refine((ids) => new Set(ids).size === ids.length, '信息项不能重复');

const expectedDailyCallsField = z
  .number({ message: '预计日均调用次数应为数字' })
  .int('预计日均调用次数应为整数')
  .min(1, '预计日均调用次数至少为 1')
  .max(10_000_000, '预计日均调用次数不能超过 10,000,000');

/** 共享申请 (第十五条): what is asked for, what for (用途) and in which scenario (应用场景). */
export const createShareRequestSchema = z.strictObject({
  entryId: bodyId('资源'),
  itemIds: itemIdsField,
  purpose: trimmed(4, 1000, '数据使用用途'),
  scenario: trimmed(4, 1000, '应用场景'),
  /** the duty that needs the data (因履行职责需要, 第十四条(二)) */
  duty: trimmed(2, 1000, '履职事项').optional(),
  contact: trimmed(2, 100, '联系人及电话').optional(),
  /** 预计日均调用次数: the use the scenario needs — the gateway's calls far beyond it are a (七) clue (第二十七条) */
  expectedDailyCalls: expectedDailyCallsField.optional(),
});
export type CreateShareRequestInput = z.infer<typeof createShareRequestSchema>;

/** A request for the bureau's coordination of a 不予共享 resource (第十五条(三)): the same content plus why it is needed. */
export const coordinationRequestSchema = createShareRequestSchema.extend({ reason: trimmed(10, 2000, '申请协调的理由') });
export type CoordinationRequestInput = z.infer<typeof coordinationRequestSchema>;

/** Amending a returned request before resubmitting it; whatever is left out stays as it was. */
export const resubmitShareRequestSchema = z.strictObject({
  itemIds: itemIdsField.optional(),
  purpose: trimmed(4, 1000, '数据使用用途').optional(),
  scenario: trimmed(4, 1000, '应用场景').optional(),
  duty: trimmed(2, 1000, '履职事项').optional(),
  contact: trimmed(2, 100, '联系人及电话').optional(),
  expectedDailyCalls: expectedDailyCallsField.optional(),
  note: trimmed(1, 1000, '修改说明').optional(),
});
export type ResubmitShareRequestInput = z.infer<typeof resubmitShareRequestSchema>;

/** 符合性审查 (第十五条): pass, or return with the reason the requester must fix. */
export const complianceReviewSchema = z
  .strictObject({
    decision: z.enum(['pass', 'return'], { message: '审查结论应为 pass（通过）或 return（退回修改）' }),
    reason: trimmed(2, 2000, '审查意见').optional(),
  })
  .refine((v) => v.decision !== 'return' || !!v.reason, { message: '退回修改须写明理由，告诉申请部门需要修改什么', path: ['reason'] });
export type ComplianceReviewInput = z.infer<typeof complianceReviewSchema>;

/**
 * 提供部门答复 (第十五条(二)): approve (possibly fewer items, with conditions of use) or reject with a reason category
 * and a written basis (第十六条(二)).
 */
export const shareReplySchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject'], { message: '答复结论应为 approve（同意）或 reject（驳回）' }),
    reasonCategory: rejectReasonCategorySchema.optional(),
    reason: trimmed(2, 2000, '答复意见').optional(),
    itemIds: itemIdsField.optional(),
    conditions: trimmed(2, 2000, '使用条件').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject') {
      if (!v.reasonCategory) ctx.addIssue({ code: 'custom', path: ['reasonCategory'], message: '驳回须选择理由类别（第十六条第（二）项）' });
      if (!v.reason || v.reason.length < 10) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回须写明充分的依据（法律法规或政策条款），至少 10 个字（第十六条第（二）项）' });
      if (v.itemIds) ctx.addIssue({ code: 'custom', path: ['itemIds'], message: '驳回时不能指定信息项' });
      if (v.conditions) ctx.addIssue({ code: 'custom', path: ['conditions'], message: '驳回时不能附加使用条件' });
    } else if (v.reasonCategory) {
      ctx.addIssue({ code: 'custom', path: ['reasonCategory'], message: '同意共享时不需要驳回理由类别' });
    }
  });
export type ShareReplyInput = z.infer<typeof shareReplySchema>;

export const shareMessageSchema = z.strictObject({ body: trimmed(2, 2000, '留言内容') });
export type ShareMessageInput = z.infer<typeof shareMessageSchema>;

export const escalateSchema = z.strictObject({ reason: trimmed(10, 2000, '提请协调的理由') });
export type EscalateInput = z.infer<typeof escalateSchema>;

export const withdrawSchema = z.strictObject({ reason: trimmed(2, 1000, '撤回原因').optional() });
export type WithdrawInput = z.infer<typeof withdrawSchema>;

/** 协调决定 of the bureau (第十五条(三)): final. Sharing may be limited to fewer items and bound to conditions. */
export const coordinationDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'refuse'], { message: '协调决定应为 approve（予以共享）或 refuse（不予共享）' }),
    reason: trimmed(10, 2000, '协调意见'),
    itemIds: itemIdsField.optional(),
    conditions: trimmed(2, 2000, '使用条件').optional(),
  })
  .refine((v) => v.decision === 'approve' || (!v.itemIds && !v.conditions), { message: '不予共享时不能指定信息项或使用条件', path: ['itemIds'] });
export type CoordinationDecisionInput = z.infer<typeof coordinationDecisionSchema>;

/** Which list: my department's requests, those waiting for me (as provider or its agent), the bureau's queue, or all I may see. */
export const SHARE_REQUEST_BOXES = ['mine', 'provided', 'todo', 'review', 'all'] as const;
export const shareRequestQuerySchema = pageQuerySchema.extend({
  box: z.enum(SHARE_REQUEST_BOXES, { message: 'box 应为 mine、provided、todo、review 或 all' }).default('all'),
  status: shareRequestStatusSchema.optional(),
  q: z.string().trim().max(50).optional(),
  entryId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ShareRequestQuery = z.infer<typeof shareRequestQuerySchema>;

const entryRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), shareType: shareTypeSchema });

/** Where the current step's clock stands ("剩余 N 个工作日" / "已逾期 N 个工作日"). */
export const shareClockSchema = z.object({
  kind: z.enum(SHARE_STEP_KINDS),
  dueAt: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  workingDaysLeft: z.number().int(),
  workingDaysLate: z.number().int(),
  standing: deadlineStandingSchema,
});

export const shareRequestSummarySchema = z.object({
  id: z.number().int(),
  /** 申请编号, e.g. GXSQ-2026-000123 */
  code: z.string(),
  status: shareRequestStatusSchema,
  origin: z.enum(SHARE_REQUEST_ORIGINS),
  entry: entryRefSchema,
  requester: departmentSummarySchema,
  provider: departmentSummarySchema,
  itemCount: z.number().int(),
  purpose: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  decidedAt: z.string().nullable(),
  current: shareClockSchema.nullable(),
  /** the entry is in the 高频数据共享库 (第十八条): first in the bureau's review queue */
  fastTrack: z.boolean(),
});
export type ShareRequestSummary = z.infer<typeof shareRequestSummarySchema>;

export const shareStepSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  kind: z.enum(SHARE_STEP_KINDS),
  kindLabel: z.string(),
  /** the department that must act; null = the bureau */
  department: departmentSummarySchema.nullable(),
  startedAt: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  provisional: z.boolean(),
  completedAt: z.string().nullable(),
  /** true: decided in time; false: late; null: still running or cancelled */
  met: z.boolean().nullable(),
  deadlineState: z.string(),
  workingDaysLeft: z.number().int().nullable(),
  workingDaysLate: z.number().int().nullable(),
  /** the step's clock as the domain words it; null without a clock */
  standing: deadlineStandingSchema.nullable(),
  decision: z.enum(SHARE_STEP_DECISIONS).nullable(),
  actorName: z.string().nullable(),
  /** set when an agent decided for the provider (第十六条(一)) */
  onBehalfOf: departmentSummarySchema.nullable(),
  reasonCategory: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ShareStepDto = z.infer<typeof shareStepSchema>;

export const shareHistorySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  event: z.enum(SHARE_EVENTS),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string(),
  actorDepartment: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  note: z.string().nullable(),
});
export type ShareHistoryDto = z.infer<typeof shareHistorySchema>;

export const shareRequestDetailSchema = shareRequestSummarySchema.extend({
  entryVersion: z.number().int(),
  entry: entryRefSchema.extend({ shareConditions: z.string().nullable(), provider: departmentSummarySchema }),
  scenario: z.string(),
  duty: z.string().nullable(),
  contact: z.string().nullable(),
  expectedDailyCalls: z.number().int().nullable(),
  requestedBy: z.string(),
  items: z.array(z.object({ id: z.number().int(), name: z.string(), approved: z.boolean().nullable() })),
  conditions: z.string().nullable(),
  rejection: z.object({ category: z.string(), categoryLabel: z.string(), reason: z.string() }).nullable(),
  coordinationReason: z.string().nullable(),
  steps: z.array(shareStepSchema),
  history: z.array(shareHistorySchema),
  grant: z.object({ id: z.number().int(), state: grantStateSchema, validUntil: z.string() }).nullable(),
  messageCount: z.number().int(),
  /** the user's sides of this request and what they may do now */
  parties: z.array(z.enum(SHARE_PARTIES)),
  actions: z.array(z.enum(SHARE_EVENTS)),
});
export type ShareRequestDetail = z.infer<typeof shareRequestDetailSchema>;

export const createdShareRequestSchema = z.object({ id: z.number().int(), status: shareRequestStatusSchema, dueAt: z.string().nullable() });

export const shareMessageDtoSchema = z.object({
  id: z.number().int(),
  side: z.enum(SHARE_PARTIES),
  authorName: z.string(),
  department: departmentSummarySchema,
  onBehalfOf: departmentSummarySchema.nullable(),
  body: z.string(),
  at: z.string(),
});
export type ShareMessageDto = z.infer<typeof shareMessageDtoSchema>;

/* ---------- grants (第二十七条) ---------- */

export const shareGrantQuerySchema = pageQuerySchema.extend({
  side: z.enum(['held', 'given', 'all'], { message: 'side 应为 held（本部门使用）、given（本部门提供）或 all' }).default('all'),
  state: grantStateSchema.optional(),
  q: z.string().trim().max(50).optional(),
});
export type ShareGrantQuery = z.infer<typeof shareGrantQuerySchema>;

export const shareGrantSchema = z.object({
  id: z.number().int(),
  consumer: departmentSummarySchema,
  provider: departmentSummarySchema,
  entry: entryRefSchema,
  source: z.enum(GRANT_SOURCES),
  requestId: z.number().int().nullable(),
  items: z.array(z.object({ id: z.number().int(), name: z.string() })),
  purpose: z.string(),
  conditions: z.string().nullable(),
  grantedAt: z.string(),
  validUntil: z.string(),
  state: grantStateSchema,
  renewCount: z.number().int(),
  revocation: z.object({ at: z.string(), byName: z.string(), bySide: z.enum(['provider', 'bureau']), reason: z.string() }).nullable(),
  destruction: z.object({ destroyedOn: z.string(), method: z.string(), methodLabel: z.string(), note: z.string().nullable(), declaredAt: z.string(), declaredBy: z.string() }).nullable(),
  actions: z.array(z.enum(['revoke', 'renew', 'destroy'])),
});
export type ShareGrantDto = z.infer<typeof shareGrantSchema>;

/** 专用 (第十六条(三)): a listed department opens the resource for itself, without a request. */
export const dedicatedGrantSchema = z.strictObject({
  entryId: bodyId('资源'),
  itemIds: itemIdsField.optional(),
  purpose: trimmed(4, 1000, '数据使用用途'),
});
export type DedicatedGrantInput = z.infer<typeof dedicatedGrantSchema>;

export const revokeGrantSchema = z.strictObject({ reason: trimmed(5, 2000, '收回理由') });
export const renewGrantSchema = z.strictObject({ validUntil: isoDateSchema.optional() });
export const destructionSchema = z.strictObject({
  destroyedOn: isoDateSchema,
  method: destructionMethodSchema,
  note: trimmed(2, 1000, '销毁说明').optional(),
});
export type DestructionInput = z.infer<typeof destructionSchema>;

/* ---------- review agents (第十六条(一)) ---------- */

export const designateAgentSchema = z.strictObject({
  userId: bodyId('代理人'),
  /** empty = every entry of the department */
  entryIds: z.array(bodyId('资源')).max(200).refine((ids) => new Set(ids).size === ids.length, '资源不能重复').default([]),
});
export type DesignateAgentInput = z.infer<typeof designateAgentSchema>;

export const shareAgentQuerySchema = z.object({ departmentId: z.coerce.number().int().positive().optional() });

export const shareAgentSchema = z.object({
  id: z.number().int(),
  provider: departmentSummarySchema,
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), department: departmentSummarySchema }),
  /** null: every entry of the provider */
  entry: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ShareAgentDto = z.infer<typeof shareAgentSchema>;

export const agentCandidateSchema = z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), department: departmentSummarySchema });

/* ---------- requestable entries (the new-request picker) ---------- */

export const shareEntryQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  providerId: z.coerce.number().int().positive().optional(),
  shareType: shareTypeSchema.optional(),
});
export type ShareEntryQuery = z.infer<typeof shareEntryQuerySchema>;

export const shareEntrySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  summary: z.string(),
  provider: departmentSummarySchema,
  shareType: shareTypeSchema,
  shareConditions: z.string().nullable(),
  noShareReason: z.string().nullable(),
  noShareBasis: z.string().nullable(),
  version: z.number().int(),
  /** how this department gets it: request, 专用 grant, coordination only, or it is its own */
  access: z.enum(['request', 'dedicated', 'coordination', 'own']),
  items: z.array(z.object({ id: z.number().int(), name: z.string(), sensitive: z.boolean() })),
});
export type ShareEntryDto = z.infer<typeof shareEntrySchema>;
