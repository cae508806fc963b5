import { describe, expect, it } from 'vitest';
import { FICTIONAL_2027 } from './testing/fixtures';
import type { YearSchedule } from './types';
import { validateYearSchedule } from './validate';

const withDays = (days: YearSchedule['days'], patch: Partial<YearSchedule> = {}): YearSchedule => ({
  ...FICTIONAL_2027,
  days: [...FICTIONAL_2027.days, ...days],
  ...patch,
});

/** Position (1-based, as the messages count) of the k-th entry appended by withDays. */
const at = (k: number) => FICTIONAL_2027.days.length + k;

describe('validateYearSchedule', () => {
  it('accepts a well-formed schedule', () => {
    expect(validateYearSchedule(FICTIONAL_2027)).toEqual([]);
  });

  it('accepts a December date of the year before (a notice may rearrange it)', () => {
    expect(validateYearSchedule(withDays([{ name: '元旦', date: '2026-12-31', isOffDay: true }]))).toEqual([]);
  });

  it('requires at least one notice reference', () => {
    expect(validateYearSchedule({ ...FICTIONAL_2027, papers: [] })).toEqual(['至少需要一份通知依据（国务院办公厅放假通知的文号或网址）']);
    expect(validateYearSchedule({ ...FICTIONAL_2027, papers: ['  '] })).toContain('第 1 份通知依据为空');
  });

  it('rejects a make-up working day that is not a weekend', () => {
    const errors = validateYearSchedule(withDays([{ name: '国庆节', date: '2027-10-08', isOffDay: false }]));
    expect(errors).toEqual([`第 ${at(1)} 条（2027-10-08）：调休上班日应为周六或周日，该日本就是工作日`]);
  });

  it('rejects a date that is both off and on, and repeated dates', () => {
    expect(validateYearSchedule(withDays([{ name: '元旦', date: '2027-01-02', isOffDay: false }]))).toEqual([
      `第 ${at(1)} 条（2027-01-02）：同一日期同时被标为放假和上班`,
    ]);
    expect(validateYearSchedule(withDays([{ name: '元旦', date: '2027-01-02', isOffDay: true }]))).toEqual([`第 ${at(1)} 条（2027-01-02）：日期重复列出`]);
  });

  it('rejects invalid dates, dates far from the year and empty names', () => {
    const errors = validateYearSchedule(
      withDays([
        { name: '春节', date: '2027-02-30', isOffDay: true },
        { name: '春节', date: '2027/02/15', isOffDay: true },
        { name: '国庆节', date: '2029-10-08', isOffDay: true },
        { name: ' ', date: '2027-11-11', isOffDay: true },
      ]),
    );
    expect(errors).toEqual([
      `第 ${at(1)} 条：日期 "2027-02-30" 无效，应为实际存在的 YYYY-MM-DD 日期`,
      `第 ${at(2)} 条：日期 "2027/02/15" 无效，应为实际存在的 YYYY-MM-DD 日期`,
      `第 ${at(3)} 条（2029-10-08）：日期不属于 2027 年或相邻年份`,
      `第 ${at(4)} 条：节日名称不能为空`,
    ]);
  });

  it('requires every statutory holiday, matching combined names such as 国庆节、中秋节', () => {
    const noMidAutumn = FICTIONAL_2027.days.filter((d) => d.name !== '中秋节');
    expect(validateYearSchedule({ ...FICTIONAL_2027, days: noMidAutumn })).toEqual(['缺少法定节假日“中秋”的放假安排']);
    const combined = FICTIONAL_2027.days.map((d) => (d.name === '中秋节' || d.name === '国庆节' ? { ...d, name: '国庆节、中秋节' } : d));
    expect(validateYearSchedule({ ...FICTIONAL_2027, days: combined })).toEqual([]);
    // A holiday named only on a make-up day is not arranged.
    const onlyWork = FICTIONAL_2027.days.filter((d) => d.name !== '端午节').concat([{ name: '端午节', date: '2027-06-12', isOffDay: false }]);
    expect(validateYearSchedule({ ...FICTIONAL_2027, days: onlyWork })).toEqual(['缺少法定节假日“端午”的放假安排']);
  });

  it('survives malformed input from a form or the database', () => {
    expect(validateYearSchedule(null as unknown as YearSchedule)).toEqual(['节假日安排应为对象 { year, papers, days }']);
    const junk = { year: '2027', papers: 'x', days: [42, { name: '元旦', date: '2027-01-01', isOffDay: 'yes' }] } as unknown as YearSchedule;
    expect(validateYearSchedule(junk)).toEqual([
      '年份无效："2027"，应为整数年份',
      '缺少通知依据 papers（应为列表）',
      '第 1 条：应为对象 { name, date, isOffDay }',
      '第 2 条：isOffDay 应为 true（放假）或 false（调休上班）',
      ...['元旦', '春节', '清明', '劳动', '端午', '中秋', '国庆'].map((h) => `缺少法定节假日“${h}”的放假安排`),
    ]);
    expect(validateYearSchedule({ year: 2027, papers: ['x'] } as unknown as YearSchedule)).toEqual(['缺少日期列表 days（应为列表）']);
  });
});
