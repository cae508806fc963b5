import ExcelJS from 'exceljs';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { shanghaiDate } from '@govdata/workdays';
import { departmentScope, type Actor } from '@govdata/domain';
import { CatalogDedicatedDepartment, CatalogEntry, type ICatalogEntry } from '../entities/catalog-entry.entity';
import { CatalogItem, type ICatalogItem } from '../entities/catalog-item.entity';
import { Department, type IDepartment } from '@govdata/core';
import { ledLibraries, loadLeads } from '../leads';
import { inputOf, type EntryAggregate } from '../model';
import { ENTRY_COLUMNS, ENTRY_SHEET, GUIDE_SHEET, ITEM_COLUMNS, ITEM_SHEET, STATUS_LABEL, TEMPLATE_MARK, columnLetter, type CellValue, type Column } from './layout';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Loads whole aggregates for many entries in three queries (entries, items, dedicated lists). */
export async function loadAggregates(em: EntityManager, where: FilterQuery<ICatalogEntry>): Promise<EntryAggregate[]> {
  const entries = await em.find(CatalogEntry, where, { populate: ['provider'], orderBy: { code: 'asc' } });
  const ids = entries.map((e) => e.id);
  const items = new Map<number, ICatalogItem[]>();
  const dedicated = new Map<number, IDepartment[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const it of await em.find(CatalogItem, { entry: { $in: chunk }, removedAt: null }, { orderBy: { position: 'asc', id: 'asc' } })) {
      (items.get(it.entry.id) ?? items.set(it.entry.id, []).get(it.entry.id))?.push(it);
    }
    for (const d of await em.find(CatalogDedicatedDepartment, { entry: { $in: chunk } }, { populate: ['department'], orderBy: { id: 'asc' } })) {
      (dedicated.get(d.entry.id) ?? dedicated.set(d.entry.id, []).get(d.entry.id))?.push(d.department.getEntity());
    }
  }
  return entries.map((entry) => ({ entry, provider: entry.provider.getEntity(), items: items.get(entry.id) ?? [], dedicated: dedicated.get(entry.id) ?? [] }));
}

function styleHeader(ws: ExcelJS.Worksheet, columns: Column[]): void {
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 30;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
}

function addDropDowns(ws: ExcelJS.Worksheet, columns: Column[], lastRow: number): void {
  columns.forEach((c, i) => {
    if (!c.options) return;
    const letter = columnLetter(i + 1);
    for (let r = 2; r <= lastRow; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${c.options.join(',')}"`], showErrorMessage: true, errorTitle: c.header, error: `请从下拉列表中选择${c.header}` };
    }
  });
}

function addGuide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 22 }, { width: 18 }, { width: 90 }];
  ws.addRow([TEMPLATE_MARK]).font = { bold: true, size: 14 };
  ws.addRow(['请在“资源目录”表每行填写一个资源，在“信息项”表每行填写一个信息项，并用“资源序号”关联。']);
  ws.addRow(['带下拉的列请从列表中选择；是/否 列填写“是”或“否”；日期填写 YYYY-MM-DD。']);
  ws.addRow([]);
  ws.addRow(['工作表', '列', '说明']).font = { bold: true };
  for (const [sheet, columns] of [[ENTRY_SHEET, ENTRY_COLUMNS], [ITEM_SHEET, ITEM_COLUMNS]] as const) {
    columns.forEach((c, i) => ws.addRow([sheet, `${columnLetter(i + 1)} ${c.header}`, [c.hint, c.options ? `可选：${c.options.join('、')}` : ''].filter(Boolean).join('；')]));
  }
}

const get = (obj: Record<string, unknown>, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);

/** The workbook for a list of entries (an empty one is the template). */
export async function catalogWorkbook(aggregates: EntryAggregate[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govdata';
  wb.title = TEMPLATE_MARK;
  const entries = wb.addWorksheet(ENTRY_SHEET);
  const items = wb.addWorksheet(ITEM_SHEET);
  styleHeader(entries, ENTRY_COLUMNS);
  styleHeader(items, ITEM_COLUMNS);
  aggregates.forEach((a, index) => {
    const input = inputOf(a) as unknown as Record<string, unknown>;
    const values: Record<string, unknown> = {
      ...input,
      '#': index + 1,
      code: a.entry.code,
      dedicatedDepartments: a.dedicated.map((d) => d.name),
      provider: a.provider.name,
    };
    const row: CellValue[] = ENTRY_COLUMNS.map((c) => (c.field ? c.write(get(values, c.field)) : null));
    row[ENTRY_COLUMNS.length - 2] = STATUS_LABEL(a.entry.status);
    row[ENTRY_COLUMNS.length - 1] = a.entry.currentVersion;
    entries.addRow(row);
    for (const it of input.items as Record<string, unknown>[]) items.addRow(ITEM_COLUMNS.map((c) => (c.field === '#' ? index + 1 : c.field ? c.write(it[c.field]) : null)));
  });
  // text columns stay text: a code like 312001002/000017 or a date must not be reinterpreted by Excel
  for (const ws of [entries, items]) ws.eachRow((row, n) => n > 1 && row.eachCell((cell) => void (cell.numFmt = typeof cell.value === 'number' ? '0' : '@')));
  addDropDowns(entries, ENTRY_COLUMNS, Math.max(aggregates.length + 1, 200));
  addDropDowns(items, ITEM_COLUMNS, Math.max(items.rowCount, 1000));
  addGuide(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A department's catalog as it maintains it (its department resources and the libraries it leads, without retired
 * ones). The bureau exports any department, or everything.
 */
export async function exportCatalog(em: EntityManager, actor: Actor, requested: number | undefined, now: Date): Promise<{ filename: string; buffer: Buffer }> {
  const departmentId = departmentScope(actor, requested, '资源目录');
  const where: FilterQuery<ICatalogEntry> = { status: { $ne: 'retired' } };
  let label = '全市';
  if (departmentId) {
    const dept = await em.findOneOrFail(Department, departmentId);
    label = dept.name;
    const led = ledLibraries(await loadLeads(em), departmentId);
    where.$or = [{ resourceType: 'department', provider: departmentId }, ...(led.length ? [{ resourceType: { $ne: 'department' as const }, library: { $in: led } }] : [])];
  }
  const buffer = await catalogWorkbook(await loadAggregates(em, where));
  return { filename: `${label}政务数据资源目录-${shanghaiDate(now)}.xlsx`, buffer };
}

export const catalogTemplate = (): Promise<Buffer> => catalogWorkbook([]);
