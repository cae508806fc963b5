import { z } from 'zod';
import { idSchema, isoDateSchema, pageQuerySchema } from '../common';
import { departmentSummarySchema } from '../departments';

/**
 * 高频数据共享库 (第十八条: “数据资源落地后经过治理形成朔州市高频数据共享库，由政务数据共享管理部门统一对外提供服务”).
 * The ranking tells the bureau which resources are used most — by share requests, the grants in force and the calls
 * answered through the gateway (the call records, 第十六条(四)); the bureau curates the library from it, with reasons.
 * Requests for a member of the library are fast-tracked: first in the bureau's review queue.
 */

/** How the three counts weigh in the score (they sum to 1). */
export const HIGH_FREQUENCY_WEIGHTS = { requests: 0.4, grants: 0.3, calls: 0.3 } as const;

export interface UsageCounts {
  requests: number;
  grants: number;
  calls: number;
}

/**
 * The score of an entry in a ranking, 0–100: each count divided by the largest of its kind in the ranking, weighted
 * (requests 40 %, grants in force 30 %, answered calls 30 %). Relative, so that a resource with thousands of calls
 * does not drown the requests; a kind nobody has in the period counts 0 for everyone.
 */
export function highFrequencyScore(counts: UsageCounts, max: UsageCounts): number {
  const part = (n: number, m: number) => (m > 0 ? n / m : 0);
  const w = HIGH_FREQUENCY_WEIGHTS;
  const score = 100 * (w.requests * part(counts.requests, max.requests) + w.grants * part(counts.grants, max.grants) + w.calls * part(counts.calls, max.calls));
  return Math.round(score * 10) / 10;
}

/** The score's formula in words, shown with the ranking. */
export const HIGH_FREQUENCY_FORMULA = `得分 = 100 ×（${HIGH_FREQUENCY_WEIGHTS.requests} × 申请数 ÷ 最大申请数 + ${HIGH_FREQUENCY_WEIGHTS.grants} × 有效授权数 ÷ 最大有效授权数 + ${HIGH_FREQUENCY_WEIGHTS.calls} × 成功调用数 ÷ 最大成功调用数）`;

/** The default window of a ranking: the last 90 days up to today. */
export const HIGH_FREQUENCY_DEFAULT_DAYS = 90;

export const highFrequencyRankingQuerySchema = pageQuerySchema
  .extend({
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    /** the providing department */
    department: z.coerce.number().int().positive('部门编号应为正整数').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export type HighFrequencyRankingQuery = z.infer<typeof highFrequencyRankingQuerySchema>;

const entryRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const highFrequencyRankingItemSchema = z.object({
  rank: z.number().int(),
  entry: entryRef,
  provider: departmentSummarySchema,
  /** only a published entry may join the library; retiring and retired ones stay in the ranking as history */
  entryStatus: z.string(),
  /** share requests submitted in the window */
  requests: z.number().int(),
  /** grants in force at some time in the window */
  grants: z.number().int(),
  /** gateway calls answered (status ok) in the window */
  calls: z.number().int(),
  score: z.number(),
  member: z.boolean(),
});
export type HighFrequencyRankingItem = z.infer<typeof highFrequencyRankingItemSchema>;

export const highFrequencyRankingSchema = z.object({
  items: z.array(highFrequencyRankingItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  from: z.string(),
  to: z.string(),
  formula: z.string(),
  max: z.object({ requests: z.number().int(), grants: z.number().int(), calls: z.number().int() }),
});
export type HighFrequencyRanking = z.infer<typeof highFrequencyRankingSchema>;

const reasonSchema = z
  .string({ error: '请填写理由' })
  .trim()
  .min(4, '理由至少 4 个字，说明纳入或移出的依据')
  .max(500, '理由不超过 500 字');

export const addHighFrequencySchema = z.strictObject({ entryId: idSchema, reason: reasonSchema });
export const removeHighFrequencySchema = z.strictObject({ reason: reasonSchema });
export type AddHighFrequencyInput = z.infer<typeof addHighFrequencySchema>;
export type RemoveHighFrequencyInput = z.infer<typeof removeHighFrequencySchema>;

export const highFrequencyMemberSchema = z.object({
  /** the membership's id (a member removed and added again has two) */
  id: z.number().int(),
  entry: entryRef,
  provider: departmentSummarySchema,
  entryStatus: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
  addReason: z.string(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  removeReason: z.string().nullable(),
});
export type HighFrequencyMember = z.infer<typeof highFrequencyMemberSchema>;

export const highFrequencyLibraryQuerySchema = z.object({
  /** with the removed memberships (the history) */
  history: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
});
export const highFrequencyLibrarySchema = z.object({ items: z.array(highFrequencyMemberSchema) });
export type HighFrequencyLibrary = z.infer<typeof highFrequencyLibrarySchema>;
