import type { Cell } from 'exceljs';
import {
  BASE_LIBRARY_LABELS,
  CLOSED_REASON_LABELS,
  COLLECTION_BASIS_TYPE_LABELS,
  DESENSITIZATION_LABELS,
  ENTRY_STATUS_LABELS,
  fromLabel,
  isBaseLibrary,
  ITEM_DATA_TYPE_LABELS,
  OPEN_TYPE_LABELS,
  RESOURCE_FORMAT_LABELS,
  RESOURCE_TYPE_LABELS,
  SECURITY_GRADE_LABELS,
  SHARE_METHOD_LABELS,
  SHARE_TYPE_LABELS,
  UPDATE_CYCLE_LABELS,
} from '@govdata/domain';

/**
 * The department catalog workbook (导入模板 / 目录导出): sheet 资源目录 has one row per resource, sheet 信息项 one row
 * per data item, linked by 序号. Export writes exactly what import reads, so a downloaded catalog uploads unchanged.
 * Enumerations are written as their Chinese labels (the ids are accepted too).
 */
export const ENTRY_SHEET = '资源目录';
export const ITEM_SHEET = '信息项';
export const GUIDE_SHEET = '填写说明';
export const TEMPLATE_MARK = 'govdata 政务数据资源目录模板 v1';

export type CellValue = string | number | null;

/** Cell text whatever exceljs returns (rich text, formulas, hyperlinks, dates), trimmed; '' when empty. */
export function cellText(cell: Cell | undefined): string {
  const v = cell?.value as unknown;
  if (v === null || v === undefined) return '';
  // a date cell holds a calendar date, which exceljs hands over as that day's UTC midnight: its UTC day is the date
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('').trim();
    if (o.result !== undefined) return o.result instanceof Date ? o.result.toISOString().slice(0, 10) : String(o.result ?? '').trim();
    if (o.text !== undefined) return String(o.text).trim();
    if (o.error) return '';
  }
  return String(v).trim();
}

export interface ParseContext {
  /** the value of 资源类型 on the same row (the library column reads differently for base and thematic) */
  resourceType?: string;
}

/** A parse result: the value, or a message for the cell. */
export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });

const labelled = <T extends string>(labels: Record<T, string>, what: string) => ({
  write: (v: unknown): CellValue => (v == null ? null : (labels[v as T] ?? String(v))),
  read: (text: string): Parsed => {
    if (!text) return ok(undefined);
    const id = fromLabel(labels, text);
    return id ? ok(id) : bad(`“${text}”不是有效的${what}，应为：${Object.values<string>(labels).join('、')}`);
  },
});

const YES = ['是', 'Y', 'y', 'TRUE', 'true', '1'];
const NO = ['否', 'N', 'n', 'FALSE', 'false', '0'];
const yesNo = {
  write: (v: unknown): CellValue => (v ? '是' : '否'),
  read: (text: string): Parsed => (!text ? ok(undefined) : YES.includes(text) ? ok(true) : NO.includes(text) ? ok(false) : bad(`“${text}”应填写“是”或“否”`)),
};
const plain = {
  write: (v: unknown): CellValue => (v == null || v === '' ? null : String(v)),
  read: (text: string): Parsed => ok(text || null),
};
const required = {
  write: plain.write,
  read: (text: string): Parsed => ok(text || undefined),
};
/** lists (dedicated departments, related codes) are written with 、 and read with any usual separator */
const list = {
  write: (v: unknown): CellValue => (Array.isArray(v) && v.length ? v.join('、') : null),
  read: (text: string): Parsed => ok(text ? text.split(/[、，,；;\n]+/).map((s) => s.trim()).filter(Boolean) : []),
};
const date = {
  write: plain.write,
  read: (text: string): Parsed => {
    if (!text) return ok(null);
    const t = text.replace(/[./年月]/g, '-').replace(/日$/, '');
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    return m ? ok(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`) : bad(`“${text}”不是有效日期，应为 YYYY-MM-DD，如 2026-06-30`);
  },
};
const integer = {
  write: (v: unknown): CellValue => (v == null ? null : Number(v)),
  read: (text: string): Parsed => (!text ? ok(null) : /^\d+$/.test(text) ? ok(Number(text)) : bad(`“${text}”应为正整数`)),
};
const library = {
  write: (v: unknown): CellValue => (v == null ? null : isBaseLibrary(String(v)) ? BASE_LIBRARY_LABELS[v as keyof typeof BASE_LIBRARY_LABELS] : String(v)),
  read: (text: string, ctx: ParseContext): Parsed => {
    if (!text) return ok(null);
    if (ctx.resourceType !== 'base') return ok(text);
    const id = fromLabel(BASE_LIBRARY_LABELS, text.replace(/库$/, ''));
    return id ? ok(id) : bad(`“${text}”不是基础库，应为：${Object.values(BASE_LIBRARY_LABELS).join('、')}`);
  },
};

export interface Column {
  /** the input field it fills (dotted for the internal review); null for columns that are only informative */
  field: string | null;
  header: string;
  width: number;
  write(v: unknown): CellValue;
  read(text: string, ctx: ParseContext): Parsed;
  /** a drop-down list in the template */
  options?: string[];
  /** shown in the guide sheet */
  hint?: string;
}

const col = (field: string | null, header: string, width: number, codec: { write(v: unknown): CellValue; read(t: string, c: ParseContext): Parsed }, extra: Partial<Column> = {}): Column => ({ field, header, width, ...codec, ...extra });
const opts = (labels: Record<string, string>) => Object.values(labels);

export const ENTRY_COLUMNS: Column[] = [
  col('#', '序号', 6, integer, { hint: '本文件内的编号，信息项表按此关联；必填' }),
  col('code', '资源代码', 20, plain, { hint: '新增资源留空（由平台生成）；修改已有资源时保留原代码' }),
  col('name', '资源名称', 28, required),
  col('resourceType', '资源类型', 10, labelled(RESOURCE_TYPE_LABELS, '资源类型'), { options: opts(RESOURCE_TYPE_LABELS) }),
  col('library', '所属库', 14, library, { hint: '基础资源填基础库（人口、法人单位、公共信用、宏观经济、空间地理、电子证照），主题资源填主题库名称，部门资源留空' }),
  col('shareType', '共享类型', 12, labelled(SHARE_TYPE_LABELS, '共享类型'), { options: opts(SHARE_TYPE_LABELS), hint: '第十三条' }),
  col('shareConditions', '共享条件', 30, plain, { hint: '有条件共享时必填' }),
  col('noShareReason', '不予共享理由', 30, plain, { hint: '不予共享时必填' }),
  col('noShareBasis', '不予共享依据', 30, plain, { hint: '不予共享时必填，须为法律法规或政策依据（第十四条）' }),
  col('shareMethod', '共享方式', 12, labelled(SHARE_METHOD_LABELS, '共享方式'), { options: opts(SHARE_METHOD_LABELS) }),
  col('dedicatedDepartments', '专用部门', 30, list, { hint: '第十六条（三）：填写部门全称，多个用顿号分隔' }),
  col('openType', '开放类型', 12, labelled(OPEN_TYPE_LABELS, '开放类型'), { options: opts(OPEN_TYPE_LABELS), hint: '第二十三条' }),
  col('openConditions', '开放条件', 30, plain, { hint: '依申请开放时必填' }),
  col('closedReason', '不予开放原因', 22, labelled(CLOSED_REASON_LABELS, '不予开放原因'), { options: opts(CLOSED_REASON_LABELS), hint: '不予开放时必填' }),
  col('closedBasis', '不予开放依据', 30, plain, { hint: '原因为“其他法律法规规定”时必填' }),
  col('classCode', '分类代码', 14, required, { hint: '类-项-目-细目，如 3-12-001-002；类：1 基础、2 主题、3 部门' }),
  col('summary', '资源摘要', 40, required),
  col('format', '资源格式', 10, labelled(RESOURCE_FORMAT_LABELS, '资源格式'), { options: opts(RESOURCE_FORMAT_LABELS) }),
  col('formatDetail', '格式说明', 16, plain),
  col('updateCycle', '更新周期', 10, labelled(UPDATE_CYCLE_LABELS, '更新周期'), { options: opts(UPDATE_CYCLE_LABELS) }),
  col('dataUpdatedAt', '数据更新日期', 14, date, { hint: 'YYYY-MM-DD' }),
  col('securityGrade', '安全级别', 10, labelled(SECURITY_GRADE_LABELS, '安全级别'), { options: opts(SECURITY_GRADE_LABELS), hint: 'GB/T 43697-2024' }),
  col('securityAgreementRequired', '需签订安全协议', 10, yesNo, { options: ['是', '否'] }),
  col('internalReview.scenarios', '内部审查·应用场景', 26, required, { hint: '第十一条' }),
  col('internalReview.userIdentity', '内部审查·使用方身份', 20, required),
  col('internalReview.region', '内部审查·使用地域', 16, required),
  col('internalReview.scope', '内部审查·知悉和使用范围', 26, required),
  col('collectionBasisType', '采集依据类型', 12, labelled(COLLECTION_BASIS_TYPE_LABELS, '采集依据类型'), { options: opts(COLLECTION_BASIS_TYPE_LABELS), hint: '第十条' }),
  col('collectionBasis', '采集依据', 30, required, { hint: '法律法规名称及条款，或采集对象同意的记录' }),
  col('dataRange', '数据范围', 20, plain),
  col('applicationScenarios', '应用场景', 30, plain),
  col('relatedCodes', '关联资源代码', 24, list, { hint: '多个用顿号分隔' }),
  col('provider', '提供部门', 24, plain, { hint: '留空为本部门；只有平台管理员可填写其他部门' }),
  col(null, '状态', 10, plain, { hint: '导出时填写，导入时忽略' }),
  col(null, '版本', 6, plain, { hint: '导出时填写，导入时忽略' }),
];

export const ITEM_COLUMNS: Column[] = [
  col('#', '资源序号', 8, integer, { hint: '对应“资源目录”表的序号' }),
  col('id', '信息项标识', 10, integer, { hint: '新增信息项留空；修改已有信息项时保留' }),
  col('name', '信息项名称', 20, required),
  col('dataType', '数据类型', 10, labelled(ITEM_DATA_TYPE_LABELS, '数据类型'), { options: opts(ITEM_DATA_TYPE_LABELS) }),
  col('length', '数据长度', 8, integer),
  col('nullable', '可为空', 8, yesNo, { options: ['是', '否'] }),
  col('primaryKey', '主键', 8, yesNo, { options: ['是', '否'] }),
  col('sensitive', '敏感', 8, yesNo, { options: ['是', '否'] }),
  col('secret', '涉密', 8, yesNo, { options: ['是', '否'] }),
  col('desensitization', '脱敏规则', 10, labelled(DESENSITIZATION_LABELS, '脱敏规则'), { options: opts(DESENSITIZATION_LABELS) }),
  col('description', '说明', 30, plain),
  col('fieldName', '字段名', 16, plain, { hint: '小写字母开头，字母数字下划线，如 id_number；留空自动生成' }),
  col('queryKey', '可作查询条件', 10, yesNo, { options: ['是', '否'], hint: '主键总是可作查询条件' }),
];

export const STATUS_LABEL = (s: string): string => ENTRY_STATUS_LABELS[s as keyof typeof ENTRY_STATUS_LABELS] ?? s;

/** Excel column letter of a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export const entryColumnOf = (field: string): number => ENTRY_COLUMNS.findIndex((c) => c.field === field) + 1;
export const itemColumnOf = (field: string): number => ITEM_COLUMNS.findIndex((c) => c.field === field) + 1;
