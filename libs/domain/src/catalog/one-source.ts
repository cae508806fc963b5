import type { OverlapItem } from './records';

/**
 * 一数一源 (第九条, 第十四条(三)): the same data item should be collected by one source department only. Departments
 * name the same item differently, so item names are normalised — full-width to half-width, spacing and brackets
 * dropped — and then mapped through the table of standard data elements (数据元) below to one canonical name.
 *
 * Only items that map to a standard data element are compared: those are the master data (people, organisations,
 * property, vehicles, social insurance) that have an authoritative source. A department's records of its own acts
 * (许可决定书文号, 处罚事由 …, in the nationally uniform 双公示 formats) are not collected *from* anyone and are
 * never duplicates. The bureau extends the table as it standardises more elements.
 */
export const ITEM_SYNONYMS: Record<string, readonly string[]> = {
  公民身份号码: ['身份证号', '身份证号码', '身份证件号码', '居民身份证号码', '居民身份证号', '公民身份证号', '公民身份证号码', '身份证'],
  统一社会信用代码: ['信用代码', '社会信用代码', '统一信用代码', '企业信用代码', '机构信用代码', '统一代码'],
  姓名: ['人员姓名', '个人姓名', '当事人姓名', '申请人姓名', '参保人姓名'],
  性别: ['性别代码', '人员性别'],
  出生日期: ['出生年月日', '出生年月', '生日'],
  民族: ['民族代码', '民族名称'],
  籍贯: ['祖籍'],
  出生地: ['出生地点', '出生地址'],
  户籍地址: ['户籍所在地', '户籍地', '户口所在地', '户籍地址详址', '户籍住址'],
  现住址: ['居住地址', '现居住地址', '现住地址', '常住地址', '住址'],
  婚姻状况: ['婚姻状态'],
  文化程度: ['学历', '受教育程度'],
  兵役状况: ['服役状况'],
  死亡日期: ['死亡时间'],
  联系电话: ['手机号码', '手机号', '电话号码', '联系方式', '移动电话'],
  企业名称: ['单位名称', '市场主体名称', '企业(单位)名称', '法人单位名称', '机构名称', '纳税人名称'],
  法定代表人: ['法定代表人姓名', '法人代表', '法人姓名'],
  注册资本: ['注册资金'],
  成立日期: ['成立时间', '注册日期', '设立日期'],
  住所: ['企业住所', '注册地址', '企业地址', '住所地'],
  经营范围: ['经营项目', '许可经营范围'],
  登记机关: ['登记管理机关', '发照机关'],
  企业类型: ['市场主体类型', '企业类别', '经济类型', '登记注册类型'],
  登记状态: ['经营状态', '企业状态'],
  营业期限至: ['经营期限至', '营业期限截止日期'],
  参保险种: ['险种类型', '参保险种类型'],
  缴费基数: ['月缴费基数', '缴费工资基数'],
  参保日期: ['参保时间', '首次参保日期'],
  参保状态: ['参保人员状态'],
  不动产单元号: ['不动产单元代码'],
  不动产权证号: ['不动产权证书号', '产权证号'],
  坐落: ['不动产坐落', '房屋坐落'],
  建筑面积: ['房屋建筑面积'],
  规划用途: ['房屋用途', '土地用途'],
  号牌号码: ['车牌号码', '机动车号牌号码', '车牌号'],
  车辆识别代号: ['车架号', 'VIN码'],
  车辆品牌型号: ['品牌型号', '车辆型号'],
};

/**
 * Identifiers and contact details: every dataset about people or organisations carries them to say *whom* a record
 * is about — that is using shared data, not collecting it again — so they do not count towards an overlap.
 */
export const NON_INDICATIVE_ITEMS: ReadonlySet<string> = new Set(['公民身份号码', '统一社会信用代码', '姓名', '企业名称', '联系电话']);

const SYNONYM_INDEX = new Map<string, string>();
const canonicalForm = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000·•_\-—]+/g, '')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .toLowerCase();
for (const [canonical, synonyms] of Object.entries(ITEM_SYNONYMS)) {
  SYNONYM_INDEX.set(canonicalForm(canonical), canonical);
  for (const s of synonyms) SYNONYM_INDEX.set(canonicalForm(s), canonical);
}

/** The name an item is compared by: 身份证号 → 公民身份号码, 信用代码 → 统一社会信用代码, 「出生 日期」→ 出生日期. */
export function normalizeItemName(name: string): string {
  const form = canonicalForm(name);
  const direct = SYNONYM_INDEX.get(form);
  if (direct) return direct;
  // a bracketed unit or note does not make another item: 注册资本（万元） → 注册资本
  const bare = form.replace(/\([^)]*\)$/, '');
  const found = SYNONYM_INDEX.get(bare);
  if (found) return found;
  // whoever the number belongs to (养犬人身份证号, 买受人证件号码 …) it is an identity number
  if (/(身份证号码?|身份证件号码|公民身份号码)$/.test(bare)) return '公民身份号码';
  if (/统一社会信用代码$/.test(bare)) return '统一社会信用代码';
  return bare;
}

/** Items that can indicate duplicate collection: standard data elements other than identifiers and contacts. */
export const isComparableItem = (normalized: string): boolean => Object.hasOwn(ITEM_SYNONYMS, normalized) && !NON_INDICATIVE_ITEMS.has(normalized);

/** At least this many overlapping comparable items make a candidate. */
export const MIN_OVERLAP = 3;

export interface ItemRef {
  id: number;
  name: string;
  normalized: string;
}

export interface OverlapResult {
  items: OverlapItem[];
  /** overlap / the smaller side's comparable items */
  score: number;
}

/**
 * The comparable items `collector` shares with `source`, or null below {@link MIN_OVERLAP}. The score relates the
 * overlap to the smaller side so a small dataset copied whole ranks above a few common fields of a big one.
 */
export function itemOverlap(collector: readonly ItemRef[], source: readonly ItemRef[]): OverlapResult | null {
  const sourceBy = new Map<string, ItemRef>();
  for (const s of source) if (isComparableItem(s.normalized) && !sourceBy.has(s.normalized)) sourceBy.set(s.normalized, s);
  const collectorComparable = new Map<string, ItemRef>();
  for (const c of collector) if (isComparableItem(c.normalized) && !collectorComparable.has(c.normalized)) collectorComparable.set(c.normalized, c);
  const items: OverlapItem[] = [];
  for (const [normalized, c] of collectorComparable) {
    const s = sourceBy.get(normalized);
    if (s) items.push({ normalized, itemId: c.id, itemName: c.name, sourceItemId: s.id, sourceItemName: s.name });
  }
  if (items.length < MIN_OVERLAP) return null;
  const smaller = Math.min(collectorComparable.size, sourceBy.size);
  return { items, score: Math.round((items.length / smaller) * 1000) / 1000 };
}
