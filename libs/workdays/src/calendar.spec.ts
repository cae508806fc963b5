import { describe, expect, it } from 'vitest';
import {
  addNaturalDays,
  addWorkingDays,
  calendar,
  CalendarGapError,
  createCalendar,
  deadline,
  deadlineAt,
  isWorkingDay,
  workingDaysBetween,
  type YearSchedule,
} from './index';
import { FICTIONAL_2027 } from './testing/fixtures';

const endOf = (date: string) => new Date(`${date}T23:59:59.999+08:00`);
const assumed = createCalendar([], { onGap: 'assume-weekdays' });

function gapError(run: () => unknown): CalendarGapError {
  try {
    run();
  } catch (e) {
    if (e instanceof CalendarGapError) return e;
    throw e;
  }
  throw new Error('expected a CalendarGapError');
}

describe('the worked example of docs/workdays.md (第十五条)', () => {
  it('a request submitted Friday 2024-09-27 gets its compliance review by the end of Monday 2024-09-30', () => {
    // Sunday 2024-09-29 is a make-up working day (调休上班) before the National Day break: it is day 1.
    expect(addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
    expect(addWorkingDays('2024-09-27', 2)).toBe('2024-09-30');
    expect(deadlineAt('2024-09-27T10:15:00+08:00', 2, 'working')).toEqual(endOf('2024-09-30'));
  });

  it('forwarded 2024-09-30, the provider must answer by the end of Saturday 2024-10-12', () => {
    // 1–7 October off; 8, 9, 10, 11 October are days 1–4; Saturday 12 October is a make-up working day, day 5.
    expect(addWorkingDays('2024-09-30', 5)).toBe('2024-10-12');
    expect(deadline('2024-09-30T17:40:00+08:00', 5, 'working')).toEqual({ date: '2024-10-12', at: endOf('2024-10-12'), provisional: false });
    expect(workingDaysBetween('2024-09-30', '2024-10-12')).toBe(5);
  });
});

describe('named cases from the official schedules', () => {
  it('2020: the Spring Festival extension (国办发明电〔2020〕1号) is in force', () => {
    expect(addWorkingDays('2020-01-23', 1)).toBe('2020-02-03');
    expect(workingDaysBetween('2020-01-23', '2020-02-03')).toBe(1);
    // Saturday 1 February was a make-up day under the first notice; the extension cancelled it.
    expect(calendar.dayInfo('2020-02-01')).toEqual({ date: '2020-02-01', working: false, kind: 'holiday', name: '春节', provisional: false });
    expect(calendar.dayInfo('2020-01-31').kind).toBe('holiday');
    // The "work resumes Monday 3 February" entry: a plain working day that carries the holiday's name.
    expect(calendar.dayInfo('2020-02-03')).toEqual({ date: '2020-02-03', working: true, kind: 'workday', name: '春节', provisional: false });
    expect(calendar.schedule(2020)?.papers).toContain('http://www.gov.cn/zhengce/zhengceku/2020-01/27/content_5472352.htm');
  });

  it('2024: Sunday 2024-09-29 is a make-up working day for National Day', () => {
    expect(isWorkingDay('2024-09-29')).toBe(true);
    expect(calendar.dayInfo('2024-09-29')).toEqual({ date: '2024-09-29', working: true, kind: 'makeup', name: '国庆节', provisional: false });
    expect(calendar.dayInfo('2024-09-28')).toEqual({ date: '2024-09-28', working: false, kind: 'weekend', provisional: false });
    expect(calendar.dayInfo('2024-09-27')).toEqual({ date: '2024-09-27', working: true, kind: 'workday', provisional: false });
    expect(calendar.dayInfo('2024-10-05')).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
  });

  it('2025: National Day and Mid-Autumn make one eight-day break, 1–8 October', () => {
    for (let d = 1; d <= 8; d++) {
      expect(calendar.dayInfo(`2025-10-0${d}`)).toMatchObject({ working: false, kind: 'holiday', name: '国庆节、中秋节' });
    }
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(workingDaysBetween('2025-09-26', '2025-10-11')).toBe(6); // Sunday 28, 29, 30 Sep; 9, 10 and Saturday 11 Oct
  });

  it('2026: the nine-day Spring Festival, 15–23 February, with Saturdays 14 and 28 worked', () => {
    const off = Array.from({ length: 9 }, (_, i) => addNaturalDays('2026-02-15', i));
    expect(off.filter((d) => isWorkingDay(d))).toEqual([]);
    expect(off[8]).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.dayInfo('2026-02-28').kind).toBe('makeup');
    expect(workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6);
  });

  it('2018/2019: December days listed by the next year\'s notice are honoured', () => {
    // The 2019 notice made Saturday 2018-12-29 a working day and 30–31 December days off.
    expect(isWorkingDay('2018-12-29')).toBe(true);
    expect(isWorkingDay('2018-12-31')).toBe(false);
    expect(addWorkingDays('2018-12-28', 2)).toBe('2019-01-02');
  });
});

describe('counting rule', () => {
  it('never counts the start day, working or not; n = 0 is the start day itself', () => {
    expect(addWorkingDays('2024-09-28', 1)).toBe('2024-09-29'); // Saturday start
    expect(addWorkingDays('2024-10-01', 1)).toBe('2024-10-08'); // holiday start
    expect(addWorkingDays('2024-10-08', 0)).toBe('2024-10-08');
    expect(addWorkingDays('2024-10-05', 0)).toBe('2024-10-05');
  });

  it('counts backwards symmetrically', () => {
    expect(addWorkingDays('2024-10-12', -5)).toBe('2024-09-30');
    expect(addWorkingDays('2024-10-08', -1)).toBe('2024-09-30');
    expect(addWorkingDays('2024-10-05', -1)).toBe('2024-09-30');
  });

  it('counts working days in (from, to], negative when to < from', () => {
    expect(workingDaysBetween('2024-09-27', '2024-09-30')).toBe(2);
    expect(workingDaysBetween('2024-09-30', '2024-09-27')).toBe(-2);
    expect(workingDaysBetween('2024-10-01', '2024-10-07')).toBe(0);
    expect(workingDaysBetween('2024-10-08', '2024-10-08')).toBe(0);
  });
});

describe('deadlines from instants (Asia/Shanghai days)', () => {
  it('takes the start day in Shanghai: 23:30 +08:00 is Friday, 16:30Z the same evening is already Saturday', () => {
    expect(deadline('2024-09-27T23:30:00+08:00', 20, 'natural').date).toBe('2024-10-17');
    expect(deadline('2024-09-27T16:30:00Z', 20, 'natural').date).toBe('2024-10-18');
    // Counting 2 working days from Friday or from Saturday lands on the same day: Saturday itself never counts.
    expect(deadlineAt('2024-09-27T23:30:00+08:00', 2, 'working')).toEqual(endOf('2024-09-30'));
    expect(deadlineAt('2024-09-27T16:30:00Z', 2, 'working')).toEqual(endOf('2024-09-30'));
    expect(deadlineAt(new Date('2024-09-27T16:30:00Z'), 2, 'working')).toEqual(endOf('2024-09-30'));
  });

  it('differs across midnight when the later day is a working day', () => {
    // Sunday 29 September (make-up day) 23:30 vs Monday 30 September 00:30 in Shanghai.
    expect(deadline('2024-09-29T23:30:00+08:00', 1, 'working').date).toBe('2024-09-30');
    expect(deadline('2024-09-29T16:30:00Z', 1, 'working').date).toBe('2024-10-08');
    expect(deadline('2024-09-29T15:59:59.999Z', 1, 'working').date).toBe('2024-09-30');
  });

  it('ends a natural-day period at the end of its last day (第十九条: 20 natural days)', () => {
    expect(addNaturalDays('2024-09-27', 20)).toBe('2024-10-17');
    expect(deadline('2024-09-27T09:00:00+08:00', 20, 'natural')).toEqual({ date: '2024-10-17', at: endOf('2024-10-17'), provisional: false });
    expect(addNaturalDays('2024-02-20', 10)).toBe('2024-03-01');
    expect(addNaturalDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('applies the regulation\'s working-day periods (第七条 15, 第十七条 5, 第二十四条 10)', () => {
    // 23–27 Sep, Sunday 29, 30 Sep (7); 8–11 Oct (11); Saturday 12 Oct (12); 14, 15, 16 Oct (15).
    expect(deadline('2024-09-20T10:00:00+08:00', 15, 'working').date).toBe('2024-10-16');
    expect(deadline('2026-02-11T10:00:00+08:00', 5, 'working').date).toBe('2026-02-25');
    expect(deadline('2025-09-25T10:00:00+08:00', 10, 'working').date).toBe('2025-10-15');
  });
});

describe('years without a published schedule', () => {
  it('throws CalendarGapError by default, naming the year in Chinese and English', () => {
    const e = gapError(() => addWorkingDays('2026-12-25', 10));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('CalendarGapError');
    expect(e.year).toBe(2027);
    expect(e.message).toContain('2027 年的节假日安排尚未发布');
    expect(e.message).toContain('no official holiday schedule for 2027');
    expect(gapError(() => deadline('2026-12-25T10:00:00+08:00', 10, 'working')).year).toBe(2027);
    expect(gapError(() => isWorkingDay('2027-03-01')).year).toBe(2027);
    expect(gapError(() => workingDaysBetween('2026-12-01', '2027-01-05')).year).toBe(2027);
    expect(gapError(() => workingDaysBetween('2027-01-05', '2026-12-01')).year).toBe(2027);
    expect(gapError(() => addWorkingDays('2015-01-05', -2)).year).toBe(2014);
    expect(gapError(() => addWorkingDays('2050-06-01', 1)).year).toBe(2050);
  });

  it('does not need the unknown year when the result stays inside published ones', () => {
    expect(addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-31', 0)).toBe('2026-12-31');
    expect(addWorkingDays('2014-12-31', 1)).toBe('2015-01-04'); // 1–3 Jan off, Sunday 4 Jan worked
    expect(addNaturalDays('2026-12-31', 20)).toBe('2027-01-20');
    expect(deadline('2026-12-20T10:00:00+08:00', 20, 'natural')).toMatchObject({ date: '2027-01-09', provisional: false });
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    expect(calendar.isProvisional('2027-01-04')).toBe(true);
    expect(calendar.isProvisional('2014-06-01')).toBe(true);
  });

  it('with assume-weekdays, counts Monday–Friday with 1 January off and reports the result as provisional', () => {
    // 28–31 Dec are days 1–4, Friday 2027-01-01 is assumed off (元旦), 4–8 Jan are days 5–9, Monday 11 Jan is day 10.
    expect(assumed.deadline('2026-12-25T10:00:00+08:00', 10, 'working')).toEqual({ date: '2027-01-11', at: endOf('2027-01-11'), provisional: true });
    expect(assumed.dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', working: false, kind: 'holiday', name: '元旦', provisional: true });
    expect(assumed.dayInfo('2027-01-04')).toEqual({ date: '2027-01-04', working: true, kind: 'workday', provisional: true });
    expect(assumed.deadline('2026-12-01T10:00:00+08:00', 10, 'working').provisional).toBe(false);
    expect(assumed.deadline('2027-01-11T10:00:00+08:00', -10, 'working')).toMatchObject({ date: '2026-12-25', provisional: true });
    expect(assumed.workingDaysBetween('2026-12-25', '2027-01-11')).toBe(10);
    expect(assumed.isWorkingDay('2014-12-31')).toBe(true);
  });

  it('assumes ten years around the published ones and refuses beyond with a RangeError', () => {
    expect(assumed.addWorkingDays('2036-12-30', 1)).toBe('2036-12-31');
    expect(() => assumed.addWorkingDays('2036-12-31', 1)).toThrow(RangeError);
    expect(() => assumed.addWorkingDays('2036-12-31', 1)).toThrow('超出日历可推算范围 2005-01-01 至 2036-12-31');
    expect(() => assumed.isWorkingDay('2037-01-05')).toThrow(RangeError);
    expect(() => assumed.addWorkingDays('2005-01-04', -2)).toThrow(RangeError);
    expect(assumed.addWorkingDays('2005-01-04', -1)).toBe('2005-01-03');
    expect(assumed.isProvisional('2040-01-01')).toBe(true);
  });
});

describe('the bureau\'s own schedules (createCalendar extra years)', () => {
  const with2027 = createCalendar([FICTIONAL_2027]);

  it('makes 2027 known, contiguous and non-provisional', () => {
    expect(with2027.publishedYears.at(-1)).toBe(2027);
    expect(with2027.hasSchedule(2027)).toBe(true);
    expect(with2027.coveredTo).toBe('2027-12-31');
    expect(with2027.deadline('2026-12-25T10:00:00+08:00', 10, 'working')).toEqual({ date: '2027-01-11', at: endOf('2027-01-11'), provisional: false });
    expect(with2027.addWorkingDays('2027-02-05', 1)).toBe('2027-02-15');
    expect(with2027.isProvisional('2027-06-01')).toBe(false);
    expect(gapError(() => with2027.addWorkingDays('2027-12-28', 5)).year).toBe(2028);
    expect(calendar.hasSchedule(2027)).toBe(false); // the default calendar is untouched
  });

  it('replaces a built-in year, and a later notice may rearrange December of the year before', () => {
    const base2026 = calendar.schedule(2026) as YearSchedule;
    const corrected = createCalendar([{ ...base2026, days: [...base2026.days, { name: '测试', date: '2026-12-31', isOffDay: true }] }]);
    expect(corrected.isWorkingDay('2026-12-31')).toBe(false);
    expect(calendar.isWorkingDay('2026-12-31')).toBe(true);

    const bridged = createCalendar([{ ...FICTIONAL_2027, days: [{ name: '元旦', date: '2026-12-31', isOffDay: true }, ...FICTIONAL_2027.days] }]);
    expect(bridged.dayInfo('2026-12-31')).toMatchObject({ working: false, kind: 'holiday', name: '元旦', provisional: false });
    expect(bridged.addWorkingDays('2026-12-30', 1)).toBe('2027-01-04');
  });

  it('rejects a schedule the index cannot be built from', () => {
    const bad = (s: Partial<YearSchedule>) => () => createCalendar([{ ...FICTIONAL_2027, ...s }]);
    expect(bad({ year: 2027.5 })).toThrow(RangeError);
    expect(bad({ days: [{ name: '春节', date: '2027-02-30', isOffDay: true }] })).toThrow(RangeError);
    expect(bad({ days: [{ name: '春节', date: '2030-02-01', isOffDay: true }] })).toThrow('不属于该年或相邻年份');
    expect(() => createCalendar([], { onGap: 'guess' as 'throw' })).toThrow(RangeError);
  });

  it('hands out copies, so callers cannot change the calendar', () => {
    const s = calendar.schedule(2024) as YearSchedule;
    s.days.length = 0;
    s.papers.push('x');
    expect(calendar.schedule(2024)?.days.length).toBeGreaterThan(0);
    expect(calendar.schedule(2024)?.papers).not.toContain('x');
    expect(calendar.schedule(2027)).toBeUndefined();
    expect(Object.isFrozen(calendar)).toBe(true);
  });
});

describe('the default calendar', () => {
  it('publishes 2015–2026', () => {
    expect(calendar.publishedYears).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(calendar.coveredFrom).toBe('2015-01-01');
    expect(calendar.coveredTo).toBe('2026-12-31');
  });

  it('rejects invalid input with a RangeError', () => {
    for (const bad of ['2026-02-30', 'abc', '2024-9-27', '']) {
      expect(() => isWorkingDay(bad)).toThrow(RangeError);
      expect(() => addWorkingDays(bad, 1)).toThrow(RangeError);
      expect(() => workingDaysBetween('2024-09-27', bad)).toThrow(RangeError);
      expect(() => calendar.dayInfo(bad)).toThrow(RangeError);
      expect(() => calendar.isProvisional(bad)).toThrow(RangeError);
    }
    expect(() => addWorkingDays('2024-09-27', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-09-27', Number.NaN)).toThrow(RangeError);
    expect(() => addNaturalDays('2024-09-27', Infinity)).toThrow(RangeError);
    expect(() => deadline('2024-09-27T10:00:00+08:00', 2, 'days' as 'working')).toThrow(RangeError);
    expect(() => deadlineAt('not a date', 2, 'working')).toThrow(RangeError);
    expect(() => deadlineAt(new Date(Number.NaN), 2, 'working')).toThrow(RangeError);
  });
});
