import { z } from 'zod';
import { departmentSummarySchema } from '../departments';
import {
  CLOSED_REASONS,
  COLLECTION_BASIS_TYPES,
  DESENSITIZATIONS,
  ENTRY_STATUSES,
  ITEM_DATA_TYPES,
  OPEN_TYPES,
  RESOURCE_FORMATS,
  RESOURCE_TYPES,
  SECURITY_GRADES,
  SHARE_METHODS,
  SHARE_TYPES,
  UPDATE_CYCLES,
} from './enums';
import { entryLifecycleSchema } from '../lifecycle/schemas';

/** What the API returns for the catalog (entities never leave the server). */

export const itemSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  name: z.string(),
  fieldName: z.string(),
  normalizedName: z.string(),
  dataType: z.enum(ITEM_DATA_TYPES),
  length: z.number().int().nullable(),
  nullable: z.boolean(),
  primaryKey: z.boolean(),
  queryKey: z.boolean(),
  sensitive: z.boolean(),
  secret: z.boolean(),
  desensitization: z.enum(DESENSITIZATIONS),
  description: z.string().nullable(),
});
export type ItemDto = z.infer<typeof itemSchema>;

export const entrySummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  resourceType: z.enum(RESOURCE_TYPES),
  library: z.string().nullable(),
  classCode: z.string(),
  provider: departmentSummarySchema,
  format: z.enum(RESOURCE_FORMATS),
  shareType: z.enum(SHARE_TYPES),
  openType: z.enum(OPEN_TYPES),
  securityGrade: z.enum(SECURITY_GRADES),
  updateCycle: z.enum(UPDATE_CYCLES),
  dataUpdatedAt: z.string().nullable(),
  dedicated: z.boolean(),
  /** a member of the 高频数据共享库 (第十八条) */
  highFrequency: z.boolean(),
  status: z.enum(ENTRY_STATUSES),
  currentVersion: z.number().int(),
  itemCount: z.number().int(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type EntrySummaryDto = z.infer<typeof entrySummarySchema>;

export const entryPermissionsSchema = z.object({
  canEdit: z.boolean(),
  canPublish: z.boolean(),
  canDelete: z.boolean(),
  /** 申请共享 / 开通专用 / 申请协调 from the entry's page (`entryShareActions`) */
  canRequestShare: z.boolean(),
  canOpenDedicated: z.boolean(),
  canRequestCoordination: z.boolean(),
});

export const entryDetailSchema = entrySummarySchema.extend({
  summary: z.string(),
  formatDetail: z.string().nullable(),
  shareConditions: z.string().nullable(),
  noShareReason: z.string().nullable(),
  noShareBasis: z.string().nullable(),
  shareMethod: z.enum(SHARE_METHODS),
  dedicatedDepartments: z.array(departmentSummarySchema),
  openConditions: z.string().nullable(),
  closedReason: z.enum(CLOSED_REASONS).nullable(),
  closedBasis: z.string().nullable(),
  securityAgreementRequired: z.boolean(),
  internalReview: z.object({ scenarios: z.string(), userIdentity: z.string(), region: z.string(), scope: z.string() }),
  collectionBasisType: z.enum(COLLECTION_BASIS_TYPES),
  collectionBasis: z.string(),
  dataRange: z.string().nullable(),
  applicationScenarios: z.string().nullable(),
  relatedCodes: z.array(z.string()),
  /** the library's lead department (第六条) for base and thematic resources */
  libraryLead: departmentSummarySchema.nullable(),
  items: z.array(itemSchema),
  createdAt: z.string(),
  lockVersion: z.number().int(),
  /** 数据已在平台, derived (a rule-set fact, issue 12 §1): a live dataset version, or a healthy 接口服务 (libs/gateway upstream.ts) */
  dataOnPlatform: z.boolean(),
  permissions: entryPermissionsSchema,
  /** 纠错中 and an announced retirement (第十七条, 第十九条), added by the lifecycle area */
  lifecycle: entryLifecycleSchema.optional(),
});
export type EntryDetailDto = z.infer<typeof entryDetailSchema>;

export const entryCreatedSchema = z.object({ id: z.number().int(), code: z.string(), status: z.enum(ENTRY_STATUSES) });

export const fieldChangeSchema = z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() });

export const versionSummarySchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  changedBy: z.string(),
  changedAt: z.string(),
  note: z.string().nullable(),
  changeCount: z.number().int(),
  diff: z.array(fieldChangeSchema),
});
export type VersionSummaryDto = z.infer<typeof versionSummarySchema>;

export const versionDetailSchema = versionSummarySchema.extend({ snapshot: z.record(z.string(), z.unknown()) });

export const entryDiffSchema = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(fieldChangeSchema) });

/** The provider states whether the entry's data is already on the platform (the condition of some rule sets' reply period). */
