import { ValidationError } from '@govdata/domain';

/**
 * Streaming CSV (RFC 4180: quoted fields, doubled quotes, CR LF or LF) over a byte stream, decoded as UTF-8 or
 * GB18030. The encoding is the caller's when given; otherwise a UTF-8 byte-order mark or valid UTF-8 in the first
 * 64 KB means UTF-8, anything else GB18030 (what Excel and WPS save as "CSV" on Chinese Windows).
 */
export type CsvEncoding = 'utf-8' | 'gb18030';

const SNIFF_BYTES = 64 * 1024;

function looksUtf8(bytes: Uint8Array): boolean {
  // a multi-byte sequence cut at the end of the sample is not an error
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decoded text chunks of a byte stream, with the encoding used. */
export async function* decodeText(source: AsyncIterable<Uint8Array>, wanted: CsvEncoding | undefined, used: { encoding?: CsvEncoding }): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  const iterator = source[Symbol.asyncIterator]();
  let encoding = wanted;
  if (!encoding) {
    while (headBytes < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      headBytes += next.value.length;
    }
    const sample = Buffer.concat(head);
    encoding = (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) || looksUtf8(sample) ? 'utf-8' : 'gb18030';
  }
  used.encoding = encoding;
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const decode = (chunk: Uint8Array | undefined, stream: boolean): string => {
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new ValidationError(`文件不是有效的 ${encoding === 'utf-8' ? 'UTF-8' : 'GB18030'} 编码文本，请以 UTF-8 或 GB18030 保存 CSV 后重新上传（也可用 encoding 参数指明编码）`, [], 'dataset.bad_encoding');
    }
  };
  for (const chunk of head) yield decode(chunk, true);
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    yield decode(next.value, true);
  }
  yield decode(undefined, false);
}

/** Rows of CSV text chunks; each row with its 1-based line number in the file (of its first line). */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<{ line: number; cells: string[] }> {
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let pendingCr = false;
  let line = 1;
  let rowLine = 1;
  let any = false;
  const endRow = () => {
    row.push(field);
    const out = { line: rowLine, cells: row };
    field = '';
    row = [];
    any = false;
    return out;
  };
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue;
      }
      if (quoted) {
        if (c === '"') {
          if (chunk[i + 1] === '"') {
            field += '"';
            i++;
          } else if (i + 1 === chunk.length) {
            // the next chunk decides: remember we just saw a quote
            quoted = false;
            afterQuote = true;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (afterQuote && c === '"') {
        // a doubled quote split across chunks
        field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === ',') {
        row.push(field);
        field = '';
        any = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r') pendingCr = true;
        const out = endRow();
        line++;
        rowLine = line;
        if (out.cells.length > 1 || out.cells[0] !== '') yield out;
      } else if (c === '"' && field === '') {
        quoted = true;
        any = true;
      } else {
        if (c === '\uFEFF' && field === '' && row.length === 0 && line === 1) continue;
        field += c;
        any = true;
      }
    }
  }
  if (quoted) throw new ValidationError(`CSV 第 ${rowLine} 行起的引号没有闭合，请检查该行`, [], 'dataset.bad_csv');
  if (any || field !== '' || row.length) {
    const out = endRow();
    yield out;
  }
}
