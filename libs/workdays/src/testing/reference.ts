import { formatDayNumber, parseIsoDate } from '../dates';
import { CalendarGapError } from '../errors';

/**
 * Helpers for the comparison with chinese-days (the specs import chinese-days themselves: only spec files may).
 *
 * chinese-days builds its holiday tables at import time from dates parsed as UTC midnight but formatted with the
 * host's local getters, so west of UTC (America/New_York, say) every entry slips back a day and the reference is
 * simply wrong. Pin the zone to UTC before importing it; returns the function that restores the host's zone.
 * Our library needs no such care: the other specs pass in any zone.
 */
export function pinZoneToUtc(): () => void {
  const host = process.env['TZ'];
  process.env['TZ'] = 'UTC';
  return () => {
    if (host === undefined) delete process.env['TZ'];
    else process.env['TZ'] = host;
  };
}

/** chinese-days rounds a Date to the start of its local day; local noon keeps it on the intended date. */
export function localNoon(date: string): Date {
  return new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12);
}

export function everyDate(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = parseIsoDate(first); d <= parseIsoDate(last); d++) out.push(formatDayNumber(d));
  return out;
}

/** The year of the CalendarGapError the call throws, or a description of what happened instead. */
export function gapYear(run: () => unknown): number | string {
  try {
    return `no error, got ${String(run())}`;
  } catch (e) {
    return e instanceof CalendarGapError ? e.year : String(e);
  }
}
