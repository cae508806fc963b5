import { z } from 'zod';
import { isoDateSchema, pageQuerySchema, trimmed } from '../common';
import { departmentSummarySchema } from '../departments';
import { deadlineStandingSchema } from '../deadline-api';
import { RuleViolationError } from '../errors';
import { DEADLINE_STATES } from '../deadlines';
import { DUPLICATE_STATUSES, ENTRY_STATUSES, OPEN_TYPES, SHARE_TYPES, TRIGGER_KINDS, TRIGGER_STATUSES, duplicateStatusSchema, triggerKindSchema } from './enums';
import { fieldChangeSchema } from './dto';

// ---- 第七条 update triggers -------------------------------------------------------------------------------------

export const triggerInputSchema = z.strictObject({
  departmentId: z.number().int().positive('请选择需更新目录的部门'),
  kind: triggerKindSchema,
  reference: trimmed(2, 200, '文件依据'),
  effectiveDate: isoDateSchema,
  note: z.string().trim().max(1000, '说明不能超过 1000 个字符').nullish().transform((v) => v || null),
});
export type TriggerInput = z.infer<typeof triggerInputSchema>;

/** The regulation took effect on 2022-05-17; a change may be registered ahead of its effective date, by up to a year. */
export function assertTriggerDate(effectiveDate: string, today: string): void {
  if (effectiveDate < '2022-05-17') throw new RuleViolationError('生效日期早于本办法施行（2022-05-17），无需登记', 'catalog.trigger_too_old');
  const limit = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  if (effectiveDate > limit) throw new RuleViolationError('生效日期不能晚于一年以后', 'catalog.trigger_too_far');
}

export const TRIGGER_QUERY_STATES = ['open', 'overdue', 'met', 'missed', 'cancelled'] as const;
export const triggerQuerySchema = pageQuerySchema.extend({
  state: z.enum(TRIGGER_QUERY_STATES, { message: 'state 应为 open、overdue、met、missed 或 cancelled' }).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  kind: triggerKindSchema.optional(),
  /** the trigger's number (#12) or words of its reference (文号、法规名称) */
  q: z.string().trim().max(100, '搜索内容不超过 100 个字').optional(),
});
export type TriggerQuery = z.infer<typeof triggerQuerySchema>;

export const resolveTriggerSchema = z.strictObject({
  versionIds: z.array(z.number().int().positive()).min(1, '请关联至少一个在事由生效后发布的目录版本').max(200),
  note: z.string().trim().max(1000).nullish().transform((v) => v || null),
});
export const cancelTriggerSchema = z.strictObject({ reason: trimmed(2, 500, '撤销理由') });

export const triggerCreatedSchema = z.object({ id: z.number().int(), dueAt: z.string(), dueDate: z.string() });

export const triggerSchema = z.object({
  id: z.number().int(),
  department: departmentSummarySchema,
  kind: z.enum(TRIGGER_KINDS),
  reference: z.string(),
  effectiveDate: z.string(),
  note: z.string().nullable(),
  status: z.enum(TRIGGER_STATUSES),
  registeredBy: z.string().nullable(),
  registeredAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
  deadline: z
    .object({
      state: z.enum(DEADLINE_STATES),
      dueAt: z.string(),
      dueDate: z.string(),
      provisional: z.boolean(),
      workingDaysLeft: z.number().int().nullable(),
      workingDaysLate: z.number().int().nullable(),
      completedAt: z.string().nullable(),
      standing: deadlineStandingSchema,
    })
    .nullable(),
  links: z.array(z.object({ versionId: z.number().int(), entryId: z.number().int(), code: z.string(), name: z.string(), version: z.number().int(), changedAt: z.string() })),
  /** what the caller may do with it now (computed by the server with the domain's predicates) */
  permissions: z.object({ resolve: z.boolean(), cancel: z.boolean() }),
});
export type TriggerDto = z.infer<typeof triggerSchema>;

// ---- 第八条 city catalog releases -------------------------------------------------------------------------------

export const releaseInputSchema = z
  .strictObject({
    title: z.string().trim().max(100).nullish().transform((v) => v || null),
    note: z.string().trim().max(2000).nullish().transform((v) => v || null),
  })
  .default({ title: null, note: null });

export const releaseFilingSchema = z.strictObject({
  filedAt: isoDateSchema,
  filingReference: trimmed(2, 100, '备案文号'),
});

export const releaseSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  releasedAt: z.string(),
  releasedBy: z.string(),
  note: z.string().nullable(),
  previousNumber: z.number().int().nullable(),
  entryCount: z.number().int(),
  addedCount: z.number().int(),
  changedCount: z.number().int(),
  retiredCount: z.number().int(),
  filedAt: z.string().nullable(),
  filingReference: z.string().nullable(),
});
export type ReleaseDto = z.infer<typeof releaseSchema>;

export const releaseEntryQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100, '检索词不能超过 100 个字符').optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  /** 序号 of the previous page's last entry: the page starts after it (keyset paging; `page` is then only echoed) */
  after: z.coerce.number().int().min(0, 'after 应为上一页最后一条的序号（不小于 0 的整数）').optional(),
});

export const releaseEntrySchema = z.object({
  entryId: z.number().int(),
  versionId: z.number().int(),
  version: z.number().int(),
  /** 序号: the entry's place in the release, 1 … entryCount in code order */
  position: z.number().int(),
  code: z.string(),
  name: z.string(),
  provider: departmentSummarySchema,
  shareType: z.enum(SHARE_TYPES),
  openType: z.enum(OPEN_TYPES),
  status: z.enum(ENTRY_STATUSES),
});

export type ReleaseEntryDto = z.infer<typeof releaseEntrySchema>;

export const releaseDiffQuerySchema = z.object({ against: z.coerce.number().int().positive().optional() });
const diffEntry = z.object({ entryId: z.number().int(), code: z.string(), name: z.string(), provider: z.string(), fromVersion: z.number().int().nullable(), toVersion: z.number().int().nullable() });
export const releaseDiffSchema = z.object({
  release: z.number().int(),
  against: z.number().int().nullable(),
  added: z.array(diffEntry),
  changed: z.array(diffEntry.extend({ changes: z.array(fieldChangeSchema) })),
  retired: z.array(diffEntry),
});
export type ReleaseDiffDto = z.infer<typeof releaseDiffSchema>;

// ---- 第九条 一数一源 -----------------------------------------------------------------------------------------------

export const duplicateQuerySchema = pageQuerySchema.extend({
  status: duplicateStatusSchema.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  /** the lead's number (#12) or words of either resource's name */
  q: z.string().trim().max(100, '搜索内容不超过 100 个字').optional(),
});
export const confirmDuplicateSchema = z.strictObject({ note: z.string().trim().max(1000).nullish().transform((v) => v || null) }).default({ note: null });
export const dismissDuplicateSchema = z.strictObject({ reason: trimmed(2, 1000, '排除理由') });

const entryRef = z.object({ id: z.number().int(), code: z.string(), name: z.string(), department: departmentSummarySchema, library: z.string().nullable() });
export const duplicateSchema = z.object({
  id: z.number().int(),
  entry: entryRef,
  source: entryRef,
  sourceIsBaseLibrary: z.boolean(),
  overlap: z.array(z.object({ normalized: z.string(), itemId: z.number().int(), itemName: z.string(), sourceItemId: z.number().int(), sourceItemName: z.string() })),
  overlapCount: z.number().int(),
  score: z.number(),
  status: z.enum(DUPLICATE_STATUSES),
  detectedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  violationId: z.number().int().nullable(),
});
export type DuplicateDto = z.infer<typeof duplicateSchema>;
export const scanResultSchema = z.object({ scanned: z.number().int(), found: z.number().int(), created: z.number().int(), refreshed: z.number().int() });

// ---- 第六条 library leads --------------------------------------------------------------------------------------

export const libraryLeadSchema = z.object({
  resourceType: z.enum(['base', 'thematic']),
  library: z.string(),
  label: z.string(),
  department: departmentSummarySchema.nullable(),
  entryCount: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type LibraryLeadDto = z.infer<typeof libraryLeadSchema>;

// ---- Excel import --------------------------------------------------------------------------------------------

export const importQuerySchema = z.object({
  /** import the valid rows and skip the others (default: nothing is saved when any row fails) */
  validOnly: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').default(false),
  /** the bureau imports on behalf of a department */
  departmentId: z.coerce.number().int().positive().optional(),
});

export const importIssueSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string().nullable(),
  columnLabel: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importRowSchema = z.object({
  row: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  action: z.enum(['create', 'update', 'unchanged', 'invalid']),
  changes: z.array(z.string()),
  itemCount: z.number().int(),
  errors: z.array(importIssueSchema),
});
export const importPreviewSchema = z.object({
  rows: z.array(importRowSchema),
  errors: z.array(importIssueSchema),
  summary: z.object({ total: z.number().int(), create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), invalid: z.number().int() }),
});
export type ImportPreviewDto = z.infer<typeof importPreviewSchema>;
export const importResultSchema = importPreviewSchema.extend({
  saved: z.boolean(),
  created: z.array(z.object({ id: z.number().int(), code: z.string(), row: z.number().int() })),
  updated: z.array(z.object({ id: z.number().int(), code: z.string(), row: z.number().int(), version: z.number().int() })),
});
export type ImportResultDto = z.infer<typeof importResultSchema>;
