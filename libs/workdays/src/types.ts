/** A calendar date `YYYY-MM-DD`, always read as a date in Asia/Shanghai. */
export type IsoDate = string;

/** One date named by a holiday notice. */
export interface ScheduledDay {
  /** The holiday the date belongs to, as the notice names it (e.g. 春节, 国庆节、中秋节). */
  name: string;
  date: IsoDate;
  /** `true`: a day off (放假); `false`: a make-up working day (调休上班). */
  isOffDay: boolean;
}

/**
 * One year's official schedule (国务院办公厅关于某年部分节假日安排的通知), in the holiday-cn shape.
 * Every date not listed is a working day when Monday–Friday and a day off when Saturday–Sunday.
 */
export interface YearSchedule {
  year: number;
  /** The notices the schedule comes from (addresses or document numbers, 文号). */
  papers: string[];
  days: ScheduledDay[];
}

export interface CalendarOptions {
  /**
   * What to do when a computation needs a day of a year without a published schedule:
   * `throw` a CalendarGapError (default), or `assume-weekdays` (Monday–Friday plus 1 January off) and mark the
   * result provisional.
   */
  onGap?: 'throw' | 'assume-weekdays';
}

export interface DeadlineResult {
  /** The last day of the period. */
  date: IsoDate;
  /** End of that day, 23:59:59.999 Asia/Shanghai. */
  at: Date;
  /** True when the period crossed a day that no published schedule covers (only with `assume-weekdays`). */
  provisional: boolean;
}

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  /** `makeup`: a weekend working day (调休上班); `holiday`: a day off named by a notice (or an assumed 元旦). */
  kind: 'workday' | 'weekend' | 'holiday' | 'makeup';
  /** The holiday name when a notice lists the date. */
  name?: string;
  provisional: boolean;
}

export type PeriodUnit = 'working' | 'natural';

export interface WorkCalendar {
  /** Years with an official schedule, ascending. */
  readonly publishedYears: readonly number[];
  /** First and last day of the contiguous run of published years that starts at the earliest one. */
  readonly coveredFrom: IsoDate;
  readonly coveredTo: IsoDate;
  hasSchedule(year: number): boolean;
  /** A copy of the schedule in use for the year (the bureau's entry when it replaced the built-in one). */
  schedule(year: number): YearSchedule | undefined;
  isWorkingDay(date: IsoDate): boolean;
  dayInfo(date: IsoDate): DayInfo;
  /**
   * n ≥ 1: the nth working day strictly after `date` (the start day never counts, working or not);
   * n = 0: `date` itself; n < 0: the |n|th working day strictly before `date`.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days in (from, to]; negative (the count in (to, from]) when to < from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  addNaturalDays(date: IsoDate, n: number): IsoDate;
  /** End (23:59:59.999 +08:00) of the last day of an n-day period starting on the Asia/Shanghai date of `start`. */
  deadlineAt(start: Date | string, n: number, unit: PeriodUnit): Date;
  deadline(start: Date | string, n: number, unit: PeriodUnit): DeadlineResult;
  /** True when no published schedule tells whether the date is a working day. */
  isProvisional(date: IsoDate): boolean;
}
