import { describe, expect, it } from 'vitest';
import { fileSize, uploadProblems } from './datasets';

describe('an upload’s problems by row and column', () => {
  const names = new Map([
    ['id_number', '公民身份号码'],
    ['birth_date', '出生日期'],
  ]);
  it('reads rows and columns from the issue paths, naming the column by its item', () => {
    expect(
      uploadProblems(
        [
          { path: 'rows.2.id_number', message: '第 2 行“公民身份号码”列：不能为空' },
          { path: 'rows.7', message: '第 7 行第 9 列有内容但没有表头' },
          { path: 'header.3', message: '第 1 行第 3 列表头“身份证”不是该资源的信息项' },
          { path: 'header.birth_date', message: '缺少必填信息项“出生日期”（birth_date）的列' },
          { path: '', message: '数据文件是空的' },
        ],
        names,
      ),
    ).toEqual([
      { row: 2, column: '公民身份号码', columnNumber: null, message: '第 2 行“公民身份号码”列：不能为空' },
      { row: 7, column: null, columnNumber: null, message: '第 7 行第 9 列有内容但没有表头' },
      { row: 1, column: null, columnNumber: 3, message: '第 1 行第 3 列表头“身份证”不是该资源的信息项' },
      { row: 1, column: '出生日期', columnNumber: null, message: '缺少必填信息项“出生日期”（birth_date）的列' },
      { row: null, column: null, columnNumber: null, message: '数据文件是空的' },
    ]);
  });
  it('writes sizes as people read them', () => {
    expect(fileSize(200)).toBe('200 B');
    expect(fileSize(5000)).toBe('5 KB');
    expect(fileSize(12.34 * 1024 * 1024)).toBe('12.3 MB');
  });
});
