import { describe, expect, it } from 'vitest';
import { noticeNumberSearch } from './notices';
import { recordIdIn } from './search';
import { parseShareRequestCode, shareRequestCode } from './share';

describe('record numbers typed in a search box (issue 14, defect 2)', () => {
  it('reads a 申请编号 however it is typed', () => {
    const code = shareRequestCode(3201, new Date('2026-03-01T02:00:00Z'));
    expect(code).toBe('GXSQ-2026-003201');
    expect(parseShareRequestCode(code)).toEqual({ id: 3201, year: 2026 });
    expect(parseShareRequestCode(' gxsq-2026-3201 ')).toEqual({ id: 3201, year: 2026 });
    expect(parseShareRequestCode('GXSQ2026003201')).toEqual({ id: 3201, year: 2026 });
    expect(parseShareRequestCode('GXSQ-2026-000000')).toBeNull();
    expect(parseShareRequestCode('人口基本信息')).toBeNull();
    expect(parseShareRequestCode(undefined)).toBeNull();
  });
  it('reads #12 or 12 as a record id', () => {
    expect(recordIdIn('#12')).toBe(12);
    expect(recordIdIn(' 12 ')).toBe(12);
    expect(recordIdIn('# 7')).toBe(7);
    expect(recordIdIn('0')).toBeNull();
    expect(recordIdIn('12a')).toBeNull();
    expect(recordIdIn('')).toBeNull();
  });
  it('reads a 发文字号 in the brackets people have at hand', () => {
    for (const q of ['朔政数通〔2026〕4号', '〔2026〕4号', '[2026]4', '(2026)4号', '（2026）4', '2026年4号', '2026-4', '【2026】04号']) expect(noticeNumberSearch(q), q).toBe('〔2026〕4号');
    expect(noticeNumberSearch('20264')).toBeNull();
    expect(noticeNumberSearch('整改通报')).toBeNull();
    expect(noticeNumberSearch('2026-11-04')).toBeNull();
  });
});
