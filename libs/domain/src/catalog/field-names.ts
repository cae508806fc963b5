import { normalizeItemName } from './one-source';

/**
 * 字段名 — the column name department systems use for a data item (the gateway's query parameters and JSON keys).
 * Lower-case ASCII, starting with a letter, at most 63 characters (a PostgreSQL identifier).
 */
export const FIELD_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** Field names people expect for the data items government catalogs use most (after 一数一源 normalisation). */
const KNOWN_FIELD_NAMES: Record<string, string> = {
  公民身份号码: 'id_number',
  姓名: 'name',
  性别: 'gender',
  民族: 'ethnicity',
  出生日期: 'birth_date',
  出生地: 'birth_place',
  籍贯: 'native_place',
  户籍地址: 'household_address',
  现住址: 'current_address',
  婚姻状况: 'marital_status',
  文化程度: 'education',
  联系电话: 'phone',
  统一社会信用代码: 'uscc',
  企业名称: 'company_name',
  法定代表人: 'legal_representative',
  企业类型: 'company_type',
  注册资本: 'registered_capital',
  成立日期: 'established_on',
  住所: 'domicile',
  经营范围: 'business_scope',
  登记机关: 'registration_authority',
  登记状态: 'registration_status',
  登记日期: 'registered_on',
  核准日期: 'approved_on',
  营业期限至: 'business_term_until',
  户号: 'household_number',
  与户主关系: 'relation_to_head',
  户主姓名: 'head_name',
  兵役状况: 'military_service',
  单位名称: 'unit_name',
  参保险种: 'insurance_type',
  参保状态: 'insured_status',
  参保日期: 'insured_on',
  缴费基数: 'contribution_base',
  社会保障卡号: 'social_security_card',
  统计期: 'period',
  地区: 'region',
};

/** The field name proposed for an item name: a known one, else `item_<position>`. Callers make it unique. */
export function suggestFieldName(name: string, position: number): string {
  return KNOWN_FIELD_NAMES[normalizeItemName(name.replace(/\s+/g, ''))] ?? `item_${position}`;
}

/**
 * Gives every item a field name: the one it carries, else the one it had (`previous`, by item id), else a
 * suggestion — made unique within the entry by a numeric suffix. Pure; the order of the items is kept.
 */
export function assignFieldNames<T extends { id?: number; name: string; fieldName?: string | null }>(items: readonly T[], previous: ReadonlyMap<number, string> = new Map()): (T & { fieldName: string })[] {
  const taken = new Set(items.map((i) => i.fieldName).filter((f): f is string => !!f));
  return items.map((item, index) => {
    if (item.fieldName) return { ...item, fieldName: item.fieldName };
    const kept = item.id !== undefined ? previous.get(item.id) : undefined;
    let candidate = kept && !taken.has(kept) ? kept : suggestFieldName(item.name, index + 1);
    if (taken.has(candidate)) {
      const base = candidate.slice(0, 58);
      let n = 2;
      while (taken.has(`${base}_${n}`)) n++;
      candidate = `${base}_${n}`;
    }
    taken.add(candidate);
    return { ...item, fieldName: candidate };
  });
}
