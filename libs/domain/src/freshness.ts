import { endOfShanghaiDay, shanghaiDate, type IsoDate, type WorkCalendar } from '@govdata/workdays';
// 更新周期 (第六条 “更新时限”): the ids, labels and schema live with the catalog
import type { UpdateCycle } from './catalog/enums';
import { workingDaysLate } from './deadline-rules';
import type { ViolationType } from './violations';

export interface FreshnessRule {
  /** how long after the last update the next one is expected; null = exempt (不定期) */
  period: { n: number; unit: 'day' | 'month' } | null;
  /** working days of tolerance after the expected date before the data counts as stale */
  graceWorkingDays: number;
}

/**
 * When published data counts as not updated on time (第三十三条第（五）项 “未按照规定时限…更新…政务数据”).
 * The regulation sets no grace; these are the bureau's working rules (docs/scheduler.md has the table and the why):
 * a short grace for the frequent cycles, growing with the cycle, never above the 15 working days 第七条 allows for a
 * catalog update. 不定期 entries have no date to miss and are exempt.
 */
export const FRESHNESS_RULES: Record<UpdateCycle, FreshnessRule> = {
  realtime: { period: { n: 0, unit: 'day' }, graceWorkingDays: 1 },
  daily: { period: { n: 1, unit: 'day' }, graceWorkingDays: 1 },
  weekly: { period: { n: 7, unit: 'day' }, graceWorkingDays: 2 },
  monthly: { period: { n: 1, unit: 'month' }, graceWorkingDays: 5 },
  quarterly: { period: { n: 3, unit: 'month' }, graceWorkingDays: 10 },
  semiannual: { period: { n: 6, unit: 'month' }, graceWorkingDays: 15 },
  annual: { period: { n: 12, unit: 'month' }, graceWorkingDays: 15 },
  irregular: { period: null, graceWorkingDays: 0 },
};

/** Stale published data is violation 五 (未按照规定时限发布、更新资源目录和政务数据). */
export const STALE_DATA_VIOLATION: ViolationType = 5;
/** A department with no published catalog is violation 一 (不按照要求编制或更新部门政务数据资源目录). */
export const MISSING_CATALOG_VIOLATION: ViolationType = 1;
/**
 * The regulation gives no date for a department's first catalog; the bureau applies the 15 working days of 第七条
 * from the day the department was registered on the platform.
 */
export const CATALOG_COMPILE_GRACE_WORKING_DAYS = 15;

/** Calendar months added to a date, the day clamped to the month's end (01-31 + 1 month → 02-28/29). */
export function addMonthsIso(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface FreshnessInput {
  cycle: UpdateCycle;
  /** when the entry's data was last updated; null when never since publication */
  lastDataUpdateAt: Date | null;
  publishedAt: Date;
}

export type FreshnessVerdict =
  | { status: 'exempt' }
  | {
      status: 'fresh' | 'stale';
      /** what the clock runs from: the last data update, or the publication when there was none */
      basis: 'last_update' | 'published';
      since: IsoDate;
      /** the date the next update was expected (since + cycle) */
      expectedDate: IsoDate;
      /** the last day of the grace period; stale once it has ended */
      dueDate: IsoDate;
      dueAt: Date;
      workingDaysLate: number;
    };

/**
 * Whether a published entry's data is stale at `now`: its next update was expected one cycle after the last one (or
 * after publication), plus the grace in working days; the data is stale once the end of that day (Asia/Shanghai)
 * has passed.
 */
export function freshnessOf(calendar: WorkCalendar, input: FreshnessInput, now: Date): FreshnessVerdict {
  const rule = FRESHNESS_RULES[input.cycle];
  if (!rule.period) return { status: 'exempt' };
  const basis = input.lastDataUpdateAt ? 'last_update' : 'published';
  const since = shanghaiDate(input.lastDataUpdateAt ?? input.publishedAt);
  const expectedDate = rule.period.unit === 'day' ? calendar.addNaturalDays(since, rule.period.n) : addMonthsIso(since, rule.period.n);
  const dueDate = calendar.addWorkingDays(expectedDate, rule.graceWorkingDays);
  const dueAt = endOfShanghaiDay(dueDate);
  const stale = now.getTime() > dueAt.getTime();
  return { status: stale ? 'stale' : 'fresh', basis, since, expectedDate, dueDate, dueAt, workingDaysLate: stale ? workingDaysLate(calendar, dueDate, now) : 0 };
}

/**
 * The violation source of a stale entry: one per missed update, so the daily job re-finding the same stale entry
 * records nothing new, and an entry that goes stale again after an update is a new violation.
 */
export const staleEntrySource = (entryId: number, dueDate: IsoDate) => ({ kind: 'catalog_entry_freshness', id: `${entryId}:${dueDate}` });

export type CatalogCoverageVerdict = { missing: false } | { missing: true; dueDate: IsoDate; dueAt: Date; workingDaysLate: number };

/** 第六条/第七条: a department with no published catalog once its compile period has run is missing its catalog. */
export function catalogCoverageOf(calendar: WorkCalendar, input: { registeredAt: Date; publishedEntries: number }, now: Date): CatalogCoverageVerdict {
  if (input.publishedEntries > 0) return { missing: false };
  const dueDate = calendar.addWorkingDays(shanghaiDate(input.registeredAt), CATALOG_COMPILE_GRACE_WORKING_DAYS);
  const dueAt = endOfShanghaiDay(dueDate);
  if (now.getTime() <= dueAt.getTime()) return { missing: false };
  return { missing: true, dueDate, dueAt, workingDaysLate: workingDaysLate(calendar, dueDate, now) };
}

/** One missing-catalog violation per department and year (Asia/Shanghai), however many days the job finds it. */
export const missingCatalogSource = (departmentId: number, now: Date) => ({ kind: 'department_catalog', id: `${departmentId}:${shanghaiDate(now).slice(0, 4)}` });
