import { civilOf, dayNumberOf, formatCivil, parseIsoDate, weekdayOf } from './dates';
import type { IsoDate, ScheduledDay, YearSchedule } from './types';

/**
 * How many years past the last published year (and before the first) the `assume-weekdays` mode reaches. Ten
 * covers any deadline of the regulation many times over; beyond it a computation is an input error, not a gap.
 */
export const ASSUMED_YEARS_AROUND = 10;

/**
 * Every day of the supported range, precomputed so that each calendar call is a handful of array reads whatever n
 * is: `cum[i]` counts the working days before day i and `nth[k]` is the day of the (k+1)th working day, so "the nth
 * working day after d" is `nth[cum[d + 1] + n - 1]` instead of a walk over n days.
 */
export interface DayIndex {
  /** Day number (days since 1970-01-01) of index 0. */
  readonly base: number;
  readonly size: number;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly working: Uint8Array;
  /** 1 when no published schedule tells whether the day is a working day. */
  readonly unknown: Uint8Array;
  /** Length size + 1: working days in [0, i). */
  readonly cum: Int32Array;
  /** Index of the (k+1)th working day. */
  readonly nth: Int32Array;
  /** Length size + 1: first unknown index ≥ i, or size. */
  readonly nextUnknown: Int32Array;
  /** Length size + 1: last unknown index < i, or -1. */
  readonly prevUnknown: Int32Array;
  readonly dates: readonly IsoDate[];
  /** The dates some notice lists, by index. */
  readonly listed: ReadonlyMap<number, ScheduledDay>;
  readonly published: ReadonlySet<number>;
}

/** `schedules` in ascending year order; a later notice overrides an earlier one for the dates both list. */
export function buildDayIndex(schedules: readonly YearSchedule[]): DayIndex {
  const published = new Set(schedules.map((s) => s.year));
  const years = [...published];
  const firstYear = Math.max(1, Math.min(...years) - ASSUMED_YEARS_AROUND);
  const lastYear = Math.min(9999, Math.max(...years) + ASSUMED_YEARS_AROUND);
  const base = dayNumberOf(firstYear, 1, 1);
  const size = dayNumberOf(lastYear, 12, 31) - base + 1;

  const listed = new Map<number, ScheduledDay>();
  for (const s of schedules) {
    for (const day of s.days) {
      const i = parseIsoDate(day.date) - base;
      // The range reaches ten years around every published year, so a listed date can only fall outside it if a
      // schedule names a date far from its own year, which createCalendar rejects.
      if (i >= 0 && i < size) listed.set(i, day);
    }
  }

  const working = new Uint8Array(size);
  const unknown = new Uint8Array(size);
  const dates: IsoDate[] = new Array<IsoDate>(size);
  for (let i = 0; i < size; i++) {
    const [y, m, d] = civilOf(base + i);
    dates[i] = formatCivil(y, m, d);
    const weekday = weekdayOf(base + i) <= 5;
    const day = listed.get(i);
    if (day) working[i] = day.isOffDay ? 0 : 1;
    else if (published.has(y)) working[i] = weekday ? 1 : 0;
    else {
      unknown[i] = 1;
      // 元旦 is the one holiday whose date never moves, so assuming it off is safer than assuming a working day.
      working[i] = weekday && !(m === 1 && d === 1) ? 1 : 0;
    }
  }

  const cum = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) cum[i + 1] = (cum[i] as number) + (working[i] as number);
  const nth = new Int32Array(cum[size] as number);
  for (let i = 0, k = 0; i < size; i++) if (working[i]) nth[k++] = i;

  const nextUnknown = new Int32Array(size + 1);
  nextUnknown[size] = size;
  for (let i = size - 1; i >= 0; i--) nextUnknown[i] = unknown[i] ? i : (nextUnknown[i + 1] as number);
  const prevUnknown = new Int32Array(size + 1);
  prevUnknown[0] = -1;
  for (let i = 1; i <= size; i++) prevUnknown[i] = unknown[i - 1] ? i - 1 : (prevUnknown[i - 1] as number);

  return { base, size, firstYear, lastYear, working, unknown, cum, nth, nextUnknown, prevUnknown, dates, listed, published };
}
