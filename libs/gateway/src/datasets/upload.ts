import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCanManageDataset,
  NotFoundError,
  parseCell,
  PayloadTooLargeError,
  ValidationError,
  type Actor,
  type ColumnRule,
  type DatasetUploadResult,
  type FieldIssue,
  type ItemDataType,
} from '@govdata/domain';
import { CatalogEntry, CatalogItem } from '@govdata/catalog';
import { audit } from '@govdata/core';
import { DatasetVersion, type DatasetColumn, type IDatasetVersion } from '../entities/dataset-version.entity';
import { csvRows, decodeText, type CsvEncoding } from './csv';
import { columnOf, createRowsTable, insertRows, rowsTableOf } from './rows-table';

export interface DatasetContext {
  em: EntityManager;
  actor: Actor;
  now: Date;
}

export interface UploadSource {
  body: AsyncIterable<Uint8Array>;
  format: 'csv' | 'xlsx';
  encoding?: CsvEncoding;
  filename?: string;
  /** bytes at most; a longer body is refused with 413 while it streams */
  maxBytes: number;
  /** data rows at most */
  maxRows: number;
}

/** At most this many row errors are reported; past it the file is not worth reading on. */
const MAX_ISSUES = 200;
const BATCH = 2_000;

/** Counts and hashes the body as it streams, and stops it at the byte limit. */
async function* metered(body: AsyncIterable<Uint8Array>, maxBytes: number, meter: { bytes: number; sha: ReturnType<typeof createHash> }): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    meter.bytes += chunk.length;
    if (meter.bytes > maxBytes) throw new PayloadTooLargeError(`数据文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限；更大的数据请拆分，或登记接口服务由平台代理`, 'dataset.too_large');
    meter.sha.update(chunk);
    yield chunk;
  }
}

/** Excel cells as text: dates as YYYY-MM-DD (a date-only cell holds a naive date, which exceljs hands over as UTC midnight). */
function excelText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return excelText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

async function* xlsxRows(body: AsyncIterable<Uint8Array>): AsyncGenerator<{ line: number; cells: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      yield { line: row.number, cells: values.map(excelText) };
    }
    // the first worksheet holds the data
    break;
  }
}

/**
 * 上传数据版本 (issue 15 §2): reads a CSV or .xlsx whose header row names the entry's items (by name or field name),
 * checks every cell against its item, and stores the rows in a new version's table. Errors name the row and the
 * column; with any error nothing is stored (the request's transaction rolls back, the table included).
 */
export async function uploadDataset(ctx: DatasetContext, entryId: number, source: UploadSource): Promise<DatasetUploadResult> {
  const { em, actor, now } = ctx;
  const entry = await em.findOne(CatalogEntry, entryId);
  if (!entry) throw new NotFoundError(`资源目录条目 ${entryId} 不存在`, 'catalog.entry_not_found');
  assertCanManageDataset(actor, entry.provider.id);
  if (entry.status === 'retired') throw new ValidationError('已下线的资源不能再上传数据', [], 'dataset.entry_retired');
  const items = await em.find(CatalogItem, { entry: entryId, removedAt: null }, { orderBy: { position: 'asc' } });

  const meter = { bytes: 0, sha: createHash('sha256') };
  const used: { encoding?: CsvEncoding } = {};
  const bytes = metered(source.body, source.maxBytes, meter);
  const rows = source.format === 'csv' ? csvRows(decodeText(bytes, source.encoding, used)) : xlsxRows(bytes);

  const issues: FieldIssue[] = [];
  const fail = (path: string, message: string) => issues.length < MAX_ISSUES && issues.push({ path, message });

  let columns: DatasetColumn[] = [];
  let rules: ColumnRule[] = [];
  let positions: number[] = [];
  let version: IDatasetVersion | null = null;
  let count = 0;
  let batch: (string | number | null)[][] = [];

  for await (const { line, cells } of rows) {
    if (!version) {
      // the header row: every cell names an item, by 信息项名称 or 字段名
      const byName = new Map<string, (typeof items)[number]>();
      for (const it of items) {
        byName.set(it.name.replace(/\s+/g, ''), it);
        byName.set(it.fieldName, it);
      }
      const seen = new Set<number>();
      positions = [];
      cells.forEach((cell, i) => {
        const h = cell.replace(/\s+/g, '');
        if (!h) return;
        const it = byName.get(h) ?? byName.get(h.toLowerCase());
        if (!it) fail(`header.${i + 1}`, `第 1 行第 ${i + 1} 列表头“${cell}”不是该资源的信息项（可用信息项名称或字段名）`);
        else if (seen.has(it.id)) fail(`header.${i + 1}`, `第 1 行第 ${i + 1} 列“${cell}”与前面的列重复`);
        else {
          seen.add(it.id);
          positions[i] = it.id;
        }
      });
      for (const it of items) if (!seen.has(it.id) && !it.nullable) fail(`header.${it.fieldName}`, `缺少必填信息项“${it.name}”（${it.fieldName}）的列`);
      if (issues.length) throw new ValidationError('数据文件的表头与资源的信息项不符，未保存任何数据', issues, 'dataset.bad_header');
      const ordered = items.filter((it) => seen.has(it.id));
      columns = ordered.map((it) => ({ itemId: it.id, fieldName: it.fieldName, name: it.name, dataType: it.dataType, column: columnOf(it.fieldName) }));
      rules = ordered.map((it) => ({ name: it.name, dataType: it.dataType as ItemDataType, length: it.length ?? null, nullable: it.nullable }));
      // position i of the file → index in columns
      const indexOf = new Map(ordered.map((it, k) => [it.id, k]));
      positions = Array.from({ length: cells.length }, (_, i) => (positions[i] === undefined ? -1 : (indexOf.get(positions[i]) ?? -1)));
      const last = await em.findOne(DatasetVersion, { entry: entryId }, { orderBy: { version: 'desc' }, fields: ['version'] });
      const created = em.create(DatasetVersion, {
        entry: entryId,
        version: (last?.version ?? 0) + 1,
        status: 'uploaded',
        format: source.format,
        encoding: null,
        filename: source.filename ?? null,
        rows: 0,
        bytes: 0,
        sha256: '',
        columns,
        rowsTable: 'pending',
        uploadedAt: now,
        uploadedBy: actor.userId,
        uploadedByName: `${actor.displayName}(${actor.username})`,
        publishedAt: null,
        supersededAt: null,
        readableUntil: null,
      });
      await em.flush();
      created.rowsTable = rowsTableOf(created.id);
      const keys = ordered.filter((it) => it.queryKey || it.primaryKey).map((it) => columnOf(it.fieldName));
      await createRowsTable(em, created.rowsTable, columns, keys);
      version = created;
      continue;
    }
    count++;
    if (count > source.maxRows) throw new ValidationError(`数据超过 ${source.maxRows.toLocaleString()} 行上限；更大的数据请登记接口服务由平台代理`, [], 'dataset.too_many_rows');
    const values: (string | number | null)[] = new Array(columns.length + 1).fill(null);
    values[0] = count;
    for (let i = 0; i < cells.length; i++) {
      const k = i < positions.length ? positions[i] : undefined;
      if (k === undefined) {
        if (cells[i].trim()) fail(`rows.${line}`, `第 ${line} 行第 ${i + 1} 列有内容但没有表头`);
        continue;
      }
      if (k < 0) continue;
      const r = parseCell(cells[i], rules[k]);
      if (r.ok) values[k + 1] = r.value;
      else fail(`rows.${line}.${columns[k].fieldName}`, `第 ${line} 行“${columns[k].name}”列：${r.message}`);
    }
    // required items whose column is present but the row is short
    for (let k = 0; k < columns.length; k++) {
      if (values[k + 1] === null && !rules[k].nullable && !issues.some((x) => x.path === `rows.${line}.${columns[k].fieldName}`)) {
        const r = parseCell('', rules[k]);
        if (!r.ok) fail(`rows.${line}.${columns[k].fieldName}`, `第 ${line} 行“${columns[k].name}”列：${r.message}`);
      }
    }
    if (issues.length >= MAX_ISSUES) break;
    if (issues.length) continue;
    batch.push(values);
    if (batch.length >= BATCH) {
      await insertRows(em, version.rowsTable, columns, batch);
      batch = [];
    }
  }
  if (!version) throw new ValidationError('数据文件是空的：第 1 行应为表头（信息项名称或字段名）', [], 'dataset.empty');
  if (issues.length) {
    throw new ValidationError(`数据有 ${issues.length >= MAX_ISSUES ? `至少 ${MAX_ISSUES}` : issues.length} 处错误，未保存任何数据；请按行号和列名修改后重新上传`, issues, 'dataset.invalid_rows');
  }
  await insertRows(em, version.rowsTable, columns, batch);
  version.rows = count;
  version.bytes = meter.bytes;
  version.sha256 = meter.sha.digest('hex');
  version.encoding = used.encoding ?? null;
  audit(em, { actor, action: 'dataset.upload', subjectType: 'catalog_entry', subjectId: entryId, after: { version: version.version, rows: count, bytes: meter.bytes, sha256: version.sha256, format: source.format }, at: now });
  await em.flush();
  return { versionId: version.id, version: version.version, rows: count, status: 'uploaded' };
}
