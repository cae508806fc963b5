import type { EntrySnapshot, FieldChange, ItemSnapshot } from './records';

/** Chinese labels of the entry fields, for diffs, Excel headers and error messages. */
export const ENTRY_FIELD_LABELS: Record<Exclude<keyof EntrySnapshot, 'id' | 'items'> | 'providerId' | 'dedicatedDepartmentIds', string> = {
  code: '资源代码',
  name: '资源名称',
  resourceType: '资源类型',
  library: '所属库',
  classCode: '分类代码',
  provider: '提供部门',
  providerId: '提供部门',
  summary: '资源摘要',
  format: '资源格式',
  formatDetail: '格式说明',
  shareType: '共享类型',
  shareConditions: '共享条件',
  noShareReason: '不予共享理由',
  noShareBasis: '不予共享依据',
  shareMethod: '共享方式',
  dedicatedDepartments: '专用部门',
  dedicatedDepartmentIds: '专用部门',
  openType: '开放类型',
  openConditions: '开放条件',
  closedReason: '不予开放原因',
  closedBasis: '不予开放依据',
  updateCycle: '更新周期',
  dataUpdatedAt: '数据更新日期',
  securityGrade: '安全级别',
  securityAgreementRequired: '需签订安全协议',
  internalReview: '内部审查记录',
  collectionBasisType: '采集依据类型',
  collectionBasis: '采集依据',
  dataRange: '数据范围',
  applicationScenarios: '应用场景',
  relatedCodes: '关联资源代码',
};

export const INTERNAL_REVIEW_LABELS = { scenarios: '应用场景', userIdentity: '使用方身份', region: '使用地域', scope: '知悉范围和使用范围' } as const;

export const ITEM_FIELD_LABELS: Record<Exclude<keyof ItemSnapshot, 'id'>, string> = {
  name: '名称',
  fieldName: '字段名',
  dataType: '数据类型',
  length: '数据长度',
  nullable: '可为空',
  primaryKey: '主键',
  queryKey: '可作查询条件',
  sensitive: '敏感',
  secret: '涉密',
  desensitization: '脱敏规则',
  description: '说明',
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The field-by-field difference between two states of an entry: top-level fields, each part of the internal review,
 * the dedicated list, and the items matched by their stable id (added, removed, or changed property by property).
 * The data's own update date is left out: the catalog did not change when the data was refreshed.
 */
export function diffSnapshots(before: EntrySnapshot | null, after: EntrySnapshot): FieldChange[] {
  if (!before) return [];
  const changes: FieldChange[] = [];
  for (const key of Object.keys(ENTRY_FIELD_LABELS) as (keyof typeof ENTRY_FIELD_LABELS)[]) {
    // a refresh of the data itself (数据更新日期) is not a change of the catalog: it makes no version
    if (key === 'providerId' || key === 'dedicatedDepartmentIds' || key === 'internalReview' || key === 'dataUpdatedAt') continue;
    const k = key as keyof EntrySnapshot;
    let a: unknown = before[k];
    let b: unknown = after[k];
    if (key === 'provider') [a, b] = [before.provider.name, after.provider.name];
    if (key === 'dedicatedDepartments') [a, b] = [before.dedicatedDepartments.map((d) => d.name).sort(), after.dedicatedDepartments.map((d) => d.name).sort()];
    if (!same(a, b)) changes.push({ field: key, label: ENTRY_FIELD_LABELS[key], before: a ?? null, after: b ?? null });
  }
  for (const part of Object.keys(INTERNAL_REVIEW_LABELS) as (keyof typeof INTERNAL_REVIEW_LABELS)[]) {
    const a = before.internalReview?.[part];
    const b = after.internalReview?.[part];
    if (!same(a, b)) changes.push({ field: `internalReview.${part}`, label: `内部审查·${INTERNAL_REVIEW_LABELS[part]}`, before: a ?? null, after: b ?? null });
  }
  changes.push(...diffItems(before.items, after.items));
  return changes;
}

function diffItems(before: ItemSnapshot[], after: ItemSnapshot[]): FieldChange[] {
  const changes: FieldChange[] = [];
  const old = new Map(before.map((i) => [i.id, i]));
  const now = new Map(after.map((i) => [i.id, i]));
  for (const item of after) {
    const prev = old.get(item.id);
    if (!prev) {
      changes.push({ field: `items.${item.id}`, label: `新增信息项「${item.name}」`, before: null, after: item });
      continue;
    }
    for (const f of Object.keys(ITEM_FIELD_LABELS) as (keyof typeof ITEM_FIELD_LABELS)[]) {
      // snapshots from before field names and query keys existed say nothing about them
      if ((f === 'fieldName' || f === 'queryKey') && prev[f] === undefined) continue;
      if (!same(prev[f], item[f])) changes.push({ field: `items.${item.id}.${f}`, label: `信息项「${prev.name}」·${ITEM_FIELD_LABELS[f]}`, before: prev[f] ?? null, after: item[f] ?? null });
    }
  }
  for (const item of before) if (!now.has(item.id)) changes.push({ field: `items.${item.id}`, label: `删除信息项「${item.name}」`, before: item, after: null });
  const order = (items: ItemSnapshot[]) => items.filter((i) => old.has(i.id) && now.has(i.id)).map((i) => i.id);
  if (!same(order(before), order(after))) changes.push({ field: 'items.order', label: '信息项顺序', before: order(before), after: order(after) });
  return changes;
}
