import { z } from 'zod';
import { idSchema, pageQuerySchema } from '../common';
import { DESENSITIZATIONS, ITEM_DATA_TYPES, OPEN_TYPES, RESOURCE_FORMATS, RESOURCE_TYPES, UPDATE_CYCLES } from '../catalog/enums';
import { OPEN_REVIEW_CONCLUSIONS, OPEN_REVIEW_KINDS, OPEN_STATES, openReviewConclusionSchema, openReviewKindSchema } from './enums';
import { openDataSchema, openDataVersionSchema, openUsageSchema } from './downloads';

/** Text a person must fill in: the message names the field whether it is missing, not text, too short or too long. */
const text = (min: number, max: number, label: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}应为文字`) })
    .trim()
    .min(min, min <= 1 ? `${label}不能为空` : `${label}至少 ${min} 个字符`)
    .max(max, `${label}不能超过 ${max} 个字符`);

/** The providing department records a review before opening (第二十六条). */
export const recordOpenReviewSchema = z.strictObject({
  kind: openReviewKindSchema,
  conclusion: openReviewConclusionSchema,
  /** 审查依据: the rules applied and what was checked */
  basis: text(2, 2000, '审查依据'),
  /** 审查人: the person or body that reviewed (e.g. 保密办 张三) */
  reviewer: text(1, 100, '审查人'),
});
export type RecordOpenReviewInput = z.infer<typeof recordOpenReviewSchema>;

export const openReviewSchema = z.object({
  id: z.number().int(),
  kind: z.enum(OPEN_REVIEW_KINDS),
  conclusion: z.enum(OPEN_REVIEW_CONCLUSIONS),
  basis: z.string(),
  reviewer: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type OpenReviewDto = z.infer<typeof openReviewSchema>;

/** The open-data side of one catalog entry, for its provider and the bureau. */
export const entryOpenStatusSchema = z.object({
  entryId: z.number().int(),
  state: z.enum(OPEN_STATES),
  reasons: z.array(z.string()),
  datasetName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  reviews: z.array(openReviewSchema),
  permissions: z.object({ canReview: z.boolean(), canPublish: z.boolean(), canWithdraw: z.boolean() }),
});
export type EntryOpenStatusDto = z.infer<typeof entryOpenStatusSchema>;

/** The bureau's publishing queue (开放目录发布). */
export const openQueueQuerySchema = pageQuerySchema.extend({
  state: z.enum(OPEN_STATES, { message: '状态应为 待审查、待发布、已开放 或 已撤回（not_ready / ready / published / withdrawn）' }).optional(),
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
});
export type OpenQueueQuery = z.infer<typeof openQueueQuerySchema>;

export const openQueueRowSchema = z.object({
  entryId: z.number().int(),
  code: z.string(),
  name: z.string(),
  provider: z.string(),
  openType: z.enum(OPEN_TYPES),
  state: z.enum(OPEN_STATES),
  reasons: z.array(z.string()),
  datasetName: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type OpenQueueRowDto = z.infer<typeof openQueueRowSchema>;

export const withdrawOpenSchema = z.strictObject({ reason: text(2, 500, '撤回原因') });

// ---- the public portal --------------------------------------------------------------------------------------------

const SORTS = ['relevance', 'newest', 'modified', 'name'] as const;
export const openDatasetQuerySchema = z.object({
  q: z.string().trim().max(100, '搜索词不能超过 100 个字符').optional(),
  department: idSchema.optional(),
  theme: z.string().trim().max(60, '主题不能超过 60 个字符').optional(),
  format: z.enum(RESOURCE_FORMATS, { message: '资源格式不正确' }).optional(),
  updateCycle: z.enum(UPDATE_CYCLES, { message: '更新周期不正确' }).optional(),
  openType: z.enum(['open', 'on_application'], { message: '开放类型应为 无条件开放 或 依申请开放（open / on_application）' }).optional(),
  sort: z.enum(SORTS, { message: '排序应为 relevance、newest、modified 或 name' }).default('relevance'),
  page: z.coerce.number({ message: '页码应为数字' }).int().min(1, '页码从 1 开始').max(10_000, '页码过大').default(1),
  pageSize: z.coerce.number({ message: '每页条数应为数字' }).int().min(1).max(100, '每页最多 100 条').default(20),
});
export type OpenDatasetQuery = z.infer<typeof openDatasetQuerySchema>;

export const openItemSchema = z.object({
  name: z.string(),
  dataType: z.enum(ITEM_DATA_TYPES),
  description: z.string().nullable(),
  /** served masked (脱敏) under this rule */
  desensitization: z.enum(DESENSITIZATIONS),
  labels: z.object({ dataType: z.string(), desensitization: z.string() }),
});

export const openDatasetSummarySchema = z.object({
  name: z.string(),
  code: z.string(),
  title: z.string(),
  summary: z.string(),
  department: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  theme: z.string(),
  resourceType: z.enum(RESOURCE_TYPES),
  format: z.enum(RESOURCE_FORMATS),
  openType: z.enum(['open', 'on_application']),
  updateCycle: z.enum(UPDATE_CYCLES),
  /** the labels of format, open type and update cycle, so that light clients need no vocabulary of their own */
  labels: z.object({ format: z.string(), openType: z.string(), updateCycle: z.string() }),
  /** the files the public can download (无条件开放 with a live data version); empty until the provider's data is on the platform */
  downloadFormats: z.array(z.enum(['CSV', 'XLSX', 'JSON'])),
  dataUpdatedAt: z.string().nullable(),
  publishedAt: z.string(),
  modifiedAt: z.string(),
  views: z.number().int(),
  downloads: z.number().int(),
});
export type OpenDatasetSummaryDto = z.infer<typeof openDatasetSummarySchema>;

export const openDatasetSchema = openDatasetSummarySchema.extend({
  classCode: z.string(),
  openConditions: z.string().nullable(),
  dataRange: z.string().nullable(),
  applicationScenarios: z.string().nullable(),
  version: z.number().int(),
  license: z.object({ id: z.string(), title: z.string(), url: z.string() }),
  items: z.array(openItemSchema),
  history: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), summary: z.string() })),
  /** the live data and its files (null until the provider publishes a data version) */
  data: openDataSchema.nullable(),
  /** 数据更新记录: the published data versions, newest first */
  dataHistory: z.array(openDataVersionSchema),
  usage: openUsageSchema,
});
export type OpenDatasetDto = z.infer<typeof openDatasetSchema>;

const facetSchema = z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }));
export const openSearchResultSchema = z.object({
  items: z.array(openDatasetSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({ department: facetSchema, theme: facetSchema, format: facetSchema, updateCycle: facetSchema, openType: facetSchema }),
});
export type OpenSearchResultDto = z.infer<typeof openSearchResultSchema>;

export const openDepartmentSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), datasets: z.number().int() });
export type OpenDepartmentDto = z.infer<typeof openDepartmentSchema>;

export const portalHomeSchema = z.object({
  counts: z.object({ datasets: z.number().int(), departments: z.number().int(), open: z.number().int(), onApplication: z.number().int() }),
  newest: z.array(openDatasetSummarySchema),
  popular: z.array(openDatasetSummarySchema),
  departments: z.array(openDepartmentSchema),
  themes: z.array(z.object({ value: z.string(), label: z.string(), count: z.number().int() })),
});
export type PortalHomeDto = z.infer<typeof portalHomeSchema>;

export const datasetNameParamsSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9_-]{2,100}$/, '数据集名称只含小写字母、数字、- 和 _'),
});
