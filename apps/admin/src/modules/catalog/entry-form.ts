import {
  RESOURCE_TYPE_CLASS_DIGIT,
  entryInputSchema,
  type ClosedReason,
  type CollectionBasisType,
  type Desensitization,
  type EntryDetailDto,
  type EntryInputDraft,
  type FieldIssue,
  type InternalReview,
  type ItemDataType,
  type OpenType,
  type ResourceFormat,
  type ResourceType,
  type SecurityGrade,
  type ShareMethod,
  type ShareType,
  type UpdateCycle,
} from '@govdata/domain';

/** A row of the items editor; `key` identifies the row on screen, `id` the stored item (kept across versions). */
export interface ItemRow {
  key: number;
  id?: number;
  name: string;
  /** 字段名; left empty, the platform proposes one */
  fieldName: string;
  dataType: ItemDataType;
  length: number | null;
  nullable: boolean;
  primaryKey: boolean;
  queryKey: boolean;
  sensitive: boolean;
  secret: boolean;
  desensitization: Desensitization;
  description: string;
}

/** The editor's state of an entry: every field as the form holds it (empty text as ''). */
export interface EntryForm {
  name: string;
  resourceType: ResourceType;
  library: string | null;
  classCode: string;
  providerId: number | undefined;
  summary: string;
  format: ResourceFormat;
  formatDetail: string;
  shareType: ShareType;
  shareConditions: string;
  noShareReason: string;
  noShareBasis: string;
  shareMethod: ShareMethod;
  dedicatedDepartmentIds: number[];
  openType: OpenType;
  openConditions: string;
  closedReason: ClosedReason | null;
  closedBasis: string;
  updateCycle: UpdateCycle;
  dataUpdatedAt: string | null;
  securityGrade: SecurityGrade;
  securityAgreementRequired: boolean;
  internalReview: InternalReview;
  collectionBasisType: CollectionBasisType;
  collectionBasis: string;
  dataRange: string;
  applicationScenarios: string;
  relatedCodes: string[];
  items: ItemRow[];
}

let rowKey = 0;
export const newItemRow = (over: Partial<ItemRow> = {}): ItemRow => ({
  key: ++rowKey,
  name: '',
  fieldName: '',
  dataType: 'string',
  length: null,
  nullable: true,
  primaryKey: false,
  queryKey: false,
  sensitive: false,
  secret: false,
  desensitization: 'none',
  description: '',
  ...over,
});

/** A new department resource, as most are: conditional sharing through the platform, not opened, general data. */
export function blankForm(): EntryForm {
  return {
    name: '',
    resourceType: 'department',
    library: null,
    classCode: '3-',
    providerId: undefined,
    summary: '',
    format: 'database',
    formatDetail: '',
    shareType: 'conditional',
    shareConditions: '',
    noShareReason: '',
    noShareBasis: '',
    shareMethod: 'platform_api',
    dedicatedDepartmentIds: [],
    openType: 'closed',
    openConditions: '',
    closedReason: null,
    closedBasis: '',
    updateCycle: 'monthly',
    dataUpdatedAt: null,
    securityGrade: 'general',
    securityAgreementRequired: false,
    internalReview: { scenarios: '', userIdentity: '', region: '朔州市行政区域内', scope: '' },
    collectionBasisType: 'law',
    collectionBasis: '',
    dataRange: '',
    applicationScenarios: '',
    relatedCodes: [],
    items: [newItemRow()],
  };
}

export function formFromEntry(e: EntryDetailDto): EntryForm {
  return {
    name: e.name,
    resourceType: e.resourceType,
    library: e.library,
    classCode: e.classCode,
    providerId: e.provider.id,
    summary: e.summary,
    format: e.format,
    formatDetail: e.formatDetail ?? '',
    shareType: e.shareType,
    shareConditions: e.shareConditions ?? '',
    noShareReason: e.noShareReason ?? '',
    noShareBasis: e.noShareBasis ?? '',
    shareMethod: e.shareMethod,
    dedicatedDepartmentIds: e.dedicatedDepartments.map((d) => d.id),
    openType: e.openType,
    openConditions: e.openConditions ?? '',
    closedReason: e.closedReason,
    closedBasis: e.closedBasis ?? '',
    updateCycle: e.updateCycle,
    dataUpdatedAt: e.dataUpdatedAt,
    securityGrade: e.securityGrade,
    securityAgreementRequired: e.securityAgreementRequired,
    internalReview: { ...e.internalReview },
    collectionBasisType: e.collectionBasisType,
    collectionBasis: e.collectionBasis,
    dataRange: e.dataRange ?? '',
    applicationScenarios: e.applicationScenarios ?? '',
    relatedCodes: [...e.relatedCodes],
    items: [...e.items]
      .sort((a, b) => a.position - b.position)
      .map((i) =>
        newItemRow({
          id: i.id,
          name: i.name,
          fieldName: i.fieldName ?? '',
          dataType: i.dataType,
          length: i.length,
          nullable: i.nullable,
          primaryKey: i.primaryKey,
          queryKey: i.queryKey,
          sensitive: i.sensitive,
          secret: i.secret,
          desensitization: i.desensitization,
          description: i.description ?? '',
        }),
      ),
  };
}

const text = (v: string): string | null => (v.trim() ? v.trim() : null);

/**
 * The payload the API takes. Fields that do not apply to the chosen types are sent empty, so that what the form hides
 * is not kept on the resource: conditions only for conditional sharing, reasons and basis only for 不予共享, the
 * closing reason only for 不予开放, a library only for base and thematic resources.
 */
export function payloadFromForm(f: EntryForm): EntryInputDraft {
  const conditional = f.shareType === 'conditional';
  const none = f.shareType === 'none';
  const closed = f.openType === 'closed';
  return {
    name: f.name.trim(),
    resourceType: f.resourceType,
    library: f.resourceType === 'department' ? null : text(f.library ?? ''),
    classCode: f.classCode.trim(),
    ...(f.providerId !== undefined ? { providerId: f.providerId } : {}),
    summary: f.summary.trim(),
    format: f.format,
    formatDetail: text(f.formatDetail),
    shareType: f.shareType,
    shareConditions: conditional ? text(f.shareConditions) : null,
    noShareReason: none ? text(f.noShareReason) : null,
    noShareBasis: none ? text(f.noShareBasis) : null,
    shareMethod: f.shareMethod,
    dedicatedDepartmentIds: none ? [] : [...f.dedicatedDepartmentIds],
    openType: f.openType,
    openConditions: closed ? null : text(f.openConditions),
    closedReason: closed ? f.closedReason : null,
    closedBasis: closed ? text(f.closedBasis) : null,
    updateCycle: f.updateCycle,
    dataUpdatedAt: f.dataUpdatedAt || null,
    securityGrade: f.securityGrade,
    securityAgreementRequired: f.securityAgreementRequired,
    internalReview: {
      scenarios: f.internalReview.scenarios.trim(),
      userIdentity: f.internalReview.userIdentity.trim(),
      region: f.internalReview.region.trim(),
      scope: f.internalReview.scope.trim(),
    },
    collectionBasisType: f.collectionBasisType,
    collectionBasis: f.collectionBasis.trim(),
    dataRange: text(f.dataRange),
    applicationScenarios: text(f.applicationScenarios),
    relatedCodes: [...f.relatedCodes],
    items: f.items.map((i) => ({
      ...(i.id !== undefined ? { id: i.id } : {}),
      name: i.name.trim(),
      fieldName: text(i.fieldName),
      dataType: i.dataType,
      length: i.length ?? null,
      nullable: i.nullable,
      primaryKey: i.primaryKey,
      queryKey: i.queryKey || i.primaryKey,
      sensitive: i.sensitive,
      secret: i.secret,
      desensitization: i.desensitization,
      description: text(i.description),
    })),
  };
}

/** Field errors keyed by dotted path (`shareConditions`, `items.2.name`, `internalReview.scope`): the first message wins. */
export type FieldErrors = Record<string, string>;

/** Problem issues (`body.items.2.name`, `entry.shareConditions` when publishing) as field errors. */
export function errorsFromIssues(issues: readonly FieldIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.replace(/^(body|entry|query|params)(\.|$)/, '');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** The same rules the API applies (libs/domain entryInputSchema), checked before sending: no round trip for a missing condition. */
export function validateForm(f: EntryForm): FieldErrors {
  const r = entryInputSchema.safeParse(payloadFromForm(f));
  if (r.success) return {};
  return errorsFromIssues(r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

/** Which tab of the editor shows a field, so the tab can carry a mark when its fields have errors. */
export type EditorTab = 'basic' | 'items' | 'share' | 'security';
const SHARE_FIELDS = ['shareType', 'shareConditions', 'noShareReason', 'noShareBasis', 'shareMethod', 'dedicatedDepartmentIds', 'openType', 'openConditions', 'closedReason', 'closedBasis'];
const SECURITY_FIELDS = ['securityGrade', 'securityAgreementRequired', 'internalReview'];
export function tabOfField(path: string): EditorTab {
  const head = path.split('.')[0];
  if (head === 'items') return 'items';
  if (SHARE_FIELDS.includes(head)) return 'share';
  if (SECURITY_FIELDS.includes(head)) return 'security';
  return 'basic';
}

/** A new classification code starts with the 类 digit of its resource type (1 基础, 2 主题, 3 部门). */
export function classCodeForType(current: string, type: ResourceType): string {
  const digit = RESOURCE_TYPE_CLASS_DIGIT[type];
  if (!current || /^[123]-?$/.test(current)) return `${digit}-`;
  return /^[123]/.test(current) ? `${digit}${current.slice(1)}` : current;
}
