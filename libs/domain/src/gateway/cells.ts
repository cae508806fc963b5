import type { ItemDataType } from '../catalog/enums';

/**
 * A dataset cell checked against its item (第十二条: the data matches its catalog): the typed value to store, or
 * the reason it does not fit, worded for the person who fixes the file. Empty text is null.
 */
export type CellValue = string | number | null;
export type CellResult = { ok: true; value: CellValue } | { ok: false; message: string };

export interface ColumnRule {
  name: string;
  dataType: ItemDataType;
  length: number | null;
  nullable: boolean;
}

const ok = (value: CellValue): CellResult => ({ ok: true, value });
const bad = (message: string): CellResult => ({ ok: false, message });

const validDate = (y: number, m: number, d: number): boolean => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const pad = (n: number): string => String(n).padStart(2, '0');

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DATETIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const TRUE = new Set(['是', 'true', 'TRUE', 'True', '1', 'Y', 'y']);
const FALSE = new Set(['否', 'false', 'FALSE', 'False', '0', 'N', 'n']);

export function parseCell(raw: string, rule: ColumnRule): CellResult {
  const text = raw.trim();
  if (text === '') return rule.nullable ? ok(null) : bad(`“${rule.name}”不能为空`);
  switch (rule.dataType) {
    case 'string':
      if (rule.length !== null && [...text].length > rule.length) return bad(`“${rule.name}”超过 ${rule.length} 个字符（实际 ${[...text].length} 个）`);
      return ok(text);
    case 'text':
    case 'binary':
      return ok(text);
    case 'integer': {
      const n = Number(text);
      if (!INTEGER.test(text) || !Number.isSafeInteger(n)) return bad(`“${rule.name}”应为整数，实际为“${text.slice(0, 30)}”`);
      return ok(n);
    }
    case 'decimal': {
      const plain = text.replace(/,/g, '');
      if (!DECIMAL.test(plain) || !Number.isFinite(Number(plain))) return bad(`“${rule.name}”应为数值，实际为“${text.slice(0, 30)}”`);
      return ok(Number(plain));
    }
    case 'date': {
      const m = DATE.exec(text);
      if (!m || !validDate(+m[1], +m[2], +m[3])) return bad(`“${rule.name}”应为日期（YYYY-MM-DD），实际为“${text.slice(0, 30)}”`);
      return ok(`${m[1]}-${pad(+m[2])}-${pad(+m[3])}`);
    }
    case 'datetime': {
      const m = DATETIME.exec(text);
      if (!m || !validDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) return bad(`“${rule.name}”应为日期时间（YYYY-MM-DD HH:mm:ss），实际为“${text.slice(0, 30)}”`);
      return ok(`${m[1]}-${pad(+m[2])}-${pad(+m[3])} ${pad(+m[4])}:${m[5]}:${m[6] ?? '00'}`);
    }
    case 'boolean':
      if (TRUE.has(text)) return ok(1);
      if (FALSE.has(text)) return ok(0);
      return bad(`“${rule.name}”应填写“是”或“否”，实际为“${text.slice(0, 30)}”`);
  }
}
