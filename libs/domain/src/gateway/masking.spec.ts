import { describe, expect, it } from 'vitest';
import { desensitize, partialMask, valueKindOf } from './masking';

const hash = (t: string) => `h(${t})`;

describe('desensitisation at access (第十一条)', () => {
  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(partialMask('140602199001011234', 'id_number')).toBe('140602********1234');
  });
  it('keeps the surname of a name', () => {
    expect(partialMask('张三丰', 'person_name')).toBe('张**');
    expect(partialMask('李', 'person_name')).toBe('*');
  });
  it('keeps 3 + 4 digits of a phone number', () => {
    expect(partialMask('13912345678', 'phone')).toBe('139****5678');
  });
  it('counts a character outside the BMP as one character (a rare surname, 𠀀)', () => {
    expect(partialMask('𠀀三', 'person_name')).toBe('𠀀*');
    expect(partialMask('𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇', 'other')).toBe('𠀀𠀁****𠀆𠀇');
  });
  it('masks short values completely rather than revealing them', () => {
    expect(partialMask('1234', 'id_number')).toBe('****');
  });
  it('knows the kind of value from the item name', () => {
    expect(valueKindOf('身份证号')).toBe('id_number');
    expect(valueKindOf('公民身份号码')).toBe('id_number');
    expect(valueKindOf('联系电话')).toBe('phone');
    expect(valueKindOf('户主姓名')).toBe('person_name');
    expect(valueKindOf('住所')).toBe('other');
  });
  it('applies each rule: mask, hash, remove, none; null stays null', () => {
    expect(desensitize('山西省朔州市', 'mask', 'other', hash)).toBe('******');
    expect(desensitize('abc', 'hash', 'other', hash)).toBe('h(abc)');
    expect(desensitize('abc', 'remove', 'other', hash)).toBeUndefined();
    expect(desensitize('abc', 'none', 'other', hash)).toBe('abc');
    expect(desensitize(null, 'mask', 'other', hash)).toBeNull();
    expect(desensitize(12.5, 'none', 'other', hash)).toBe(12.5);
  });
});
