import { afterAll, describe, expect, it } from 'vitest';
import { addWorkingDays, calendar, createCalendar, isWorkingDay } from './index';
import { everyDate, gapYear, localNoon as local, pinZoneToUtc } from './testing/reference';

/**
 * Exhaustive comparison with chinese-days@1.5.7 (findWorkday, isWorkday), the reference the platform was checked
 * against. Its findWorkday(n, d) for n ≥ 1 walks forward from d and returns the nth working day strictly after d —
 * the same rule as addWorkingDays — and n < 0 mirrors it (chinese-days-backward.spec.ts). Its holiday data agrees
 * with the official schedules on every day of 2015–2026, so every difference listed below comes from a year one of
 * the two does not know, or from n = 0.
 */
afterAll(pinZoneToUtc());
const { default: chineseDays } = await import('chinese-days');

const FIRST = '2015-01-01';
const LAST = '2026-12-31';
const dates = everyDate(FIRST, LAST);
const assumed = createCalendar([], { onGap: 'assume-weekdays' });

describe('agreement with chinese-days, every date 2015-01-01 … 2026-12-31', () => {
  it('classifies every day the same way (no exceptions)', () => {
    const disagreements = dates.filter((d) => isWorkingDay(d) !== chineseDays.isWorkday(local(d)));
    expect(disagreements).toEqual([]);
  });

  it('gives the same nth working day for n = 1…30', { timeout: 30_000 }, () => {
    const mismatches: string[] = [];
    const into2027: [string, number, string][] = [];
    for (const d of dates) {
      const start = local(d);
      for (let n = 1; n <= 30; n++) {
        const theirs = chineseDays.findWorkday(n, start);
        if (theirs <= LAST) {
          if (addWorkingDays(d, n) !== theirs) mismatches.push(`${d} +${n}: ${addWorkingDays(d, n)} ≠ ${theirs}`);
        } else {
          into2027.push([d, n, theirs]);
        }
      }
    }
    expect(mismatches).toEqual([]);

    // Exception 1 — the answer lies in 2027, for which no notice exists. chinese-days treats 2027 as plain weekdays
    // without saying so; we refuse by default (CalendarGapError) …
    expect(into2027.length).toBeGreaterThan(0);
    expect(into2027.every(([, , theirs]) => theirs >= '2027-01-01')).toBe(true);
    expect(into2027.filter(([d, n]) => gapYear(() => addWorkingDays(d, n)) !== 2027)).toEqual([]);
    // … and with assume-weekdays we also assume 元旦 (Friday 2027-01-01) off, which chinese-days counts as a working
    // day: our nth working day is its (n+1)th, exactly, and nothing else differs.
    const assumedMismatches = into2027.filter(([d, n]) => assumed.addWorkingDays(d, n) !== chineseDays.findWorkday(n + 1, local(d)));
    expect(assumedMismatches).toEqual([]);
  });

  it('differs at n = 0 by design: chinese-days rolls a day off forward to the next working day, we return the start day', () => {
    for (const d of dates) {
      expect(addWorkingDays(d, 0)).toBe(d);
      const theirs = chineseDays.findWorkday(0, local(d));
      if (calendar.isWorkingDay(d)) expect(theirs).toBe(d);
      else if (d < LAST) expect(theirs).toBe(addWorkingDays(d, 1));
    }
  });
});
