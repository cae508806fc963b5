import zlib from 'node:zlib';

/** A part of a hand-built zip: its name and its deflated bytes, with the true and the declared unpacked size. */
export interface ZipPart {
  name: string;
  deflated: Buffer;
  crc: number;
  size: number;
  /** what the headers claim (defaults to the true size); a lying archive claims less */
  declaredSize?: number;
}

const FULL = { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };

/** A part from text, deflated. */
export function zipPart(name: string, text: string): ZipPart {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
}

/**
 * A part made of `head`, `repeat` times `body`, then `tail`, deflated without ever holding the unpacked text: each
 * piece is compressed once with a full flush (which forgets the history), so the compressed body can be repeated.
 * 400 MB of `<row/>` costs ~0.6 MB.
 */
export function repeatedPart(name: string, head: string, body: string, repeat: number, tail: string): ZipPart {
  const h = Buffer.from(head);
  const b = Buffer.from(body);
  const t = Buffer.from(tail);
  const bodyDeflated = zlib.deflateRawSync(b, FULL);
  const parts = [zlib.deflateRawSync(h, FULL)];
  let crc = zlib.crc32(h);
  for (let i = 0; i < repeat; i++) {
    parts.push(bodyDeflated);
    crc = zlib.crc32(b, crc);
  }
  parts.push(zlib.deflateRawSync(t));
  crc = zlib.crc32(t, crc);
  return { name, deflated: Buffer.concat(parts), crc, size: h.length + b.length * repeat + t.length };
}

/** Writes a zip archive (deflate, no zip64) of the parts. */
export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.deflated);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.deflated.length, 20);
    c.writeUInt32LE(declared, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="资源目录" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/**
 * An .xlsx whose one sheet holds `rows` empty rows (`<row/>`): the zip bomb of issue 13 item 1 at its default
 * (8 million rows: ~0.6 MB on the wire, ~400 MB unpacked). `declaredSize` lets the archive lie about the sheet's size.
 */
export function emptyRowsWorkbook(rows = 8_000_000, options: { declaredSize?: number } = {}): Buffer {
  const perBlock = 1 << 16;
  const blocks = Math.ceil(rows / perBlock);
  const sheet = repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, '<row/>'.repeat(perBlock), blocks, SHEET_TAIL);
  return buildZip([
    zipPart('[Content_Types].xml', CONTENT_TYPES),
    zipPart('_rels/.rels', ROOT_RELS),
    zipPart('xl/workbook.xml', WORKBOOK),
    zipPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    { ...sheet, declaredSize: options.declaredSize },
  ]);
}
