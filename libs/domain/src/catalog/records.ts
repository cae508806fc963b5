/**
 * Shapes stored as JSON in the catalog tables (entry snapshots, diffs, duplicate overlaps). They are part of the
 * contract: the versions, releases and violations of other areas read them.
 */

/** 内部审查记录 (第十一条): published with the resource. */
export interface InternalReview {
  /** 应用场景 */
  scenarios: string;
  /** 数据使用方的身份 */
  userIdentity: string;
  /** 地域 */
  region: string;
  /** 知悉范围和使用范围 */
  scope: string;
}

/** One changed field between two versions of an entry; `field` is a dotted path (`items.公民身份号码.sensitive`). */
export interface FieldChange {
  field: string;
  /** Chinese label, e.g. “信息项「公民身份号码」·敏感” */
  label: string;
  before: unknown;
  after: unknown;
}

/** A data item as frozen in a version snapshot. */
export interface ItemSnapshot {
  id: number;
  name: string;
  /** absent in snapshots taken before field names existed */
  fieldName?: string;
  dataType: string;
  length: number | null;
  nullable: boolean;
  primaryKey: boolean;
  queryKey?: boolean;
  sensitive: boolean;
  secret: boolean;
  desensitization: string;
  description: string | null;
}

/** The full state of an entry at a version: what a release files with the province and what diffs compare. */
export interface EntrySnapshot {
  id: number;
  code: string;
  name: string;
  resourceType: string;
  library: string | null;
  classCode: string;
  provider: { id: number; code: string; name: string };
  summary: string;
  format: string;
  formatDetail: string | null;
  shareType: string;
  shareConditions: string | null;
  noShareReason: string | null;
  noShareBasis: string | null;
  shareMethod: string;
  dedicatedDepartments: { id: number; name: string }[];
  openType: string;
  openConditions: string | null;
  closedReason: string | null;
  closedBasis: string | null;
  updateCycle: string;
  dataUpdatedAt: string | null;
  securityGrade: string;
  securityAgreementRequired: boolean;
  internalReview: InternalReview;
  collectionBasisType: string;
  collectionBasis: string;
  dataRange: string | null;
  applicationScenarios: string | null;
  relatedCodes: string[];
  items: ItemSnapshot[];
}

/** An overlapping data item of a duplicate-collection candidate (第九条). */
export interface OverlapItem {
  /** the normalised name both items map to, e.g. 公民身份号码 */
  normalized: string;
  itemId: number;
  itemName: string;
  sourceItemId: number;
  sourceItemName: string;
}
