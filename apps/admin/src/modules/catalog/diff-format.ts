import {
  BASE_LIBRARY_LABELS,
  CLOSED_REASON_LABELS,
  COLLECTION_BASIS_TYPE_LABELS,
  DESENSITIZATION_LABELS,
  ITEM_DATA_TYPE_LABELS,
  OPEN_TYPE_LABELS,
  RESOURCE_FORMAT_LABELS,
  RESOURCE_TYPE_LABELS,
  SECURITY_GRADE_LABELS,
  SHARE_METHOD_LABELS,
  SHARE_TYPE_LABELS,
  UPDATE_CYCLE_LABELS,
  type ItemSnapshot,
} from '@govdata/domain';

/**
 * How a value of a field change (libs/domain diffSnapshots) reads: the stored ids of enumerations become their
 * Chinese labels, flags 是/否, lists 、-separated, an added or removed data item one line of its attributes.
 */
const ENUM_LABELS: Record<string, Record<string, string>> = {
  resourceType: RESOURCE_TYPE_LABELS,
  library: BASE_LIBRARY_LABELS,
  format: RESOURCE_FORMAT_LABELS,
  shareType: SHARE_TYPE_LABELS,
  shareMethod: SHARE_METHOD_LABELS,
  openType: OPEN_TYPE_LABELS,
  closedReason: CLOSED_REASON_LABELS,
  updateCycle: UPDATE_CYCLE_LABELS,
  securityGrade: SECURITY_GRADE_LABELS,
  collectionBasisType: COLLECTION_BASIS_TYPE_LABELS,
  dataType: ITEM_DATA_TYPE_LABELS,
  desensitization: DESENSITIZATION_LABELS,
};

/** Shown for an empty value. */
export const EMPTY = '（空）';

const isItem = (v: unknown): v is ItemSnapshot => typeof v === 'object' && v !== null && 'name' in v && 'dataType' in v;

/** 公民身份号码 · 字符型(18) · 主键 · 不可为空 · 敏感 · 部分掩码 */
export function describeItem(i: ItemSnapshot): string {
  const parts = [i.name, `${ITEM_DATA_TYPE_LABELS[i.dataType as keyof typeof ITEM_DATA_TYPE_LABELS] ?? i.dataType}${i.length ? `(${i.length})` : ''}`];
  if (i.primaryKey) parts.push('主键');
  if (!i.nullable) parts.push('不可为空');
  if (i.sensitive) parts.push('敏感');
  if (i.secret) parts.push('涉密');
  if (i.desensitization && i.desensitization !== 'none') parts.push(DESENSITIZATION_LABELS[i.desensitization as keyof typeof DESENSITIZATION_LABELS] ?? i.desensitization);
  return parts.join(' · ');
}

/**
 * @param field the change's dotted path: `shareType`, `internalReview.scope`, `items.12.desensitization`, `items.12`
 *   (an item added or removed), `items.order` (ids in order)
 * @param itemNames names of the entry's items by id, for the order of items
 */
export function formatChangeValue(field: string, value: unknown, itemNames?: ReadonlyMap<number, string>): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (isItem(value)) return describeItem(value);
  if (field === 'items.order' && Array.isArray(value)) return value.map((id) => itemNames?.get(Number(id)) ?? `#${id}`).join(' → ');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map((v) => formatChangeValue(field, v, itemNames)).join('、') : EMPTY;
  const key = field.split('.').pop() ?? field;
  const labels = ENUM_LABELS[key];
  if (labels && typeof value === 'string') return labels[value] ?? value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** 新增 / 删除 / 修改, for the change's tag. */
export function changeKind(before: unknown, after: unknown): 'added' | 'removed' | 'changed' {
  if (isItem(after) && (before === null || before === undefined)) return 'added';
  if (isItem(before) && (after === null || after === undefined)) return 'removed';
  return 'changed';
}
