import { z } from 'zod';
import { OFFICIAL_YEARS, validateYearSchedule, type DayInfo, type WorkCalendar, type YearSchedule } from '@govdata/workdays';
import { isoDateSchema } from './common';
import { ValidationError } from './errors';

export const calendarYearParamsSchema = z.strictObject({
  year: z.coerce.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间'),
});

/** A year's schedule as the bureau enters it from the State Council notice (国务院办公厅关于部分节假日安排的通知). */
export const yearScheduleInputSchema = z.strictObject({
  papers: z.array(z.string().trim().min(1, '通知文号或网址不能为空').max(300)).min(1, '请至少填写一份通知的文号或网址').max(5),
  days: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1, '节日名称不能为空').max(20),
        date: isoDateSchema,
        isOffDay: z.boolean(),
      }),
    )
    .min(1, '请至少录入一个放假或调休日期')
    .max(120),
});
export type YearScheduleInput = z.infer<typeof yearScheduleInputSchema>;

/**
 * Checks a year entered by the bureau with the same rules the built-in data passes (make-up days are weekends,
 * no date both off and on, every statutory holiday present …). Throws a 400 naming every problem.
 */
export function assertValidYearSchedule(year: number, input: YearScheduleInput): YearSchedule {
  const schedule: YearSchedule = { year, papers: input.papers, days: [...input.days].sort((a, b) => a.date.localeCompare(b.date)) };
  const problems = validateYearSchedule(schedule);
  if (problems.length) {
    throw new ValidationError(`${year} 年节假日安排有 ${problems.length} 处问题：${problems[0]}`, problems.map((message) => ({ path: 'body.days', message })));
  }
  return schedule;
}

export type CalendarSource = 'official' | 'bureau' | 'none';

export interface CalendarYearView {
  year: number;
  /** built-in official data, entered by the bureau, or none (working days are then assumed Monday–Friday) */
  source: CalendarSource;
  papers: string[];
  scheduledDays: YearSchedule['days'];
  /** every day of the year, for the month grids */
  days: DayInfo[];
  workingDays: number;
  publishedYears: number[];
  coveredFrom: string;
  coveredTo: string;
}

const officialYears = new Set(OFFICIAL_YEARS.map((y) => y.year));

/** Everything the calendar page shows for one year, from the lenient calendar (unknown years read as weekdays). */
export function calendarYearView(calendar: WorkCalendar, year: number, bureauYears: ReadonlySet<number>): CalendarYearView {
  const schedule = calendar.schedule(year);
  const days: DayInfo[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = calendar.addNaturalDays(d, 1)) days.push(calendar.dayInfo(d));
  return {
    year,
    source: bureauYears.has(year) ? 'bureau' : officialYears.has(year) ? 'official' : 'none',
    papers: schedule?.papers ?? [],
    scheduledDays: schedule?.days ?? [],
    days,
    workingDays: days.filter((d) => d.working).length,
    publishedYears: [...calendar.publishedYears],
    coveredFrom: calendar.coveredFrom,
    coveredTo: calendar.coveredTo,
  };
}

export const calendarYearViewSchema = z.object({
  year: z.number().int(),
  source: z.enum(['official', 'bureau', 'none']),
  papers: z.array(z.string()),
  scheduledDays: z.array(z.object({ name: z.string(), date: z.string(), isOffDay: z.boolean() })),
  days: z.array(z.object({ date: z.string(), working: z.boolean(), kind: z.enum(['workday', 'weekend', 'holiday', 'makeup']), name: z.string().optional(), provisional: z.boolean() })),
  workingDays: z.number().int(),
  publishedYears: z.array(z.number().int()),
  coveredFrom: z.string(),
  coveredTo: z.string(),
});

export const calendarSaveResultSchema = calendarYearViewSchema.extend({
  /** stored provisional deadlines recomputed with the new schedule */
  recomputedDeadlines: z.number().int(),
  /** overdue provisional deadlines that were not really late with the real schedule: back to open (issue 13 item 9) */
  reopenedDeadlines: z.number().int(),
  /** their automatic violation candidates, dismissed with the reason */
  dismissedCandidates: z.number().int(),
});
