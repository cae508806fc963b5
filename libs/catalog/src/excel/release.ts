import ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/knex';
import {
  BASE_LIBRARY_LABELS,
  CLOSED_REASON_LABELS,
  DESENSITIZATION_LABELS,
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
import { Department } from '@govdata/core';
import { loadRelease, parseSnapshot, releaseDto, releaseSnapshotPages, yieldToEventLoop, type ReleaseExportProgress } from '../releases';

/**
 * The workbook reads the release this many entries at a time and writes their rows in one run (≈ 20–30 ms), then gives
 * the event loop a turn. Pages of 500 held their rows' text through the many young-generation collections of writing
 * 500 rows (ExcelJS makes an object per cell), so V8 promoted it and let its old generation fill with garbage before
 * collecting it: the heap used peaked ~170 MB above its level before the city's export (issue 19, finding 1); with 100
 * a page, 45–55 MB. Progress is still reported every PROGRESS_EVERY entries (one UPDATE of the job each time).
 */
const PAGE = 100;
const PROGRESS_EVERY = 500;

/** What the zip of a sheet may hold that it has not compressed yet before the writer waits for it. */
export const ZIP_BACKLOG_BYTES = 4 << 20;

/** The parts of ExcelJS's worksheet stream (utils/stream-buf.js) that hold the rows not yet compressed. */
interface SheetStream {
  buffers: { length: number }[];
  /** the archiver's PassThrough (readable-stream 2, which counts its backlog in `_writableState` only) */
  pipes: { _writableState?: { length: number } }[];
}

/**
 * ExcelJS's streaming writer hands each committed row to the zip at once and ignores the compressor's back-pressure:
 * a row is serialized far faster than zlib compresses it between the writer's turns of the event loop, so the sheet's
 * XML piled up uncompressed in memory — 180 MB of buffers for the city's 47,364 entries on SQLite, growing with the
 * release (issue 19, finding 1, in the embedded mode). After each run of rows the writer now waits (timers, so the
 * event loop serves requests meanwhile) until what the sheet's zip entry holds uncompressed — the stream's own buffers
 * (the archiver takes the sheets one after the other) and the compressor's input — is below ZIP_BACKLOG_BYTES; the
 * compressor's output is piped to `out` with its back-pressure, so a slow disk or client holds the writer back too.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, limit: number): Promise<void> {
  const stream = (sheet as unknown as { stream: SheetStream }).stream;
  const backlog = () => (stream.buffers ?? []).reduce((n, b) => n + b.length, 0) + (stream.pipes ?? []).reduce((n, p) => n + (p._writableState?.length ?? 0), 0);
  while (backlog() > limit) await new Promise((resolve) => setTimeout(resolve, 5));
  await yieldToEventLoop();
}

const label = <T extends string>(labels: Record<T, string>, v: string | null): string => (v ? (labels[v as T] ?? v) : '');

/** How much the workbook's zip may hold: what it has not compressed yet, and the compressed bytes `out` has not taken. */
export interface WorkbookBuffers {
  /** default ZIP_BACKLOG_BYTES */
  zipBacklogBytes?: number;
  /** the archiver's own buffer of compressed bytes (its default, 1 MB) */
  zipOutputBytes?: number;
}

/**
 * A release as filed with the province (第八条), in the layout of the 政务信息资源目录编制指南: one row per resource
 * with its classification (类/项/目/细目), provider and code, share and open attributes; the data items in their own
 * sheet, keyed by resource code.
 */
export async function releaseWorkbookName(em: EntityManager, id: number): Promise<string> {
  return `朔州市政务数据资源目录-第${(await loadRelease(em, id)).number}版.xlsx`;
}

/**
 * Writes the workbook to `out` as it is read: ExcelJS's streaming writer, rows committed one by one, the release read
 * a page at a time, the writer held back while the zip is behind (zipCaughtUp) — memory stays flat whatever the
 * release's size (issue 19, finding 1). The items sheet is written after the resources sheet (a second pass over the
 * pages), as the zip takes one sheet after the other; progress counts the entries read over both passes (twice the
 * release's entries in all). `buffers` bounds the zip's buffers (the defaults outside tests).
 */
export async function writeReleaseWorkbook(em: EntityManager, id: number, out: NodeJS.WritableStream, progress: ReleaseExportProgress = {}, buffers: WorkbookBuffers = {}): Promise<void> {
  const zipBacklogBytes = buffers.zipBacklogBytes ?? ZIP_BACKLOG_BYTES;
  const release = releaseDto(await loadRelease(em, id));
  const codes = new Map((await em.fork().find(Department, {}, { fields: ['id', 'code'] })).map((d) => [d.id, d.code]));
  // (highWaterMark is the archiver's stream option, which ExcelJS passes on but does not declare)
  const zip = buffers.zipOutputBytes ? { zip: { highWaterMark: buffers.zipOutputBytes } as unknown as ExcelJS.stream.xlsx.ArchiverZipOptions } : {};
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as never, useStyles: true, useSharedStrings: false, ...zip });
  wb.creator = 'govdata';
  wb.title = release.title;

  const cover = wb.addWorksheet('目录说明');
  cover.columns = [{ width: 18 }, { width: 70 }];
  for (const row of [
    ['目录名称', release.title],
    ['版本号', `第 ${release.number} 版`],
    ['发布日期', release.releasedAt.slice(0, 10)],
    ['资源总数', release.entryCount],
    ['较上一版', `新增 ${release.addedCount}，变更 ${release.changedCount}，下线 ${release.retiredCount}`],
    ['编制依据', '《朔州市政务数据资源共享开放管理办法》（朔政办发〔2022〕14号）第八条；国家政务信息资源目录编制指南'],
    ['备案情况', release.filedAt ? `${release.filedAt} 已向省级平台备案（${release.filingReference}）` : '尚未备案'],
  ]) {
    const r = cover.addRow(row);
    r.getCell(1).font = { bold: true };
    r.commit();
  }
  cover.commit();

  const ws = wb.addWorksheet('信息资源目录', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = ['序号', '类', '项', '目', '细目', '信息资源名称', '信息资源代码', '信息资源提供方', '提供方代码', '资源类型', '所属库', '信息资源摘要', '信息资源格式', '信息项', '共享类型', '共享条件', '不予共享依据', '共享方式', '专用部门', '是否向社会开放', '开放条件', '更新周期', '数据更新日期', '安全级别', '需签订安全协议', '版本日期', '关联资源代码', '版本'];
  ws.columns = headers.map((h) => ({ header: h, width: Math.max(8, Math.min(40, h.length * 2 + 4)) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  let reported = 0;
  const report = async (read: number, last = false) => {
    if (!last && read - reported < PROGRESS_EVERY) return;
    reported = read;
    await progress.onPage?.(read);
  };
  for await (const { snapshots, versions, versionDates } of releaseSnapshotPages(em, id, PAGE)) {
   for (const [i, text] of snapshots.entries()) {
    const e = parseSnapshot(text);
    const [cls, xiang, mu, ximu] = e.classCode.split('-');
    ws.addRow([
      ++n,
      cls,
      xiang,
      mu,
      ximu ?? '',
      e.name,
      e.code,
      e.provider.name,
      codes.get(e.provider.id) ?? e.provider.code,
      label(RESOURCE_TYPE_LABELS, e.resourceType),
      e.library ? (isBaseLibrary(e.library) ? `${BASE_LIBRARY_LABELS[e.library]}库` : e.library) : '',
      e.summary,
      [label(RESOURCE_FORMAT_LABELS, e.format), e.formatDetail].filter(Boolean).join('：'),
      e.items.map((it) => it.name).join('、'),
      label(SHARE_TYPE_LABELS, e.shareType),
      e.shareConditions ?? '',
      e.shareType === 'none' ? `${e.noShareReason ?? ''}（依据：${e.noShareBasis ?? ''}）` : '',
      label(SHARE_METHOD_LABELS, e.shareMethod),
      e.dedicatedDepartments.map((d) => d.name).join('、'),
      e.openType === 'closed' ? `不予开放（${label(CLOSED_REASON_LABELS, e.closedReason)}）` : label(OPEN_TYPE_LABELS, e.openType),
      e.openConditions ?? '',
      label(UPDATE_CYCLE_LABELS, e.updateCycle),
      e.dataUpdatedAt ?? '',
      label(SECURITY_GRADE_LABELS, e.securityGrade),
      e.securityAgreementRequired ? '是' : '否',
      versionDates[i],
      e.relatedCodes.join('、'),
      versions[i],
    ]).commit();
   }
   await report(n);
   await zipCaughtUp(ws, zipBacklogBytes);
  }
  await report(n, true);
  ws.commit();

  const items = wb.addWorksheet('信息项');
  items.columns = ['信息资源代码', '信息资源名称', '序号', '信息项名称', '字段名', '数据类型', '数据长度', '是否主键', '是否敏感', '脱敏规则'].map((h) => ({ header: h, width: h.length * 2 + 6 }));
  items.getRow(1).font = { bold: true };
  items.getRow(1).commit();
  let read = n;
  for await (const { snapshots } of releaseSnapshotPages(em, id, PAGE)) {
    for (const text of snapshots) {
      const e = parseSnapshot(text);
      e.items.forEach((it, j) => items.addRow([e.code, e.name, j + 1, it.name, it.fieldName ?? '', label(ITEM_DATA_TYPE_LABELS, it.dataType), it.length ?? '', it.primaryKey ? '是' : '否', it.sensitive ? '是' : '否', label(DESENSITIZATION_LABELS, it.desensitization)]).commit());
    }
    read += snapshots.length;
    await report(read);
    await zipCaughtUp(items, zipBacklogBytes);
  }
  await report(read, true);
  items.commit();
  await wb.commit();
}
