/**
 * 政务部门 — the three kinds of 第三条, plus the county-level governments of 第四条 that run their own
 * data-resource management.
 */
export const DEPARTMENT_KINDS = ['government_department', 'party_organ', 'authorised_organisation', 'county_government'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  government_department: '政府所属部门',
  party_organ: '承担行政职能的党群工作机构',
  authorised_organisation: '法律法规授权的公共管理和服务组织',
  county_government: '县（市、区）人民政府',
};

/** Administrative divisions of 朔州市 (GB/T 2260 codes). */
export const REGIONS = [
  { code: '140600', name: '朔州市（市本级）' },
  { code: '140602', name: '朔城区' },
  { code: '140603', name: '平鲁区' },
  { code: '140621', name: '山阴县' },
  { code: '140622', name: '应县' },
  { code: '140623', name: '右玉县' },
  { code: '140681', name: '怀仁市' },
] as const;
export const regionName = (code: string): string => REGIONS.find((r) => r.code === code)?.name ?? code;

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character of an 18-character 统一社会信用代码 (GB 32100-2015). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (v < 0) throw new RangeError(`统一社会信用代码含非法字符“${first17[i]}”`);
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
