import ExcelJS from 'exceljs';

export interface XlsxColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null | undefined;
}

/**
 * One sheet with a bold, frozen header row and one row per record — the shape of every register staff export
 * (violations, notices, assessment results, suspension lists). Returns the workbook's bytes.
 */
export async function xlsxTable<T>(sheetName: string, columns: XlsxColumn<T>[], rows: readonly T[], options: { /** a merged title row above the header */ title?: string } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '朔州市政务数据共享开放平台';
  const headerRow = options.title ? 2 : 1;
  // ExcelJS sheet names: at most 31 characters, none of * ? : \ / [ ]
  const sheet = book.addWorksheet(sheetName.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: headerRow }] });
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  if (options.title) {
    sheet.addRow([options.title]);
    sheet.mergeCells(1, 1, 1, columns.length);
    sheet.getRow(1).font = { bold: true, size: 14 };
  }
  sheet.addRow(columns.map((c) => c.header));
  sheet.getRow(headerRow).font = { bold: true };
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(row) ?? ''])));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** `2026-11-20 10:00:00` in Asia/Shanghai, or empty. */
export const shanghaiCell = (iso: string | null | undefined): string => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : '');
