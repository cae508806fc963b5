import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { PayloadTooLargeError, ValidationError } from '@govdata/domain';

/**
 * Bounds for an uploaded .xlsx (a zip of XML parts). A workbook compresses ~100:1 when its rows are empty, so the
 * upload limit alone says nothing about what the parser would have to hold: a 1 MB file can unpack to 400 MB and
 * 8 million rows (issue 13 item 1). Every .xlsx reader calls {@link assertXlsxBounded} before any parser sees the
 * bytes; it streams each part through inflate and stops at the first bound crossed.
 */
export interface XlsxLimits {
  /** parts in the archive (a workbook of a few sheets has ~15) */
  maxEntries: number;
  /** all parts together, unpacked */
  maxUnpackedBytes: number;
  /** `<row>` elements per worksheet, the header row included */
  maxRowsPerSheet: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxEntries: 200,
  maxUnpackedBytes: 40 * 1024 * 1024,
  maxRowsPerSheet: 100_000,
};

/** What the workbook holds, as far as the bounds check read it. */
export interface XlsxScan {
  entries: number;
  unpackedBytes: number;
  /** rows per worksheet part, e.g. `xl/worksheets/sheet1.xml` → 2001 */
  rows: Map<string, number>;
}

const malformed = () => new ValidationError('无法读取上传的文件：文件已损坏或不是有效的 Excel（.xlsx）文件', [], 'xlsx.malformed');
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

class Stop extends Error {
  constructor(readonly reason: Error) {
    super(reason.message);
  }
}

const openZip = (buffer: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    // sizes are checked as the data inflates: an entry that unpacks to more than it declares is an error
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err || !zip ? reject(err ?? malformed()) : resolve(zip))),
  );

const openEntry = (zip: ZipFile, entry: Entry) =>
  new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? malformed()) : resolve(stream))));

const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/**
 * Reads the archive part by part — inflating, never holding more than one chunk — and throws a 413 when it unpacks
 * to more than the limit, or a 400 when a worksheet has more rows than allowed (counted while streaming, so reading
 * stops at the first row over). Returns what it counted.
 */
export async function assertXlsxBounded(buffer: Buffer, limits: Partial<XlsxLimits> & { rowsMessage?: (max: number) => string } = {}): Promise<XlsxScan> {
  const max = { ...DEFAULT_XLSX_LIMITS, ...limits };
  const tooBig = () => new PayloadTooLargeError(`Excel 文件解压后超过 ${mb(max.maxUnpackedBytes)} 上限（文件中可能有大量空行或格式），请删除多余的行和工作表后再上传`, 'xlsx.unpacked_too_large');
  const tooManyRows = () =>
    new ValidationError(limits.rowsMessage?.(max.maxRowsPerSheet) ?? `Excel 工作表超过 ${max.maxRowsPerSheet} 行上限（含空行），请删除多余的行或拆分后分批上传`, [], 'xlsx.too_many_rows');
  let zip: ZipFile;
  try {
    zip = await openZip(buffer);
  } catch {
    throw malformed();
  }
  if (zip.entryCount > max.maxEntries) {
    zip.close();
    throw new ValidationError(`Excel 文件包含的部件过多（${zip.entryCount} 个，上限 ${max.maxEntries}），不是有效的工作簿`, [], 'xlsx.too_many_parts');
  }
  const scan: XlsxScan = { entries: 0, unpackedBytes: 0, rows: new Map() };

  const readEntry = async (entry: Entry): Promise<void> => {
    // the declared size is checked first (free), the real one while inflating (yauzl refuses a size that lies)
    if (scan.unpackedBytes + entry.uncompressedSize > max.maxUnpackedBytes) throw new Stop(tooBig());
    if (entry.fileName.endsWith('/')) return;
    const stream = await openEntry(zip, entry);
    const sheet = isWorksheet(entry.fileName);
    const decoder = new StringDecoder('utf8');
    let rows = 0;
    const parser = sheet ? new SaxesParser() : null;
    parser?.on('opentag', (tag) => {
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (local === 'row' && ++rows > max.maxRowsPerSheet) throw new Stop(tooManyRows());
    });
    try {
      for await (const chunk of stream) {
        scan.unpackedBytes += (chunk as Buffer).length;
        if (scan.unpackedBytes > max.maxUnpackedBytes) throw new Stop(tooBig());
        parser?.write(decoder.write(chunk as Buffer));
      }
      parser?.write(decoder.end()).close();
    } catch (e) {
      stream.destroy();
      throw e instanceof Stop ? e : new Stop(malformed());
    }
    if (sheet) scan.rows.set(entry.fileName, rows);
  };

  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', () => reject(new Stop(malformed())));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        scan.entries++;
        readEntry(entry).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } catch (e) {
    throw e instanceof Stop ? e.reason : malformed();
  } finally {
    zip.close();
  }
  return scan;
}
