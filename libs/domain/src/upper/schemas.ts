import { z } from 'zod';
import { idSchema, isoDateSchema, pageQuerySchema, trimmed } from '../common';
import { departmentSummarySchema } from '../departments';
import { deadlineStandingSchema } from '../deadline-api';
import { UPPER_APPLICATION_STATUSES, UPPER_LEVELS, UPPER_NEED_STATUSES, UPPER_OUTCOMES, UPPER_REPLY_DECISIONS } from './labels';

const positiveId = (label: string) => z.number({ error: `${label}应为正整数` }).int(`${label}应为正整数`).positive(`${label}应为正整数`);
const itemName = trimmed(1, 100, '信息项名称');
/** A list of item names: at least one, no name twice. */
const itemList = (label: string, max: number) =>
  z
    .array(itemName, { error: `${label}应为信息项名称的数组` })
    .min(1, `请至少填写一个${label}`)
    .max(max, `${label}最多 ${max} 个`)
    .refine((a) => new Set(a).size === a.length, `${label}有重复的名称`);

export const upperLevelSchema = z.enum(UPPER_LEVELS, { message: '层级 level 应为 provincial（省级）或 national（国家级）' });

// ── 上级数据目录 ─────────────────────────────────────────────────────────────────────────────────────────────────

/** One upper-level resource as the bureau keeps it (and as one row of the province's list reads). */
export const upperResourceInputSchema = z.strictObject({
  /** 资源代码 as the upper level numbers it */
  code: trimmed(2, 64, '资源代码 code').refine((s) => /^[\w.\-/]+$/.test(s), '资源代码 code 只能包含字母、数字和 . - _ /'),
  name: trimmed(2, 200, '资源名称 name'),
  /** 上级单位: the provincial or national body holding it */
  holder: trimmed(2, 120, '上级单位 holder'),
  level: upperLevelSchema,
  /** 所属系统: the upper system that serves it */
  system: trimmed(1, 120, '所属系统 system'),
  items: itemList('信息项 items', 300),
  /** 申请方式: how the upper level takes applications (platform, form, conditions) */
  howToApply: trimmed(2, 2000, '申请方式 howToApply'),
  note: trimmed(1, 2000, '备注 note').optional(),
});
export type UpperResourceInput = z.infer<typeof upperResourceInputSchema>;

export const upperResourceQuerySchema = pageQuerySchema.extend({
  level: upperLevelSchema.optional(),
  /** name, code, holder or system */
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
});
export type UpperResourceQuery = z.infer<typeof upperResourceQuerySchema>;

export const upperResourceSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  holder: z.string(),
  level: z.enum(UPPER_LEVELS),
  system: z.string(),
  items: z.array(z.string()),
  howToApply: z.string(),
  note: z.string().nullable(),
  /** needs waiting to be consolidated (待汇总) */
  openNeeds: z.number().int(),
  updatedAt: z.string(),
});
export type UpperResourceDto = z.infer<typeof upperResourceSchema>;

/** The result of importing the province's list: what was created, updated or left as it was (codes). */
export const upperImportResultSchema = z.object({ created: z.array(z.string()), updated: z.array(z.string()), unchanged: z.array(z.string()) });
export type UpperImportResultDto = z.infer<typeof upperImportResultSchema>;

// ── 需求 ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A department's need for an upper-level resource (第十八条): what for, where, which items, on what basis, who to call. */
export const createUpperNeedSchema = z.strictObject({
  resourceId: positiveId('上级资源 resourceId'),
  purpose: trimmed(5, 2000, '用途 purpose'),
  /** 应用场景 */
  scenario: trimmed(5, 2000, '应用场景 scenario'),
  items: itemList('所需信息项 items', 300),
  /** 法律依据 / 政策依据 */
  legalBasis: trimmed(2, 2000, '依据 legalBasis'),
  contactName: trimmed(2, 60, '联系人 contactName'),
  contactPhone: z
    .string({ error: '联系电话 contactPhone 不能为空' })
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/, '联系电话 contactPhone 应为 7 至 20 位数字（可含 + - 空格 括号）'),
});
export type CreateUpperNeedInput = z.infer<typeof createUpperNeedSchema>;

export const upperNeedQuerySchema = pageQuerySchema.extend({
  status: z.enum(UPPER_NEED_STATUSES, { message: '状态 status 应为 submitted、consolidated、applied、answered 或 withdrawn' }).optional(),
  resourceId: idSchema.optional(),
  /** the department that needs it (the bureau and leaders) */
  department: idSchema.optional(),
  /** the resource's name or code, the purpose, or a 需求编号 */
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
});
export type UpperNeedQuery = z.infer<typeof upperNeedQuerySchema>;

const resourceRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), holder: z.string(), level: z.enum(UPPER_LEVELS) });

export const upperNeedSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  resource: resourceRefSchema,
  department: departmentSummarySchema,
  requestedBy: z.string(),
  purpose: z.string(),
  scenario: z.string(),
  items: z.array(z.string()),
  legalBasis: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: z.enum(UPPER_NEED_STATUSES),
  receivedAt: z.string(),
  /** the bureau's commitment to consolidate and submit it (第十八条, 服务承诺) */
  dueAt: z.string(),
  dueDate: z.string(),
  standing: deadlineStandingSchema,
  application: z.object({ id: z.number().int(), code: z.string(), status: z.enum(UPPER_APPLICATION_STATUSES), submittedOn: z.string().nullable() }).nullable(),
  /** the upper level's reply to the batch application, once passed back */
  reply: z.object({ decision: z.enum(UPPER_REPLY_DECISIONS), referenceNo: z.string(), replyDate: z.string(), conditions: z.string().nullable() }).nullable(),
  outcome: z.enum(UPPER_OUTCOMES).nullable(),
  outcomeItems: z.array(z.string()),
  outcomeNote: z.string().nullable(),
  passedBackAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  permissions: z.object({ canWithdraw: z.boolean() }),
});
export type UpperNeedDto = z.infer<typeof upperNeedSchema>;

export const upperNeedCreatedSchema = z.object({ id: z.number().int(), code: z.string(), status: z.enum(UPPER_NEED_STATUSES), dueAt: z.string(), dueDate: z.string() });

// ── 统一申请 ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Consolidate the open needs for one resource into its batch application (all of them, or the ones named). */
export const consolidateUpperNeedsSchema = z.strictObject({
  resourceId: positiveId('上级资源 resourceId'),
  needIds: z.array(positiveId('需求编号'), { error: 'needIds 应为需求编号的数组' }).min(1, '请至少选择一条需求').max(500, '一次最多汇总 500 条需求').optional(),
});
export type ConsolidateUpperNeedsInput = z.infer<typeof consolidateUpperNeedsSchema>;

/** The bureau records that the batch application went to the upper platform. */
export const submitUpperApplicationSchema = z.strictObject({
  /** the day it was submitted (YYYY-MM-DD, not in the future) */
  submittedOn: isoDateSchema,
  /** 上级平台申请单号, when the platform gives one */
  platformRef: trimmed(1, 100, '上级平台申请单号 platformRef').optional(),
  note: trimmed(1, 2000, '备注 note').optional(),
});
export type SubmitUpperApplicationInput = z.infer<typeof submitUpperApplicationSchema>;

/** The upper level's reply: approved, partly (naming the items granted) or refused, with its reference number and date. */
export const replyUpperApplicationSchema = z
  .strictObject({
    decision: z.enum(UPPER_REPLY_DECISIONS, { message: '答复结论 decision 应为 approved（同意）、partly_approved（部分同意）或 refused（不同意）' }),
    /** 答复文号 */
    referenceNo: trimmed(2, 100, '答复文号 referenceNo'),
    replyDate: isoDateSchema,
    /** 使用条件 (scope, security duties, validity) */
    conditions: trimmed(1, 2000, '使用条件 conditions').optional(),
    /** the items granted when partly approved */
    approvedItems: z.array(itemName, { error: 'approvedItems 应为信息项名称的数组' }).max(300, '信息项最多 300 个').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'partly_approved' && !v.approvedItems?.length) ctx.addIssue({ code: 'custom', path: ['approvedItems'], message: '“部分同意”须列明上级同意共享的信息项 approvedItems' });
    if (v.decision !== 'partly_approved' && v.approvedItems?.length) ctx.addIssue({ code: 'custom', path: ['approvedItems'], message: '只有“部分同意”需要列明信息项 approvedItems' });
  });
export type ReplyUpperApplicationInput = z.infer<typeof replyUpperApplicationSchema>;

/** The result passed back to each department: by default what the reply gives each need; the bureau may say more. */
export const passBackUpperApplicationSchema = z.strictObject({
  outcomes: z
    .array(
      z.strictObject({
        needId: positiveId('需求编号 needId'),
        outcome: z.enum(UPPER_OUTCOMES, { message: '结果 outcome 应为 approved、partly_approved 或 refused' }),
        items: z.array(itemName).max(300).optional(),
        note: trimmed(1, 2000, '说明 note').optional(),
      }),
      { error: 'outcomes 应为各需求结果的数组' },
    )
    .max(500)
    .optional(),
  /** words for every department (how to access the data, whom to contact) */
  note: trimmed(1, 2000, '说明 note').optional(),
});
export type PassBackUpperApplicationInput = z.infer<typeof passBackUpperApplicationSchema>;

export const upperApplicationQuerySchema = pageQuerySchema.extend({
  status: z.enum(UPPER_APPLICATION_STATUSES, { message: '状态 status 应为 draft、submitted、replied 或 passed_back' }).optional(),
  resourceId: idSchema.optional(),
  /** the resource's name or code, or a 统一申请编号 */
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
});
export type UpperApplicationQuery = z.infer<typeof upperApplicationQuerySchema>;

export const upperApplicationSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  resource: resourceRefSchema.extend({ system: z.string(), howToApply: z.string() }),
  status: z.enum(UPPER_APPLICATION_STATUSES),
  /** 申请单位 */
  applicant: z.string(),
  needs: z.array(upperNeedSchema),
  /** the items of all needs, in the resource's order */
  items: z.array(z.string()),
  departments: z.array(departmentSummarySchema),
  createdAt: z.string(),
  createdBy: z.string(),
  submittedOn: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  platformRef: z.string().nullable(),
  submitNote: z.string().nullable(),
  /** the earliest running submission clock of its needs (服务承诺), while in draft */
  submitBy: deadlineStandingSchema.nullable(),
  submitDueDate: z.string().nullable(),
  decision: z.enum(UPPER_REPLY_DECISIONS).nullable(),
  referenceNo: z.string().nullable(),
  replyDate: z.string().nullable(),
  conditions: z.string().nullable(),
  approvedItems: z.array(z.string()),
  repliedAt: z.string().nullable(),
  /** the pass-back clock (服务承诺), from the reply on */
  passBack: deadlineStandingSchema.nullable(),
  passBackDueDate: z.string().nullable(),
  passedBackAt: z.string().nullable(),
  passBackNote: z.string().nullable(),
  permissions: z.object({ canSubmit: z.boolean(), canReply: z.boolean(), canPassBack: z.boolean() }),
});
export type UpperApplicationDto = z.infer<typeof upperApplicationSchema>;

/** A resource with needs waiting to be consolidated (the bureau's 待汇总 list). */
export const upperPendingSchema = z.object({
  resource: resourceRefSchema,
  needs: z.number().int(),
  departments: z.array(departmentSummarySchema),
  /** the earliest submission due date among them */
  dueDate: z.string(),
  standing: deadlineStandingSchema,
  /** the draft application they would join, if one exists */
  draftApplicationId: z.number().int().nullable(),
});
export type UpperPendingDto = z.infer<typeof upperPendingSchema>;
