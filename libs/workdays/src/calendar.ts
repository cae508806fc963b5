import { OFFICIAL_YEARS } from './data/official';
import { ASSUMED_YEARS_AROUND, buildDayIndex } from './day-index';
import { civilOf, endOfShanghaiDayNumber, formatCivil, formatDayNumber, parseIsoDate, shanghaiDayNumber, weekdayOf } from './dates';
import { CalendarGapError } from './errors';
import type { CalendarOptions, DayInfo, DeadlineResult, IsoDate, PeriodUnit, WorkCalendar, YearSchedule } from './types';

function copySchedule(s: YearSchedule): YearSchedule {
  return { year: s.year, papers: [...s.papers], days: s.days.map((d) => ({ name: d.name, date: d.date, isOffDay: d.isOffDay })) };
}

/**
 * Only what the index cannot be built without; the bureau's form runs validateYearSchedule for the rest. Stricter
 * rules here would stop the platform from starting over a schedule the bureau has already saved.
 */
function checkStructure(s: YearSchedule): void {
  if (!Number.isInteger(s.year) || s.year < 1 || s.year > 9998) {
    throw new RangeError(`节假日安排的年份无效：${JSON.stringify(s.year)} (invalid schedule year)`);
  }
  for (const day of s.days) {
    const year = civilOf(parseIsoDate(day.date))[0];
    if (Math.abs(year - s.year) > 1) {
      throw new RangeError(`${s.year} 年节假日安排中的日期 ${day.date} 不属于该年或相邻年份 (date outside the schedule's year)`);
    }
  }
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`天数应为整数：${String(n)} (n must be an integer)`);
}

/**
 * A working-day calendar from the built-in official schedules plus `extraYears` (the bureau's entries), which
 * replace a built-in year of the same number. Where two notices list the same date, the later year's wins: a
 * notice may rearrange the last days of December of the year before (the 2019 notice did).
 */
export function createCalendar(extraYears: readonly YearSchedule[] = [], options: CalendarOptions = {}): WorkCalendar {
  const onGap = options.onGap ?? 'throw';
  if (onGap !== 'throw' && onGap !== 'assume-weekdays') throw new RangeError(`未知的 onGap 选项：${String(onGap)}`);
  const assume = onGap === 'assume-weekdays';

  const byYear = new Map<number, YearSchedule>();
  for (const s of OFFICIAL_YEARS) byYear.set(s.year, copySchedule(s));
  for (const s of extraYears) {
    checkStructure(s);
    byYear.set(s.year, copySchedule(s));
  }
  const schedules = [...byYear.values()].sort((a, b) => a.year - b.year);
  const ix = buildDayIndex(schedules);
  const { base, size, working, unknown, cum, nth, nextUnknown, prevUnknown, dates } = ix;
  const workingCount = nth.length;

  const publishedYears = Object.freeze(schedules.map((s) => s.year));
  let coveredEnd = publishedYears[0] as number;
  while (byYear.has(coveredEnd + 1)) coveredEnd++;
  const rangeFrom = formatCivil(ix.firstYear, 1, 1);
  const rangeTo = formatCivil(ix.lastYear, 12, 31);

  const yearOf = (i: number): number => civilOf(base + i)[0];
  const dateOf = (i: number): IsoDate => (i >= 0 && i < size ? (dates[i] as IsoDate) : formatDayNumber(base + i));

  /**
   * Why day i cannot be used: inside the supported range only a gap can be the reason (and only when gaps throw);
   * outside it every year is unpublished, which is a gap unless we are assuming weekdays and ran out of range.
   */
  function unavailable(i: number): Error {
    if (assume && (i < 0 || i >= size)) {
      return new RangeError(
        `${dateOf(i)} 超出日历可推算范围 ${rangeFrom} 至 ${rangeTo}（已发布年份前后各 ${ASSUMED_YEARS_AROUND} 年）` +
          ` (outside the supported range ${rangeFrom}..${rangeTo})`,
      );
    }
    return new CalendarGapError(yearOf(i));
  }

  function locate(date: IsoDate): number {
    return parseIsoDate(date) - base;
  }

  /** Index of day i itself, checked to be knowable. */
  function knownDay(i: number): number {
    if (i < 0 || i >= size) throw unavailable(i);
    if (!assume && unknown[i]) throw unavailable(i);
    return i;
  }

  /** Index of the nth working day after (n > 0) or before (n < 0) index i; i may lie just outside the range. */
  function step(i: number, n: number): number {
    if (n > 0) {
      const first = i + 1;
      if (first < 0 || first > size) throw unavailable(first);
      const k = (cum[first] as number) + n - 1;
      const r = k < workingCount ? (nth[k] as number) : size;
      const u = nextUnknown[first] as number;
      if (!assume && u <= r) throw unavailable(u);
      if (r === size) throw unavailable(size);
      return r;
    }
    if (i < 0 || i > size) throw unavailable(i - 1);
    const k = (cum[i] as number) + n;
    const r = k >= 0 ? (nth[k] as number) : -1;
    const p = prevUnknown[i] as number;
    if (!assume && p >= r) throw unavailable(p);
    if (r < 0) throw unavailable(-1);
    return r;
  }

  /** Whether the days a step from i to r relied on include one that no schedule covers. */
  function crossesGap(i: number, r: number): boolean {
    if (r > i) return (nextUnknown[i + 1] as number) <= r;
    if (r < i) return (prevUnknown[i] as number) >= r;
    return false;
  }

  function addWorkingDays(date: IsoDate, n: number): IsoDate {
    const i = locate(date);
    checkCount(n);
    return n === 0 ? date : (dates[step(i, n)] as IsoDate);
  }

  function workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = locate(from);
    const b = locate(to);
    if (a === b) return 0;
    const first = (a < b ? a : b) + 1;
    const last = a < b ? b : a;
    if (first < 0 || first >= size) throw unavailable(first);
    const u = nextUnknown[first] as number;
    if (!assume && u <= last) throw unavailable(u);
    if (last >= size) throw unavailable(size);
    const count = (cum[last + 1] as number) - (cum[first] as number);
    return a < b ? count : -count;
  }

  function addNaturalDays(date: IsoDate, n: number): IsoDate {
    const i = locate(date);
    checkCount(n);
    return dateOf(i + n);
  }

  function deadline(start: Date | string, n: number, unit: PeriodUnit): DeadlineResult {
    const i = shanghaiDayNumber(start) - base;
    checkCount(n);
    let r = i + n;
    let provisional = false;
    if (unit === 'working') {
      if (n !== 0) {
        r = step(i, n);
        provisional = assume && crossesGap(i, r);
      }
    } else if (unit !== 'natural') {
      throw new RangeError(`未知的期限单位：${String(unit)}，应为 working 或 natural`);
    }
    // A natural-day period needs no holiday schedule, so it is never provisional and never hits a gap.
    return { date: dateOf(r), at: endOfShanghaiDayNumber(base + r), provisional };
  }

  const calendar: WorkCalendar = {
    publishedYears,
    coveredFrom: formatCivil(publishedYears[0] as number, 1, 1),
    coveredTo: formatCivil(coveredEnd, 12, 31),
    hasSchedule: (year) => byYear.has(year),
    schedule: (year) => {
      const s = byYear.get(year);
      return s && copySchedule(s);
    },
    isWorkingDay: (date) => working[knownDay(locate(date))] === 1,
    dayInfo(date): DayInfo {
      const i = knownDay(locate(date));
      const isWorking = working[i] === 1;
      const weekend = weekdayOf(base + i) >= 6;
      const listed = ix.listed.get(i);
      const provisional = unknown[i] === 1;
      const info: DayInfo = { date: dates[i] as IsoDate, working: isWorking, kind: 'workday', provisional };
      if (listed) {
        info.name = listed.name;
        info.kind = listed.isOffDay ? 'holiday' : weekend ? 'makeup' : 'workday';
      } else if (provisional && !isWorking && !weekend) {
        info.kind = 'holiday';
        info.name = '元旦';
      } else {
        info.kind = weekend ? 'weekend' : 'workday';
      }
      return info;
    },
    addWorkingDays,
    workingDaysBetween,
    addNaturalDays,
    deadline,
    deadlineAt: (start, n, unit) => deadline(start, n, unit).at,
    isProvisional: (date) => {
      const i = locate(date);
      return i < 0 || i >= size || unknown[i] === 1;
    },
  };
  return Object.freeze(calendar);
}
