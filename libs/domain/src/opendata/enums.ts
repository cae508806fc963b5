import { z } from 'zod';

/**
 * 开放前审查 (第二十三条, 第二十六条): before a resource is opened to the public, the providing department records a
 * 保密审查 (no state secret, trade secret or personal privacy is exposed) and a 政务公开审查 (the data may be made
 * public under the government information disclosure rules). The bureau publishes only entries whose latest review of
 * each kind approved opening.
 */
export const OPEN_REVIEW_KINDS = ['secrecy', 'disclosure'] as const;
export type OpenReviewKind = (typeof OPEN_REVIEW_KINDS)[number];
export const OPEN_REVIEW_KIND_LABELS: Record<OpenReviewKind, string> = { secrecy: '保密审查', disclosure: '政务公开审查' };
export const openReviewKindSchema = z.enum(OPEN_REVIEW_KINDS, { message: '审查类型应为 保密审查 或 政务公开审查（secrecy / disclosure）' });

export const OPEN_REVIEW_CONCLUSIONS = ['approved', 'rejected'] as const;
export type OpenReviewConclusion = (typeof OPEN_REVIEW_CONCLUSIONS)[number];
export const OPEN_REVIEW_CONCLUSION_LABELS: Record<OpenReviewConclusion, string> = { approved: '同意开放', rejected: '不同意开放' };
export const openReviewConclusionSchema = z.enum(OPEN_REVIEW_CONCLUSIONS, { message: '审查结论应为 同意开放 或 不同意开放（approved / rejected）' });

/** Where an open dataset stands in the open catalog. */
export const OPEN_STATES = ['not_ready', 'ready', 'published', 'withdrawn'] as const;
export type OpenState = (typeof OPEN_STATES)[number];
export const OPEN_STATE_LABELS: Record<OpenState, string> = {
  not_ready: '待审查',
  ready: '待发布',
  published: '已开放',
  withdrawn: '已撤回',
};

/** The licence every open dataset is published under (the portal's 开放数据使用协议). */
export const OPEN_LICENSE = {
  id: 'sz-open-data-1.0',
  title: '朔州市公共数据开放使用协议 1.0',
  url: '/open/license',
} as const;
