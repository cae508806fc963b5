import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OFFICIAL_YEARS } from './data/official';
import { calendar, createCalendar, shanghaiDate, type WorkCalendar } from './index';

/**
 * A brute-force calendar straight from the raw schedules, one day at a time with the JavaScript Date: independent
 * of the cumulative index it checks. Unpublished years follow the assume-weekdays rule (Mon–Fri, 1 Jan off).
 */
const DAY = 86_400_000;
const listed = new Map<string, boolean>();
for (const y of OFFICIAL_YEARS) for (const d of y.days) listed.set(d.date, !d.isOffDay);
const published = new Set(OFFICIAL_YEARS.map((y) => y.year));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

function bruteWorking(date: string): boolean {
  const known = listed.get(date);
  if (known !== undefined) return known;
  const weekday = new Date(ms(date)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return published.has(Number(date.slice(0, 4))) || !date.endsWith('-01-01');
}

function bruteAdd(date: string, n: number): string {
  let t = ms(date);
  for (let left = Math.abs(n); left > 0; ) {
    t += Math.sign(n) * DAY;
    if (bruteWorking(iso(t))) left--;
  }
  return iso(t);
}

function bruteBetween(from: string, to: string): number {
  const [a, b, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let t = ms(a) + DAY; t <= ms(b); t += DAY) if (bruteWorking(iso(t))) count++;
  return sign * count;
}

const dateBetween = (from: string, to: string) => fc.integer({ min: ms(from) / DAY, max: ms(to) / DAY }).map((d) => iso(d * DAY));

/** Published years only: the default calendar must not throw here (results stay well inside 2026). */
const publishedDate = dateBetween('2015-05-01', '2026-09-30');
const assumed = createCalendar([], { onGap: 'assume-weekdays' });
/** Across published and assumed years, for the assume-weekdays calendar. */
const anyDate = dateBetween('2005-05-01', '2036-09-30');
const n = fc.integer({ min: 0, max: 40 });

const cases: [string, WorkCalendar, fc.Arbitrary<string>][] = [
  ['default calendar (published years)', calendar, publishedDate],
  ['assume-weekdays calendar (2005–2036)', assumed, anyDate],
];

describe.each(cases)('%s', (_name, cal, date) => {
  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(fc.property(date, n, (d, k) => cal.workingDaysBetween(d, cal.addWorkingDays(d, k)) === k));
  });

  it('lands on a working day strictly after (before) d for n > 0 (n < 0)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (d, k) => {
        const after = cal.addWorkingDays(d, k);
        const before = cal.addWorkingDays(d, -k);
        return after > d && before < d && cal.isWorkingDay(after) && cal.isWorkingDay(before);
      }),
    );
  });

  it('is strictly increasing in n and non-decreasing in d', () => {
    fc.assert(fc.property(date, n, n, (d, a, b) => a === b || (a < b) === (cal.addWorkingDays(d, a) < cal.addWorkingDays(d, b))));
    fc.assert(
      fc.property(date, date, n, (d1, d2, k) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        return cal.addWorkingDays(lo, k) <= cal.addWorkingDays(hi, k);
      }),
    );
  });

  it('agrees with the day-by-day brute force, forwards and backwards', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -60, max: 60 }), (d, k) => {
        expect(cal.addWorkingDays(d, k)).toBe(bruteAdd(d, k));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(date, fc.integer({ min: -90, max: 90 }), (d, span) => {
        const to = cal.addNaturalDays(d, span);
        expect(cal.workingDaysBetween(d, to)).toBe(bruteBetween(d, to));
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(date, (d) => cal.isWorkingDay(d) === bruteWorking(d)));
  });

  it('mirrors forwards and backwards: n working days lie in (d, d+n] and in [d−n, d)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (d, k) => {
        const back = cal.addWorkingDays(d, -k);
        // [back, d) = (back − 1 day, d − 1 day]
        return cal.workingDaysBetween(cal.addNaturalDays(back, -1), cal.addNaturalDays(d, -1)) === k;
      }),
    );
    fc.assert(
      fc.property(date, n, (d, k) => {
        const w = cal.isWorkingDay(d) ? d : cal.addWorkingDays(d, 1);
        return cal.addWorkingDays(cal.addWorkingDays(w, k), -k) === w && cal.workingDaysBetween(w, cal.addWorkingDays(w, -k)) === -k;
      }),
    );
  });

  it('antisymmetric workingDaysBetween and additive over consecutive spans', () => {
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        return cal.workingDaysBetween(a, b) === -cal.workingDaysBetween(b, a) && cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c) === cal.workingDaysBetween(a, c);
      }),
    );
  });

  it('deadline(instant) counts from the Shanghai date of the instant and ends at 23:59:59.999 +08:00', () => {
    const instant = date.chain((d) => fc.integer({ min: 0, max: DAY - 1 }).map((offset) => new Date(ms(d) + offset)));
    fc.assert(
      fc.property(instant, n, (t, k) => {
        const r = cal.deadline(t, k, 'working');
        expect(r.date).toBe(cal.addWorkingDays(shanghaiDate(t), k));
        expect(r.at.getTime()).toBe(Date.parse(`${r.date}T23:59:59.999+08:00`));
        expect(cal.deadlineAt(t.toISOString(), k, 'natural').getTime()).toBe(Date.parse(`${cal.addNaturalDays(shanghaiDate(t), k)}T23:59:59.999+08:00`));
      }),
    );
  });
});

describe('provisional flag', () => {
  it('is set exactly when the counted days include one of an unpublished year', () => {
    fc.assert(
      fc.property(dateBetween('2024-06-01', '2027-06-30'), fc.integer({ min: -60, max: 60 }), (d, k) => {
        const r = assumed.deadline(d, k, 'working');
        // Days relied on: (d, r] forwards, [r, d) backwards; the only unpublished year within reach is 2027.
        const lastRelied = k >= 0 ? r.date : assumed.addNaturalDays(d, -1);
        expect(r.provisional).toBe(k !== 0 && lastRelied >= '2027-01-01');
      }),
    );
  });
});
