import { describe, expect, it } from 'vitest';
import { changeKind, EMPTY, formatChangeValue } from './diff-format';

const item = { id: 5, name: '公民身份号码', dataType: 'string', length: 18, nullable: false, primaryKey: true, sensitive: true, secret: false, desensitization: 'partial_mask', description: null };

describe('how a field change reads', () => {
  it('shows the Chinese labels of stored enumerations', () => {
    expect(formatChangeValue('updateCycle', 'daily')).toBe('每日');
    expect(formatChangeValue('shareType', 'conditional')).toBe('有条件共享');
    expect(formatChangeValue('library', 'population')).toBe('人口');
    expect(formatChangeValue('library', '营商环境主题库')).toBe('营商环境主题库');
    expect(formatChangeValue('items.5.desensitization', 'hash')).toBe('哈希');
    expect(formatChangeValue('items.5.dataType', 'datetime')).toBe('日期时间型');
  });

  it('shows flags, lists and empty values as people write them', () => {
    expect(formatChangeValue('securityAgreementRequired', true)).toBe('是');
    expect(formatChangeValue('items.5.sensitive', false)).toBe('否');
    expect(formatChangeValue('dedicatedDepartments', ['朔州市税务局', '朔州市住建局'])).toBe('朔州市税务局、朔州市住建局');
    expect(formatChangeValue('relatedCodes', [])).toBe(EMPTY);
    expect(formatChangeValue('dataRange', null)).toBe(EMPTY);
    expect(formatChangeValue('summary', '全市户籍人口')).toBe('全市户籍人口');
  });

  it('describes an added or removed item in one line, and the order of items by name', () => {
    expect(formatChangeValue('items.5', item)).toBe('公民身份号码 · 字符型(18) · 主键 · 不可为空 · 敏感 · 部分掩码');
    expect(changeKind(null, item)).toBe('added');
    expect(changeKind(item, null)).toBe('removed');
    expect(changeKind('daily', 'realtime')).toBe('changed');
    const names = new Map([[1, '姓名'], [2, '性别']]);
    expect(formatChangeValue('items.order', [2, 1, 9], names)).toBe('性别 → 姓名 → #9');
  });
});
