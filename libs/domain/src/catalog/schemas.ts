import { z } from 'zod';
import { isoDateSchema, pageQuerySchema, queryBoolean, trimmed } from '../common';
import { FIELD_NAME_PATTERN } from './field-names';
import {
  BASE_LIBRARY_LABELS,
  closedReasonSchema,
  collectionBasisTypeSchema,
  desensitizationSchema,
  entryStatusSchema,
  isBaseLibrary,
  itemDataTypeSchema,
  openTypeSchema,
  RESOURCE_TYPE_CLASS_DIGIT,
  resourceFormatSchema,
  resourceTypeSchema,
  securityGradeSchema,
  shareMethodSchema,
  shareTypeSchema,
  updateCycleSchema,
  type ResourceType,
} from './enums';

/**
 * The catalog's payloads. The API validates every request with these and the SPA forms import the same schemas,
 * so a rule (第十三条: conditional sharing needs conditions …) holds in both places with the same Chinese message.
 */

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`)
    .nullish()
    .transform((v) => (v ? v : null));

/** 类-项-目-细目: 类 1 基础 / 2 主题 / 3 部门, 项 two digits, 目 three, 细目 three (may be left out). */
export const CLASS_CODE_PATTERN = /^[123]-\d{2}-\d{3}(-\d{3})?$/;
export const classCodeSchema = z
  .string()
  .trim()
  .regex(CLASS_CODE_PATTERN, '分类代码应为“类-项-目-细目”格式，如 3-12-001-002（类：1 基础、2 主题、3 部门；细目可省略）');

/** 资源代码 = the classification's digits, '/', a six-digit sequence: 312001002/000017. */
export const ENTRY_CODE_PATTERN = /^[123]\d{5}(\d{3})?\/\d{6}$/;
export const entryCodeSchema = z.string().trim().regex(ENTRY_CODE_PATTERN, '资源代码格式应为 分类代码数字/六位顺序码，如 312001002/000017');

export const entryCodeFor = (classCode: string, sequence: number): string => `${classCode.replace(/-/g, '')}/${String(sequence).padStart(6, '0')}`;

export const internalReviewSchema = z.strictObject({
  scenarios: trimmed(1, 500, '内部审查·应用场景'),
  userIdentity: trimmed(1, 200, '内部审查·使用方身份'),
  region: trimmed(1, 200, '内部审查·使用地域'),
  scope: trimmed(1, 500, '内部审查·知悉范围和使用范围'),
});

export const itemInputSchema = z.strictObject({
  /** the stable id of an existing item; left out for a new one */
  id: z.number().int().positive().optional(),
  name: trimmed(1, 100, '信息项名称'),
  /** 字段名 — left out, the item keeps the one it has or gets one proposed (see assignFieldNames) */
  fieldName: z
    .string()
    .trim()
    .regex(FIELD_NAME_PATTERN, '字段名应以小写字母开头，只含小写字母、数字和下划线，不超过 63 个字符，如 id_number')
    .nullish()
    .transform((v) => v || null),
  dataType: itemDataTypeSchema,
  length: z.number().int().min(1, '数据长度应为正整数').max(65_535, '数据长度不能超过 65535').nullish().transform((v) => v ?? null),
  nullable: z.boolean().default(true),
  primaryKey: z.boolean().default(false),
  /** 可作查询条件 — systems may filter gateway queries on this item (primary-key items always may) */
  queryKey: z.boolean().default(false),
  sensitive: z.boolean().default(false),
  secret: z.boolean().default(false),
  desensitization: desensitizationSchema.default('none'),
  description: optionalText(500, '信息项说明'),
});
export type ItemInput = z.infer<typeof itemInputSchema>;

/** Every field of an entry as a department fills it in (the provider is the caller's department unless the bureau names one). */
const entryFields = {
  name: trimmed(2, 200, '资源名称'),
  resourceType: resourceTypeSchema,
  library: optionalText(60, '所属库'),
  classCode: classCodeSchema,
  providerId: z.number().int().positive().optional(),
  summary: trimmed(1, 2000, '资源摘要'),
  format: resourceFormatSchema,
  formatDetail: optionalText(100, '格式说明'),
  shareType: shareTypeSchema,
  shareConditions: optionalText(2000, '共享条件'),
  noShareReason: optionalText(2000, '不予共享理由'),
  noShareBasis: optionalText(1000, '不予共享依据'),
  shareMethod: shareMethodSchema,
  dedicatedDepartmentIds: z.array(z.number().int().positive()).max(100, '专用部门不能超过 100 个').default([]),
  openType: openTypeSchema,
  openConditions: optionalText(2000, '开放条件'),
  closedReason: closedReasonSchema.nullish().transform((v) => v ?? null),
  closedBasis: optionalText(1000, '不予开放依据'),
  updateCycle: updateCycleSchema,
  dataUpdatedAt: isoDateSchema.nullish().transform((v) => v ?? null),
  securityGrade: securityGradeSchema,
  securityAgreementRequired: z.boolean().default(false),
  internalReview: internalReviewSchema,
  collectionBasisType: collectionBasisTypeSchema,
  collectionBasis: trimmed(1, 1000, '采集依据'),
  dataRange: optionalText(500, '数据范围'),
  applicationScenarios: optionalText(2000, '应用场景'),
  relatedCodes: z.array(entryCodeSchema).max(50, '关联资源不能超过 50 个').default([]),
  items: z.array(itemInputSchema).min(1, '至少填写一个信息项').max(500, '信息项不能超过 500 个'),
};

const entryObject = z.strictObject(entryFields);
type EntryShape = z.output<typeof entryObject>;

/**
 * 第十四条(一): a department's internal rules are no ground for refusing to share — cited anywhere in the basis,
 * quoted as a title (《朔州市公安局数据管理内部办法》) or beside a law.
 */
export const INTERNAL_RULE_BASIS = /内部[^》，。；、,;]{0,12}?(办法|规定|制度|规章|细则|规程|守则)/;

/**
 * The cross-field rules of an entry, each reported on the field to correct. Shared by creation, by the merged
 * result of an edit, and by the Excel import.
 */
export function checkEntryRules(v: EntryShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  checkClassification(v.resourceType, v.library, v.classCode, issue);
  // 第十三条: conditional sharing states its conditions; refusing to share needs reasons and a legal basis
  if (v.shareType === 'conditional' && !v.shareConditions) issue(['shareConditions'], '有条件共享的资源须填写共享条件（第十三条第（二）项）');
  if (v.shareType === 'none') {
    if (!v.noShareReason) issue(['noShareReason'], '不予共享的资源须说明充分合理的理由（第十三条第（三）项）');
    if (!v.noShareBasis) issue(['noShareBasis'], '不予共享的资源须提供法律法规或政策依据（第十三条第（三）项、第十四条）');
    else if (INTERNAL_RULE_BASIS.test(v.noShareBasis)) issue(['noShareBasis'], '不得以部门内部管理办法作为不予共享的依据（第十四条第（一）项），请只引用法律法规或政策');
    if (v.dedicatedDepartmentIds.length > 0) issue(['dedicatedDepartmentIds'], '不予共享的资源不能标注专用部门（第十六条第（三）项）');
    if (v.openType !== 'closed') issue(['openType'], '不予共享的资源不能向社会开放，请将开放类型设为“不予开放”');
  }
  if (new Set(v.dedicatedDepartmentIds).size !== v.dedicatedDepartmentIds.length) issue(['dedicatedDepartmentIds'], '专用部门有重复');
  // 第二十三条: what is not opened says why
  if (v.openType === 'closed') {
    if (!v.closedReason) issue(['closedReason'], '不予开放的资源须选择不予开放原因（国家秘密、商业秘密、个人隐私或其他法定情形，第二十三条）');
    else if (v.closedReason === 'other_legal' && !v.closedBasis) issue(['closedBasis'], '以“其他法律法规规定”不予开放的，须填写具体依据（第二十三条）');
  }
  if (v.openType === 'on_application' && !v.openConditions) issue(['openConditions'], '依申请开放的资源须填写开放条件（第二十四条）');
  // GB/T 43697-2024: core data is neither shared unconditionally nor opened; core and important data need an agreement
  if (v.securityGrade === 'core') {
    if (v.shareType === 'unconditional') issue(['shareType'], '核心数据不得无条件共享');
    if (v.openType !== 'closed') issue(['openType'], '核心数据不得向社会开放');
  }
  if (v.securityGrade === 'important' && v.openType === 'open') issue(['openType'], '重要数据不得无条件开放');
  if (v.securityGrade !== 'general' && !v.securityAgreementRequired) issue(['securityAgreementRequired'], '核心数据和重要数据的共享须签订安全协议（第十一条）');
  checkItems(v, issue);
}

function checkClassification(resourceType: ResourceType, library: string | null, classCode: string, issue: (path: (string | number)[], message: string) => void): void {
  if (resourceType === 'base' && !isBaseLibrary(library)) {
    issue(['library'], `基础资源须选择基础库：${Object.values(BASE_LIBRARY_LABELS).join('、')}（第六条）`);
  }
  if (resourceType === 'thematic' && !library) issue(['library'], '主题资源须填写所属主题库名称（第六条）');
  if (resourceType === 'department' && library) issue(['library'], '部门资源不属于基础库或主题库，所属库应留空');
  const digit = RESOURCE_TYPE_CLASS_DIGIT[resourceType];
  if (CLASS_CODE_PATTERN.test(classCode) && classCode[0] !== digit) {
    issue(['classCode'], `分类代码的“类”应与资源类型一致：基础为 1、主题为 2、部门为 3（此处应以 ${digit} 开头）`);
  }
}

function checkItems(v: EntryShape, issue: (path: (string | number)[], message: string) => void): void {
  const seen = new Map<string, number>();
  const ids = new Set<number>();
  const fields = new Map<string, number>();
  v.items.forEach((item, i) => {
    if (item.fieldName) {
      if (fields.has(item.fieldName)) issue(['items', i, 'fieldName'], `字段名“${item.fieldName}”与第 ${(fields.get(item.fieldName) ?? 0) + 1} 项重复`);
      else fields.set(item.fieldName, i);
    }
    const key = item.name.replace(/\s+/g, '');
    if (seen.has(key)) issue(['items', i, 'name'], `信息项名称“${item.name}”与第 ${(seen.get(key) ?? 0) + 1} 项重复`);
    else seen.set(key, i);
    if (item.id !== undefined) {
      if (ids.has(item.id)) issue(['items', i, 'id'], `信息项标识 ${item.id} 重复`);
      ids.add(item.id);
    }
    if (item.primaryKey && item.nullable) issue(['items', i, 'nullable'], `主键信息项“${item.name}”不能允许为空`);
    // 第二条: secret data is outside this platform; 第二十三条: data touching state secrets is never opened
    if (v.openType === 'open' && item.secret) {
      issue(['items', i, 'secret'], `无条件开放的资源不得包含涉密信息项“${item.name}”（第二条、第二十三条）：请移除该信息项，或将开放类型改为“不予开放”`);
    } else if (v.openType === 'open' && item.sensitive && item.desensitization === 'none') {
      issue(['items', i, 'desensitization'], `无条件开放的资源中，敏感信息项“${item.name}”须设置脱敏规则（第三条、第二十三条）`);
    }
  });
}

export const entryInputSchema = entryObject.superRefine(checkEntryRules);
export type EntryInput = z.output<typeof entryInputSchema>;
/** what a form or a client sends (defaults not yet applied) */
export type EntryInputDraft = z.input<typeof entryInputSchema>;

/**
 * An edit: any subset of the fields; `items`, when given, is the complete new list (items with an `id` keep it,
 * items left out are removed). The merged result must pass {@link entryInputSchema}.
 */
const withoutDefault = (s: z.ZodType): z.ZodType => (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s);

/**
 * An edit: any subset of the fields (defaults are not applied: a field left out stays as it is); `items`, when
 * given, is the complete new list — items with an `id` keep it, items left out are removed. The merged result must
 * pass {@link entryInputSchema}.
 */
export const entryPatchSchema = z
  .strictObject({
    ...(Object.fromEntries(Object.entries(entryFields).map(([k, s]) => [k, withoutDefault(s).optional()])) as Record<keyof typeof entryFields, z.ZodOptional<z.ZodType>>),
    /** the lockVersion the editor loaded; a stale edit is refused with 409 */
    lockVersion: z.number().int().positive().optional(),
    /** 修订说明, kept with the new version */
    note: optionalText(500, '修订说明').optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'lockVersion' && k !== 'note'), '至少修改一项') as unknown as z.ZodType<EntryPatch, EntryPatch>;
export type EntryPatch = Partial<z.input<typeof entryObject>> & { lockVersion?: number; note?: string | null };

export const publishEntrySchema = z.strictObject({ note: optionalText(500, '发布说明') }).default({ note: null });

export const entrySortSchema = z.enum(['updatedAt', 'code', 'name', 'dataUpdatedAt'], { message: '排序字段应为 updatedAt、code、name 或 dataUpdatedAt' });

/** The list's filters (第六条: 检索、定位和获取). */
export const entryQuerySchema = pageQuerySchema.extend({
  /** full-text over name, code, summary and item names; words separated by spaces must all match */
  q: z.string().trim().max(100, '检索词不能超过 100 个字符').optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  resourceType: resourceTypeSchema.optional(),
  library: z.string().trim().max(60).optional(),
  shareType: shareTypeSchema.optional(),
  openType: openTypeSchema.optional(),
  securityGrade: securityGradeSchema.optional(),
  status: entryStatusSchema.optional(),
  updateCycle: updateCycleSchema.optional(),
  /** only entries dedicated (专用) to this department */
  dedicatedTo: z.coerce.number().int().positive().optional(),
  /** only entries the caller may edit */
  editable: queryBoolean.optional(),
  sort: entrySortSchema.default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type EntryQuery = z.infer<typeof entryQuerySchema>;

export const versionParamsSchema = z.strictObject({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });
export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(0),
  to: z.coerce.number().int().positive(),
});

export const libraryLeadInputSchema = z.strictObject({
  resourceType: z.enum(['base', 'thematic'], { message: '只有基础库和主题库有牵头部门' }),
  library: trimmed(1, 60, '库名称'),
  departmentId: z.number().int().positive('请选择牵头部门'),
}).superRefine((v, ctx) => {
  if (v.resourceType === 'base' && !isBaseLibrary(v.library)) ctx.addIssue({ code: 'custom', path: ['library'], message: '基础库应为 population、legal_entity、public_credit、macro_economy、geospatial、e_license 之一' });
});
export type LibraryLeadInput = z.infer<typeof libraryLeadInputSchema>;
