/**
 * @govdata/workdays — the Chinese working-day calendar (工作日: weekends and 法定节假日 off, 调休 make-up days on)
 * and the deadline arithmetic of the regulation: the start day never counts, day 1 is the next working day, and a
 * deadline is the end (23:59:59.999 Asia/Shanghai) of its last day. Pure: no I/O, no wall clock, no dependencies.
 */
import { createCalendar } from './calendar';
import type { WorkCalendar } from './types';

export type {
  CalendarOptions,
  DayInfo,
  DeadlineResult,
  IsoDate,
  PeriodUnit,
  ScheduledDay,
  WorkCalendar,
  YearSchedule,
} from './types';
export { CalendarGapError } from './errors';
export { createCalendar } from './calendar';
export { OFFICIAL_YEARS } from './data/official';
export { STATUTORY_HOLIDAYS, validateYearSchedule } from './validate';
export { ASSUMED_YEARS_AROUND } from './day-index';
export { endOfShanghaiDay, isoInstant, isoWeekday, naturalDaysBetween, shanghaiDate, startOfShanghaiDay } from './dates';

/** The built-in official schedules; a day of an unpublished year throws CalendarGapError. */
export const calendar: WorkCalendar = createCalendar();

export const isWorkingDay = calendar.isWorkingDay;
export const addWorkingDays = calendar.addWorkingDays;
export const workingDaysBetween = calendar.workingDaysBetween;
export const addNaturalDays = calendar.addNaturalDays;
export const deadlineAt = calendar.deadlineAt;
export const deadline = calendar.deadline;
