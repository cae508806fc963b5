import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { PayloadTooLargeError, ValidationError } from '@govdata/domain';
import { buildZip, emptyRowsWorkbook, zipPart } from '../testing/zip-bomb';
import { assertXlsxBounded } from './bounded-reader';

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资源目录');
  for (let i = 0; i < rows; i++) ws.addRow([i + 1, `资源 ${i + 1}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('assertXlsxBounded', () => {
  it('passes an ordinary workbook and counts its rows', async () => {
    const scan = await assertXlsxBounded(await workbook(30));
    expect([...scan.rows.values()]).toEqual([30]);
    expect(scan.unpackedBytes).toBeGreaterThan(1000);
  });

  it('refuses a zip bomb (8 million empty rows, ~400 MB unpacked) by its size, at once and without inflating it', async () => {
    const bomb = emptyRowsWorkbook();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const heap = process.memoryUsage().rss;
    const started = performance.now();
    const err = await assertXlsxBounded(bomb).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect((err as Error).message).toMatch(/解压后超过 40 MB/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - heap).toBeLessThan(200 * 1024 * 1024);
  });

  it('stops reading at the row limit while streaming, before the size limit', async () => {
    const err = await assertXlsxBounded(emptyRowsWorkbook(200_000), { maxRowsPerSheet: 2001, rowsMessage: (n) => `最多 ${n} 行` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe('最多 2001 行');
  });

  it('catches an archive that lies about its unpacked size', async () => {
    const liar = emptyRowsWorkbook(8_000_000, { declaredSize: 1000 });
    const err = await assertXlsxBounded(liar, { maxRowsPerSheet: 100_000_000 }).catch((e: unknown) => e);
    // yauzl notices more bytes than declared, or the running count passes the limit: refused either way
    expect(err).toBeInstanceOf(Error);
    expect((err as { status?: number }).status).toBeGreaterThanOrEqual(400);
    expect((err as { status?: number }).status).toBeLessThan(500);
  });

  it('refuses what is not a zip, and an archive of too many parts', async () => {
    await expect(assertXlsxBounded(Buffer.from('not a zip at all'))).rejects.toMatchObject({ code: 'xlsx.malformed' });
    const many = buildZip(Array.from({ length: 300 }, (_, i) => zipPart(`x/${i}.xml`, '<a/>')));
    await expect(assertXlsxBounded(many)).rejects.toMatchObject({ code: 'xlsx.too_many_parts' });
  });
});
