import { describe, expect, it } from 'vitest';
import { en, zhCN } from './messages';
import { statusTag } from './format';


describe('sharing page texts', () => {
  it('colours a request by its status', () => {
    expect(statusTag('approved')).toBe('success');
  });

  it('has every Chinese text in English too, key for key', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    expect(keys(zhCN).length).toBeGreaterThan(200);
  });
});
