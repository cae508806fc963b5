import { describe, expect, it } from 'vitest';
import { csvCell } from './downloads';

describe('CSV cells of the open-data downloads', () => {
  it('quotes what CSV needs quoted and keeps numbers and plain text as they are', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(true)).toBe('是');
    expect(csvCell('朔州市朔城区')).toBe('朔州市朔城区');
    expect(csvCell('甲,乙"丙"')).toBe('"甲,乙""丙"""');
  });

  it('turns text a spreadsheet would run as a formula into text', () => {
    expect(csvCell('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvCell('+86 139')).toBe("'+86 139");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });
});
