import { describe, expect, it } from 'vitest';
import { parseCell, type ColumnRule } from './cells';

const rule = (dataType: ColumnRule['dataType'], over: Partial<ColumnRule> = {}): ColumnRule => ({ name: '字段', dataType, length: null, nullable: true, ...over });

describe('dataset cells against their items', () => {
  it('turns empty text into null, or refuses it for a required item', () => {
    expect(parseCell('  ', rule('string'))).toEqual({ ok: true, value: null });
    expect(parseCell('', rule('string', { nullable: false, name: '身份证号' }))).toEqual({ ok: false, message: '“身份证号”不能为空' });
  });
  it('checks length, integers, decimals, dates, datetimes and booleans', () => {
    expect(parseCell('abcd', rule('string', { length: 3 })).ok).toBe(false);
    expect(parseCell('张三', rule('string', { length: 2 }))).toEqual({ ok: true, value: '张三' });
    expect(parseCell('42', rule('integer'))).toEqual({ ok: true, value: 42 });
    expect(parseCell('4.2', rule('integer')).ok).toBe(false);
    expect(parseCell('1,234.50', rule('decimal'))).toEqual({ ok: true, value: 1234.5 });
    expect(parseCell('abc', rule('decimal')).ok).toBe(false);
    expect(parseCell('2024/2/9', rule('date'))).toEqual({ ok: true, value: '2024-02-09' });
    expect(parseCell('2023-02-29', rule('date')).ok).toBe(false);
    expect(parseCell('2024-02-09 8:05', rule('datetime'))).toEqual({ ok: true, value: '2024-02-09 08:05:00' });
    expect(parseCell('是', rule('boolean'))).toEqual({ ok: true, value: 1 });
    expect(parseCell('maybe', rule('boolean')).ok).toBe(false);
  });
});
