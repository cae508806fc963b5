import { z } from 'zod';
import { isoDateSchema, trimmed } from '../common';
import { CALL_STATUSES, DATASET_STATUSES, SYSTEM_STATUSES } from './labels';

/** The statuses and their labels are in labels.ts, apart from zod (pages that only show them do not load it). */
export * from './labels';

/**
 * The gateway's contracts: datasets behind catalog entries, the departments' application systems (接入系统, 第四条)
 * with OAuth 2.0 client credentials, the gateway's record query, and call records (调用记录, 第十六条(四)).
 */


export const datasetVersionSchema = z.object({
  id: z.number().int(),
  entryId: z.number().int(),
  version: z.number().int(),
  status: z.enum(DATASET_STATUSES),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  rows: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  /** the item field names of the version's columns, in order */
  columns: z.array(z.object({ itemId: z.number().int(), fieldName: z.string(), name: z.string(), dataType: z.string() })),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
  publishedAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
  /** a superseded version is readable until this instant */
  readableUntil: z.string().nullable(),
});
export type DatasetVersionDto = z.infer<typeof datasetVersionSchema>;

/** What the person may do with an entry's data (server-computed, like `EntryDetailDto.permissions`). */
export const datasetPermissionsSchema = z.object({
  /** upload a new version (the provider's data officer or the bureau; not for a retired entry) */
  canUpload: z.boolean(),
  /** publish an uploaded version */
  canPublish: z.boolean(),
  /** preview any version, not only the live one */
  canPreviewAll: z.boolean(),
});
export type DatasetPermissions = z.infer<typeof datasetPermissionsSchema>;

/** The 数据 tab of an entry: its versions, newest first, and what the person may do. */
export const datasetListSchema = z.object({ items: z.array(datasetVersionSchema), permissions: datasetPermissionsSchema });
export type DatasetListDto = z.infer<typeof datasetListSchema>;

export const datasetUploadResultSchema = z.object({ versionId: z.number().int(), version: z.number().int(), rows: z.number().int(), status: z.enum(DATASET_STATUSES) });
export type DatasetUploadResult = z.infer<typeof datasetUploadResultSchema>;

export const datasetUploadQuerySchema = z.object({
  /** CSV text encoding; left out, UTF-8 unless the bytes are not valid UTF-8 (then GB18030) */
  encoding: z.enum(['utf-8', 'gb18030'], { message: '编码应为 utf-8 或 gb18030' }).optional(),
  filename: z.string().max(200, '文件名不能超过 200 个字符').optional(),
});

export const datasetPreviewSchema = z.object({
  version: z.number().int(),
  columns: z.array(z.object({ fieldName: z.string(), name: z.string(), desensitization: z.string() })),
  items: z.array(z.record(z.string(), z.unknown())),
  total: z.number().int(),
});
export type DatasetPreviewDto = z.infer<typeof datasetPreviewSchema>;

// ---- 接入系统 ----


export const systemInputSchema = z.strictObject({
  name: trimmed(2, 100, '系统名称'),
  description: z.string().trim().max(500, '系统说明不能超过 500 个字符').nullish().transform((v) => v || null),
  /** the bureau registers for a department; a department registers its own */
  departmentId: z.number().int().positive().optional(),
});
export type SystemInput = z.output<typeof systemInputSchema>;

export const systemPatchSchema = z.strictObject({
  status: z.enum(SYSTEM_STATUSES, { message: '状态应为 active（启用）或 disabled（停用）' }),
});

export const systemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  department: z.object({ id: z.number().int(), name: z.string() }),
  clientId: z.string(),
  status: z.enum(SYSTEM_STATUSES),
  createdAt: z.string(),
  secretRotatedAt: z.string(),
  lastCalledAt: z.string().nullable(),
  /** rotate the secret, disable or enable (server-computed: the department's data officer or the bureau) */
  permissions: z.object({ canManage: z.boolean() }),
});
export type SystemDto = z.infer<typeof systemSchema>;

/** Answer of a registration or a rotation: the secret is shown this once and stored only as a hash. */
export const systemCredentialsSchema = z.object({ id: z.number().int(), clientId: z.string(), clientSecret: z.string(), system: systemSchema });
export type SystemCredentials = z.infer<typeof systemCredentialsSchema>;

/** RFC 6749 §4.4.2 — the token request (form-encoded); client id and secret may instead come by HTTP Basic. */
export const tokenRequestSchema = z.object({
  grant_type: z.string({ message: '缺少 grant_type' }),
  client_id: z.string().max(100).optional(),
  client_secret: z.string().max(200).optional(),
  scope: z.string().max(500).optional(),
});
export const tokenResponseSchema = z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() });
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// ---- 网关查询 ----

export const gatewayPageSchema = z.object({
  page: z.coerce.number({ message: 'page 应为正整数' }).int('page 应为正整数').min(1, 'page 应为正整数').default(1),
  pageSize: z.coerce.number({ message: 'pageSize 应为 1–100 的整数' }).int('pageSize 应为 1–100 的整数').min(1, 'pageSize 应为 1–100 的整数').max(100, 'pageSize 不能超过 100').default(20),
});

export const gatewayRecordsSchema = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** the dataset version served; null when the records came from the provider's interface (接口服务) */
  version: z.number().int().nullable(),
  /** where the records came from: the live dataset version on the platform, or the provider's interface proxied */
  source: z.enum(['dataset', 'upstream']),
});
export type GatewayRecords = z.infer<typeof gatewayRecordsSchema>;

// ---- 调用记录 ----


export const callRecordQuerySchema = z.object({
  entryId: z.coerce.number().int().positive().optional(),
  systemId: z.coerce.number().int().positive().optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  grantId: z.coerce.number().int().positive().optional(),
  status: z.enum(CALL_STATUSES).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CallRecordQuery = z.infer<typeof callRecordQuerySchema>;

export const callRecordSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  system: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  entry: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  grantId: z.number().int().nullable(),
  queryFields: z.array(z.string()),
  fieldsReturned: z.array(z.string()),
  rowCount: z.number().int(),
  status: z.enum(CALL_STATUSES),
  httpStatus: z.number().int(),
  latencyMs: z.number().int(),
  responseHash: z.string().nullable(),
  hash: z.string(),
});
export type CallRecordDto = z.infer<typeof callRecordSchema>;

export const chainVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** the first record that does not match its hash or its predecessor (edited, deleted or inserted) */
  firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
  seals: z.object({ checked: z.number().int(), bad: z.array(z.string()) }),
});
export type ChainVerification = z.infer<typeof chainVerificationSchema>;

export const certificateQuerySchema = z.object({
  grantId: z.coerce.number().int().positive(),
  from: isoDateSchema,
  to: isoDateSchema,
  format: z.enum(['json', 'pdf']).default('json'),
});
