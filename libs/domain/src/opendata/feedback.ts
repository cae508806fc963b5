import { z } from 'zod';
import { trimmed } from '../common';
import { PUBLIC_ACCOUNT_KINDS } from './public-accounts';

/**
 * 使用与反馈 (issue 16 item 5; 第二十五条 encourages using open data): portal users rate a dataset (1–5, one rating
 * per user, changeable) and register 利用成果 — apps, reports, research built on it — which the portal shows once
 * the bureau approved them.
 */
export const rateDatasetSchema = z.strictObject({
  score: z.number({ message: '评分应为 1–5 的整数' }).int('评分应为 1–5 的整数').min(1, '评分应为 1–5 的整数').max(5, '评分应为 1–5 的整数'),
});
export type RateDatasetInput = z.infer<typeof rateDatasetSchema>;

export const SHOWCASE_KINDS = ['app', 'report', 'research', 'other'] as const;
export type ShowcaseKind = (typeof SHOWCASE_KINDS)[number];
export const SHOWCASE_KIND_LABELS: Record<ShowcaseKind, string> = { app: '应用', report: '报告', research: '研究', other: '其他' };
export const SHOWCASE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ShowcaseStatus = (typeof SHOWCASE_STATUSES)[number];
export const SHOWCASE_STATUS_LABELS: Record<ShowcaseStatus, string> = { pending: '待审核', approved: '已展示', rejected: '未通过' };

const fill = (min: number, max: number, label: string) =>
  z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}应为文字`) }).pipe(trimmed(min, max, label));

export const submitShowcaseSchema = z.strictObject({
  title: fill(2, 100, '成果名称'),
  kind: z.enum(SHOWCASE_KINDS, { message: '成果类型应为 应用（app）、报告（report）、研究（research）或 其他（other）' }),
  description: fill(10, 1000, '成果简介'),
  /** where people find it: an http(s) address */
  url: z
    .string()
    .trim()
    .max(500, '链接不能超过 500 个字符')
    .regex(/^https?:\/\/[^\s]+$/i, '链接应为 http:// 或 https:// 开头的网址')
    .optional(),
});
export type SubmitShowcaseInput = z.infer<typeof submitShowcaseSchema>;

export const reviewShowcaseSchema = z.discriminatedUnion(
  'decision',
  [z.strictObject({ decision: z.literal('approve') }), z.strictObject({ decision: z.literal('reject'), reason: fill(2, 500, '不予展示的原因') })],
  { error: '审核结论应为 approve（展示）或 reject（不予展示，须写原因）' },
);
export type ReviewShowcaseInput = z.infer<typeof reviewShowcaseSchema>;

export const showcaseSchema = z.object({
  id: z.number().int(),
  dataset: z.object({ name: z.string(), title: z.string() }),
  title: z.string(),
  kind: z.enum(SHOWCASE_KINDS),
  description: z.string(),
  url: z.string().nullable(),
  author: z.object({ kind: z.enum(PUBLIC_ACCOUNT_KINDS), name: z.string() }),
  status: z.enum(SHOWCASE_STATUSES),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ShowcaseDto = z.infer<typeof showcaseSchema>;

export const showcaseQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: z.enum(SHOWCASE_STATUSES, { message: '状态应为 pending、approved 或 rejected' }).optional(),
});
export type ShowcaseQuery = z.infer<typeof showcaseQuerySchema>;

/** A dataset's feedback as the portal shows it: the average rating, the user's own, the approved 利用成果. */
export const datasetFeedbackSchema = z.object({
  rating: z.object({ average: z.number().nullable(), count: z.number().int(), mine: z.number().int().nullable() }),
  showcases: z.array(showcaseSchema),
  /** the logged-in user's own submissions for this dataset, whatever their status */
  mine: z.array(showcaseSchema),
});
export type DatasetFeedbackDto = z.infer<typeof datasetFeedbackSchema>;
