import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  NotFoundError,
  OPEN_DOWNLOAD_MEDIA,
  assertPublicDownload,
  desensitize,
  publicItems,
  valueKindOf,
  type DatasetPreviewDto,
  type Desensitization,
  type OpenDownloadFormat,
  type OpenType,
} from '@govdata/domain';
import { CatalogItem } from '@govdata/catalog';
import { sqlRows } from '@govdata/core';
import { DatasetVersion } from '@govdata/gateway';
import { visibleDatasets } from './portal';

/**
 * 数据下载 (第二十三条, 第二十六条): the live version of a 无条件开放 dataset as CSV, XLSX or JSON, without login,
 * streamed from the database a batch of rows at a time (keyset paging on `_row`; memory stays flat whatever the
 * size), in the public columns only (`publicItems`: 涉密 and 删除 never, sensitive items masked), each value
 * desensitised by the gateway's own masking.
 */

/** Rows read per query while streaming. */
const BATCH = 2_000;

/** One column of a data version (the gateway's row table: `c_<fieldName>`, typed by the item). */
export type DatasetColumn = InferEntity<typeof DatasetVersion>['columns'][number];

const quote = (id: string): string => `"${id.replace(/"/g, '""')}"`;

export interface PublicColumn extends DatasetColumn {
  served: Desensitization;
}

export interface PublicData {
  datasetId: number;
  name: string;
  title: string;
  entryId: number;
  version: { id: number; version: number; rows: number; rowsTable: string; publishedAt: Date };
  columns: PublicColumn[];
}

interface DatasetRow {
  id: number;
  name: string;
  title: string;
  entry_id: number;
  open_type: OpenType;
  department_name: string;
}

/** The public columns of a version: its columns whose item the public gets now, each under the item's current rule. */
export async function publicColumnsOf(em: EntityManager, entryId: number, columns: readonly DatasetColumn[]): Promise<PublicColumn[]> {
  const items = await em.find(CatalogItem, { entry: entryId, removedAt: null }, { orderBy: { position: 'asc' } });
  const rule = new Map(publicItems(items.map((i) => ({ id: i.id, sensitive: i.sensitive, secret: i.secret, desensitization: i.desensitization }))).map((i) => [i.id, i.served]));
  return columns.filter((c) => rule.has(c.itemId)).map((c) => ({ ...c, served: rule.get(c.itemId) as Desensitization }));
}

/** The open dataset by its public name, and its live data for the public — or the reason there is none (4xx). */
export async function publicData(em: EntityManager, name: string): Promise<PublicData> {
  const [row] = (await visibleDatasets(em, {})
    .where('d.name', name)
    .select(['d.id', 'd.name', 'e.name as title', 'd.entry_id', 'e.open_type', 'dep.name as department_name'])) as DatasetRow[];
  if (!row) throw new NotFoundError(`开放数据集 ${name} 不存在或已撤回`, 'opendata.not_found');
  const live = await em.findOne(DatasetVersion, { entry: row.entry_id, status: 'live' });
  assertPublicDownload(row.open_type, !!live, row.department_name);
  const v = live as NonNullable<typeof live>;
  return {
    datasetId: Number(row.id),
    name: row.name,
    title: row.title,
    entryId: Number(row.entry_id),
    version: { id: v.id, version: v.version, rows: v.rows, rowsTable: v.rowsTable, publishedAt: v.publishedAt ?? v.uploadedAt },
    columns: await publicColumnsOf(em, row.entry_id, v.columns),
  };
}

/**
 * How each public column's stored value becomes what the public gets: typed as its item says (numbers, booleans;
 * PostgreSQL returns bigint as text), then desensitised by the gateway's rule (`desensitize`, as `maskRow` does).
 */
function cellMappers(data: PublicData, hash: (text: string) => string): Array<(raw: unknown) => unknown> {
  return data.columns.map((c) => {
    const typed =
      c.dataType === 'integer' || c.dataType === 'decimal'
        ? (v: unknown) => (v === null || v === undefined ? null : Number(v))
        : c.dataType === 'boolean'
          ? (v: unknown) => (v === null || v === undefined ? null : Number(v) === 1)
          : (v: unknown) => (v === undefined ? null : v);
    if (c.served === 'none') return typed;
    const kind = valueKindOf(c.name);
    return (v: unknown) => desensitize(typed(v), c.served, kind, hash) ?? null;
  });
}

/**
 * The public cells of a version in upload order (one array per row, in the public columns' order), a batch at a
 * time: keyset paging on the row table's primary key `_row`, so reading a whole version is a series of index seeks
 * with flat memory, whatever its size; no object per row on the way (the CSV and XLSX writers take the arrays).
 */
export async function* publicCells(em: EntityManager, data: PublicData, hash: (text: string) => string, limit = Infinity): AsyncGenerator<unknown[][]> {
  const map = cellMappers(data, hash);
  const names = data.columns.map((c) => c.column);
  const list = [quote('_row'), ...names.map(quote)].join(', ');
  const sql = `select ${list} from ${quote(data.version.rowsTable)} where ${quote('_row')} > ? order by ${quote('_row')} limit ?`;
  let after = 0;
  let left = limit;
  const width = names.length;
  while (left > 0) {
    // arrays, not objects: `_row` first, then the public columns in order
    const raw = await sqlRows(em, sql, [after, Math.min(BATCH, left)]);
    if (!raw.length) return;
    const out: unknown[][] = new Array(raw.length);
    for (let r = 0; r < raw.length; r++) {
      const row = raw[r] as unknown[];
      const cells = new Array(width);
      for (let i = 0; i < width; i++) cells[i] = (map[i] as (v: unknown) => unknown)(row[i + 1]);
      out[r] = cells;
    }
    yield out;
    left -= raw.length;
    after = Number((raw[raw.length - 1] as unknown[])[0]);
  }
}

/** The masked rows of a version in upload order as objects keyed by field name, a batch at a time. */
export async function* publicRows(em: EntityManager, data: PublicData, hash: (text: string) => string, limit = Infinity): AsyncGenerator<Record<string, unknown>[]> {
  const fields = data.columns.map((c) => c.fieldName);
  for await (const batch of publicCells(em, data, hash, limit)) {
    yield batch.map((cells) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) o[fields[i] as string] = cells[i];
      return o;
    });
  }
}

/** 预览: the first rows as the public downloads them. */
export async function publicPreview(em: EntityManager, name: string, hash: (text: string) => string, rows: number): Promise<DatasetPreviewDto> {
  const data = await publicData(em, name);
  const items: Record<string, unknown>[] = [];
  for await (const batch of publicRows(em, data, hash, rows)) items.push(...batch);
  return { version: data.version.version, columns: data.columns.map((c) => ({ fieldName: c.fieldName, name: c.name, desensitization: c.served })), items, total: data.version.rows };
}

/** The download's file name: the dataset's title and the data version (RFC 5987 `filename*` carries the Chinese). */
export const downloadFilename = (data: PublicData, format: OpenDownloadFormat): string =>
  `${data.title.replace(/[\\/:*?"<>|\r\n]+/g, '_')}（第${data.version.version}版）.${format.toLowerCase()}`;

/**
 * A CSV cell. Text that a spreadsheet would run as a formula (a leading =, +, -, @, tab or CR: CSV injection, OWASP)
 * gets a leading apostrophe, which Excel and WPS show as text; numbers stay numbers (a negative number is a number).
 */
export const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  let s = typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes text with backpressure: waits for 'drain' when the stream's buffer is full, stops if the client went away. */
async function put(into: Writable, gone: { closed: boolean; promise: Promise<unknown> }, text: string): Promise<void> {
  if (gone.closed) throw new DownloadAborted();
  if (!into.write(text)) await Promise.race([once(into, 'drain'), gone.promise]);
  if (gone.closed) throw new DownloadAborted();
}

/** The client closed the connection mid-download: nothing to answer, nothing to count. */
export class DownloadAborted extends Error {
  constructor() {
    super('download aborted by the client');
  }
}

/** Counts bytes written through it (the size of the file as served, before any transfer encoding). */
class Counted extends PassThrough {
  bytes = 0;
  override _transform(chunk: Buffer, enc: BufferEncoding, cb: (e?: Error | null, d?: unknown) => void): void {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

/**
 * Streams the file to `out` (an HTTP response whose headers are set): CSV in UTF-8 with a byte-order mark (Excel
 * opens the Chinese), headed by the items' names; JSON as an array of objects keyed by field name; XLSX through
 * ExcelJS's streaming writer (a new sheet every million rows, Excel's limit). Returns the bytes written and the rows.
 */
export async function writeDownload(
  em: EntityManager,
  data: PublicData,
  format: OpenDownloadFormat,
  hash: (text: string) => string,
  out: Writable,
  /** runs when the whole file is written, before the response ends (counting the download) */
  complete: (served: { bytes: number; rows: number }) => Promise<void> = async () => undefined,
  /** gets the same bytes (the download file cache's writer); ended with the file */
  copy?: Writable,
): Promise<{ bytes: number; rows: number }> {
  const counted = new Counted();
  // ExcelJS ends the stream it writes to itself: listen for the end from the start
  const ended = once(counted, 'end');
  counted.pipe(out, { end: false });
  if (copy) counted.pipe(copy);
  // the response closes early when the client goes away: every wait races it, so a download never hangs
  const gone = { closed: out.destroyed, promise: Promise.resolve() as Promise<unknown> };
  gone.promise = out.destroyed ? Promise.resolve() : new Promise((resolve) => out.once('close', () => resolve((gone.closed = !out.writableFinished))));
  const closed = () => gone.closed;
  let rows = 0;
  if (format === 'XLSX') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: counted as never, useStyles: true, useSharedStrings: false });
    wb.creator = 'govdata';
    wb.title = data.title;
    const widths = data.columns.map((c) => ({ header: c.name, key: c.fieldName, width: Math.max(10, Math.min(40, c.name.length * 2 + 4)) }));
    const sheet = (n: number) => {
      const ws = wb.addWorksheet(n === 1 ? '数据' : `数据${n}`, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = widths;
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      return ws;
    };
    let ws = sheet(1);
    let inSheet = 0;
    for await (const batch of publicCells(em, data, hash)) {
      if (closed()) throw new DownloadAborted();
      for (const cells of batch) {
        if (inSheet === 1_000_000) {
          ws.commit();
          ws = sheet(Math.floor(rows / 1_000_000) + 1);
          inSheet = 0;
        }
        ws.addRow(cells).commit();
        inSheet++;
        rows++;
      }
      if (counted.writableNeedDrain) await Promise.race([once(counted, 'drain'), gone.promise]);
    }
    ws.commit();
    await wb.commit();
  } else if (format === 'CSV') {
    await put(counted, gone, `\uFEFF${data.columns.map((c) => csvCell(c.name)).join(',')}\r\n`);
    for await (const batch of publicCells(em, data, hash)) {
      let text = '';
      for (const cells of batch) {
        let line = csvCell(cells[0]);
        for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i])}`;
        text += `${line}\r\n`;
      }
      rows += batch.length;
      await put(counted, gone, text);
    }
  } else {
    await put(counted, gone, '[');
    for await (const batch of publicRows(em, data, hash)) {
      let text = '';
      for (const r of batch) text += `${rows++ === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`;
      await put(counted, gone, text);
    }
    await put(counted, gone, rows ? '\n]\n' : ']\n');
  }
  if (closed()) throw new DownloadAborted();
  if (!counted.writableEnded) counted.end();
  await Promise.race([ended, gone.promise]);
  if (closed()) throw new DownloadAborted();
  const served = { bytes: counted.bytes, rows };
  await complete(served);
  out.end();
  return served;
}

export const DOWNLOAD_CONTENT_TYPES: Record<OpenDownloadFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: OPEN_DOWNLOAD_MEDIA.XLSX,
  JSON: 'application/json; charset=utf-8',
};
