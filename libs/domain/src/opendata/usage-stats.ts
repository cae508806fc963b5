import { z } from 'zod';
import { isoDateSchema } from '../common';

/**
 * 开放数据使用统计 (issue 16 §8, 第二十二条, 第二十五条): views, downloads and open-interface calls of the open
 * datasets between two Asia/Shanghai dates, grouped by dataset, providing department or day. The bureau and leaders
 * read every department's; a department reads its own datasets only.
 */
export const OPEN_USAGE_GROUPS = ['dataset', 'department', 'day'] as const;
export type OpenUsageGroup = (typeof OPEN_USAGE_GROUPS)[number];
export const OPEN_USAGE_GROUP_LABELS: Record<OpenUsageGroup, string> = { dataset: '数据集', department: '部门', day: '日期' };

/** The longest range one statistics query may span (a year, leap day included): the indexes bound each read by it. */
export const OPEN_USAGE_MAX_DAYS = 366;

/** At most this many rows in one answer (the dataset grouping of a large catalog); totals always cover all. */
export const OPEN_USAGE_MAX_ROWS = 2000;

const DAY = 86_400_000;
/** Days from `from` to `to`, both counted (2026-01-01..2026-01-01 is 1). */
export const inclusiveDays = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;

export const openUsageQuerySchema = z
  .object({
    /** first day, Asia/Shanghai (default: 29 days before `to`) */
    from: isoDateSchema.optional(),
    /** last day, Asia/Shanghai, inclusive (default: today) */
    to: isoDateSchema.optional(),
    groupBy: z.enum(OPEN_USAGE_GROUPS, { message: '分组方式应为 dataset（数据集）、department（部门）或 day（日期）' }).default('dataset'),
    departmentId: z.coerce.number().int('部门编号应为正整数').positive('部门编号应为正整数').optional(),
    datasetId: z.coerce.number().int('数据集编号应为正整数').positive('数据集编号应为正整数').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to) {
      if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: `开始日期 ${q.from} 晚于结束日期 ${q.to}，请调换或重新选择` });
      else if (inclusiveDays(q.from, q.to) > OPEN_USAGE_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `统计区间最长 ${OPEN_USAGE_MAX_DAYS} 天，请缩短日期范围后再查询` });
    }
  });
export type OpenUsageQuery = z.infer<typeof openUsageQuerySchema>;

export const openUsageRowSchema = z.object({
  /** the dataset id, the department id, or the day (YYYY-MM-DD) — as a string */
  key: z.string(),
  /** the dataset's title, the department's name, or the day */
  label: z.string(),
  views: z.number().int(),
  downloads: z.number().int(),
  /** answered calls of the open interface (public API keys) on the dataset's entry */
  apiCalls: z.number().int(),
});
export type OpenUsageRowDto = z.infer<typeof openUsageRowSchema>;

export const openUsageStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(OPEN_USAGE_GROUPS),
  items: z.array(openUsageRowSchema),
  totals: z.object({
    views: z.number().int(),
    downloads: z.number().int(),
    apiCalls: z.number().int(),
    /** open datasets in scope that were open at some time in the range */
    datasets: z.number().int(),
    /** of those, the ones downloaded or called at least once in the range (开放数据利用率's numerator) */
    usedDatasets: z.number().int(),
  }),
  /** true when the dataset grouping listed only the most used {@link OPEN_USAGE_MAX_ROWS} (totals cover all) */
  truncated: z.boolean(),
});
export type OpenUsageStatsDto = z.infer<typeof openUsageStatsSchema>;
