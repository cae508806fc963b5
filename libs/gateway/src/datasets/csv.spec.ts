import { describe, expect, it } from 'vitest';
import { csvRows, decodeText } from './csv';

async function* bytes(...parts: (string | Buffer)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}
async function rows(...parts: (string | Buffer)[]) {
  const used: { encoding?: string } = {};
  const out: { line: number; cells: string[] }[] = [];
  for await (const r of csvRows(decodeText(bytes(...parts), undefined, used as never))) out.push(r);
  return { out, encoding: used.encoding };
}

describe('streaming CSV', () => {
  it('reads quoted fields, doubled quotes, embedded newlines and CR LF, with line numbers', async () => {
    const { out } = await rows('姓名,说明\r\n张三,"a, ""b"""\r\n李四,"两\n行"\r\n');
    expect(out).toEqual([
      { line: 1, cells: ['姓名', '说明'] },
      { line: 2, cells: ['张三', 'a, "b"'] },
      { line: 3, cells: ['李四', '两\n行'] },
    ]);
  });
  it('handles a quote, a CR LF and a multi-byte character split across chunks', async () => {
    const text = Buffer.from('a,b\r\n"x""y",张\r\n', 'utf8');
    const parts = [text.subarray(0, 4), text.subarray(4, 8), text.subarray(8, 13), text.subarray(13, 16), text.subarray(16)];
    const { out } = await rows(...parts);
    expect(out.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x"y', '张'],
    ]);
  });
  it('strips a UTF-8 byte-order mark and reads a last line without newline', async () => {
    const { out, encoding } = await rows('\uFEFF字段\n值');
    expect(encoding).toBe('utf-8');
    expect(out.map((r) => r.cells)).toEqual([['字段'], ['值']]);
  });
  it('recognises GB18030 when the bytes are not UTF-8', async () => {
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd]); // 姓名\n张三 in GB18030
    const { out, encoding } = await rows(gbk);
    expect(encoding).toBe('gb18030');
    expect(out.map((r) => r.cells)).toEqual([['姓名'], ['张三']]);
  });
  it('refuses an unclosed quote, naming the line', async () => {
    await expect(rows('a\n"open\n')).rejects.toThrow(/第 2 行/);
  });
});
