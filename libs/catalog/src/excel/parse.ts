import ExcelJS from 'exceljs';
import { ValidationError, type ImportIssue } from '@govdata/domain';
import { assertXlsxBounded } from '@govdata/core';
import { ENTRY_COLUMNS, ENTRY_SHEET, ITEM_COLUMNS, ITEM_SHEET, cellText, columnLetter, type Column, type ParseContext } from './layout';

/** One filled row of a sheet, parsed cell by cell; cells that did not parse are issues, not values. */
export interface SheetRow {
  row: number;
  values: Record<string, unknown>;
  /** cells that were filled in, by field (to tell "missing" from "invalid") */
  filled: Set<string>;
}

export interface ParsedWorkbook {
  entries: SheetRow[];
  items: SheetRow[];
  issues: ImportIssue[];
}

export const MAX_IMPORT_ROWS = 2000;
/** rows of any sheet, empty ones included: 2,000 resources with up to ~25 data items each, and room for notes */
export const MAX_SHEET_ROWS = 50_000;

export function issueAt(sheet: string, row: number, columns: Column[], field: string | null, message: string): ImportIssue {
  const index = field ? columns.findIndex((c) => c.field === field) : -1;
  const column = index >= 0 ? columnLetter(index + 1) : null;
  const columnLabel = index >= 0 ? columns[index].header : null;
  const where = column ? `第 ${row} 行 第 ${column} 列（${columnLabel}）` : `第 ${row} 行`;
  return { sheet, row, column, columnLabel, message: `“${sheet}”${where}：${message}` };
}

/**
 * Opens the upload; anything that is not an .xlsx workbook is a clear 400. The archive is first streamed through
 * the bounds check (unpacked size, parts, rows per sheet), so a zip bomb is refused before ExcelJS holds anything.
 */
export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  if (!buffer.length) throw new ValidationError('上传的文件是空的，请选择填写好的 Excel（.xlsx）文件', [], 'catalog.import_empty');
  // an .xlsx is a zip archive: refuse anything else before the parser sees it
  if (buffer[0] !== 0x50 || buffer[1] !== 0x4b) throw new ValidationError('上传的文件不是 Excel（.xlsx）文件。请使用平台下载的模板，另存为 .xlsx 格式后再上传', [], 'catalog.import_malformed');
  await assertXlsxBounded(buffer, {
    maxRowsPerSheet: MAX_SHEET_ROWS,
    rowsMessage: (max) => `工作表超过 ${max} 行上限（含空行）。一次最多导入 ${MAX_IMPORT_ROWS} 个资源：请删除多余的空行，或拆分后分批导入`,
  }).catch((e: unknown) => {
    throw e instanceof ValidationError && e.code === 'xlsx.malformed' ? new ValidationError(e.message, [], 'catalog.import_malformed') : e;
  });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError('无法读取上传的文件：文件已损坏或不是有效的 Excel（.xlsx）文件', [], 'catalog.import_malformed');
  }
  return wb;
}

/** The workbook must be the platform's template: both sheets, with the headers in their places. */
function checkTemplate(wb: ExcelJS.Workbook): { entries: ExcelJS.Worksheet; items: ExcelJS.Worksheet } {
  const wrong = (detail: string) => new ValidationError(`不是本平台的资源目录导入模板：${detail}。请下载最新模板（或导出本部门目录）后填写`, [], 'catalog.import_wrong_template');
  const entries = wb.getWorksheet(ENTRY_SHEET);
  const items = wb.getWorksheet(ITEM_SHEET);
  if (!entries) throw wrong(`缺少工作表“${ENTRY_SHEET}”`);
  if (!items) throw wrong(`缺少工作表“${ITEM_SHEET}”`);
  for (const [ws, columns] of [[entries, ENTRY_COLUMNS], [items, ITEM_COLUMNS]] as const) {
    const header = ws.getRow(1);
    columns.forEach((c, i) => {
      const text = cellText(header.getCell(i + 1));
      if (text !== c.header) throw wrong(`工作表“${ws.name}”第 ${columnLetter(i + 1)} 列表头应为“${c.header}”，实际为“${text || '空'}”`);
    });
  }
  return { entries, items };
}

function readSheet(ws: ExcelJS.Worksheet, columns: Column[], issues: ImportIssue[]): SheetRow[] {
  const rows: SheetRow[] = [];
  const last = ws.actualRowCount ? ws.rowCount : 0;
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const texts = columns.map((_, i) => cellText(row.getCell(i + 1)));
    if (texts.every((t) => t === '')) continue;
    const values: Record<string, unknown> = {};
    const filled = new Set<string>();
    const ctx: ParseContext = {};
    columns.forEach((c, i) => {
      if (!c.field) return;
      const text = texts[i];
      if (text) filled.add(c.field);
      const parsed = c.read(text, ctx);
      if (!parsed.ok) issues.push(issueAt(ws.name, r, columns, c.field, parsed.message));
      else if (parsed.value !== undefined) values[c.field] = parsed.value;
      if (c.field === 'resourceType' && parsed.ok) ctx.resourceType = parsed.value as string;
    });
    rows.push({ row: r, values, filled });
  }
  return rows;
}

export async function parseWorkbook(buffer: Buffer): Promise<ParsedWorkbook> {
  const wb = await readWorkbook(buffer);
  const sheets = checkTemplate(wb);
  const issues: ImportIssue[] = [];
  const entries = readSheet(sheets.entries, ENTRY_COLUMNS, issues);
  if (entries.length === 0) throw new ValidationError(`工作表“${ENTRY_SHEET}”中没有填写任何资源`, [], 'catalog.import_no_rows');
  if (entries.length > MAX_IMPORT_ROWS) throw new ValidationError(`一次最多导入 ${MAX_IMPORT_ROWS} 个资源，本文件有 ${entries.length} 个，请拆分后分批导入`, [], 'catalog.import_too_many');
  const items = readSheet(sheets.items, ITEM_COLUMNS, issues);
  return { entries, items, issues };
}
