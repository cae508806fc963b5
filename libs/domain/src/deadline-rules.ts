import { naturalDaysBetween, shanghaiDate, type WorkCalendar } from '@govdata/workdays';
import type { DeadlineKind, DeadlineState } from './deadlines';
import { DEFAULT_RULE_SET, resolvePeriod, type DeadlineFacts, type DuePeriod, type RuleSet } from './rule-sets';

export interface DueComputation {
  /** end (23:59:59.999 Asia/Shanghai) of the last day */
  dueAt: Date;
  /** the last day, YYYY-MM-DD */
  dueDate: string;
  /** true when the computation crossed a year without a published holiday schedule */
  provisional: boolean;
}

/** How a clock's period is chosen: the rule set in force, the subject's facts, or a per-record period (notices). */
export interface PeriodChoice {
  rules?: RuleSet;
  facts?: DeadlineFacts;
  override?: DuePeriod;
}

/** The period of a deadline kind under a rule set (the default one unless given). */
export function periodOf(kind: DeadlineKind, choice: PeriodChoice = {}): DuePeriod {
  return resolvePeriod(choice.rules ?? DEFAULT_RULE_SET, kind, choice.facts, choice.override);
}

/**
 * When a step started at `startedAt` is due: the start day is not counted, day 1 is the next working (or natural)
 * day, and the deadline is the end of the Nth day, Asia/Shanghai (../shared/DESIGN.md §2, counting rule).
 */
export function computeDue(calendar: WorkCalendar, kind: DeadlineKind, startedAt: Date, choice: PeriodChoice = {}): DueComputation {
  const { n, unit } = periodOf(kind, choice);
  const r = calendar.deadline(startedAt, n, unit);
  return { dueAt: r.at, dueDate: r.date, provisional: r.provisional };
}

/** met when completed no later than the due instant, missed otherwise. */
export function completionState(dueAt: Date, completedAt: Date): Extract<DeadlineState, 'met' | 'missed'> {
  return completedAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
}

/** The colour a standing is shown in: red overdue or missed, orange due soon, green met, grey cancelled. */
export type StandingTone = 'danger' | 'warning' | 'primary' | 'success' | 'info';

/** A clock as the standing needs it; `state` and `completedAt` default to a running clock. */
export interface ClockInput {
  dueAt: Date;
  /** the last day, YYYY-MM-DD (Asia/Shanghai) */
  dueDate: string;
  state?: DeadlineState;
  completedAt?: Date | null;
  /** the period's unit: natural-day periods count natural days in the wording */
  unit?: 'working' | 'natural';
}

/**
 * How a clock stands at `now` — the one source of every "剩余 / 今日到期 / 已逾期" on the platform (issue 14, defect 3).
 *
 * Conventions (one each, used everywhere):
 * - days left = the working days after today up to and including the due day — the whole days still ahead. On the
 *   day the clock starts that is the full period (the start day is not counted, DESIGN §2); on the due day it is 0,
 *   said as "今日 24:00 到期"; the day before the due day (a calendar day) is "明日 24:00 到期".
 * - days late = the working days after the due day up to and including today (the violation evidence's count).
 * - the due time is written "MM-DD 24:00" (with the year when it is not this year's): the period ends at the end of
 *   its last day, and 民法典 第二百零三条 says 期间的最后一日的截止时间为二十四时. "23:59" would suggest the last minute
 *   is not part of the period and is not the statutory wording.
 */
export interface DeadlineStanding {
  /** past the due instant and not done */
  overdue: boolean;
  /** working days (natural days for a natural-day period) after today up to and including the due day; 0 on the due day and once overdue or finished */
  workingDaysLeft: number;
  /** working days after the due day up to and including today (or the completion, when missed) */
  workingDaysLate: number;
  /** running and due by the end of today */
  dueToday: boolean;
  /** running and due by the end of tomorrow (the next calendar day) */
  dueTomorrow: boolean;
  /** running and due today or on the next working day — the window of the 08:30 reminders */
  dueSoon: boolean;
  /** the due instant in words: "12-04 24:00", or "2027-01-05 24:00" in another year */
  dueText: string;
  /** the standing in words: 剩余 3 个工作日 · 明日 24:00 到期 · 今日 24:00 到期 · 已逾期 2 个工作日 · 按时完成 … */
  text: string;
  tone: StandingTone;
}

/** "12-04 24:00" — the end of the due day; the year is written when it is not the year of `now`. */
export function dueTimeText(dueDate: string, now: Date): string {
  return dueTextOn(dueDate, shanghaiDate(now));
}

/** dueTimeText with today's date (Asia/Shanghai) already known. */
function dueTextOn(dueDate: string, today: string): string {
  return `${dueDate.slice(0, 4) === today.slice(0, 4) ? dueDate.slice(5) : dueDate} 24:00`;
}

/** Days from `from` to `to`: working days, or natural days for a natural-day period. */
function daysBetween(calendar: WorkCalendar, natural: boolean, from: string, to: string): number {
  return natural ? naturalDaysBetween(from, to) : calendar.workingDaysBetween(from, to);
}

/** Due soon: due today or on the next working day — the window of the 08:30 reminders (sweep/due-soon). */
export function isDueSoon(calendar: WorkCalendar, dueDate: string, now: Date): boolean {
  return dueDate <= calendar.addWorkingDays(shanghaiDate(now), 1);
}

/** The standing of a clock that is not running (only its texts and tone differ). */
function settled(dueText: string, workingDaysLate: number, text: string, tone: StandingTone): DeadlineStanding {
  return { overdue: false, workingDaysLeft: 0, workingDaysLate, dueToday: false, dueTomorrow: false, dueSoon: false, dueText, text, tone };
}

/**
 * How a clock stands at `now` (see DeadlineStanding for the conventions). Pure: `now` is the business clock. Every
 * list row calls it (the share-request list: 20 a page, bench:api): one object built, no closures.
 */
export function standing(calendar: WorkCalendar, clock: ClockInput, now: Date): DeadlineStanding {
  const { dueAt, dueDate } = clock;
  const state = clock.state ?? 'open';
  const today = shanghaiDate(now);
  const natural = clock.unit === 'natural';
  const unitWord = natural ? '天' : '个工作日';
  const dueText = dueTextOn(dueDate, today);

  if (state === 'met') return settled(dueText, 0, '按时完成', 'success');
  if (state === 'cancelled') return settled(dueText, 0, '已撤销', 'info');
  if (state === 'missed') {
    const late = clock.completedAt ? Math.max(0, daysBetween(calendar, natural, dueDate, shanghaiDate(clock.completedAt))) : 0;
    return settled(dueText, late, late > 0 ? `逾期完成（逾期 ${late} ${unitWord}）` : '逾期完成', 'danger');
  }
  if (now.getTime() > dueAt.getTime()) {
    const late = Math.max(0, daysBetween(calendar, natural, dueDate, today));
    return { overdue: true, workingDaysLeft: 0, workingDaysLate: late, dueToday: false, dueTomorrow: false, dueSoon: false, dueText, text: late > 0 ? `已逾期 ${late} ${unitWord}` : `已逾期（不足 1 ${unitWord}）`, tone: 'danger' };
  }
  const left = Math.max(0, daysBetween(calendar, natural, today, dueDate));
  const dueToday = dueDate === today;
  const dueTomorrow = naturalDaysBetween(today, dueDate) === 1;
  const dueSoon = dueDate <= calendar.addWorkingDays(today, 1);
  const text = dueToday ? '今日 24:00 到期' : dueTomorrow ? '明日 24:00 到期' : `剩余 ${left} ${unitWord}`;
  return { overdue: false, workingDaysLeft: left, workingDaysLate: 0, dueToday, dueTomorrow, dueSoon, dueText, text, tone: dueSoon ? 'warning' : 'primary' };
}

/** Working days between the due day and the completion (or now) — the "working days late" of a violation's evidence. */
export function workingDaysLate(calendar: WorkCalendar, dueDate: string, at: Date): number {
  return Math.max(0, calendar.workingDaysBetween(dueDate, shanghaiDate(at)));
}
