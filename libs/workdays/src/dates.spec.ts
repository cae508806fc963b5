import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  civilOf,
  dayNumberOf,
  endOfShanghaiDay,
  formatDayNumber,
  isoInstant,
  isoWeekday,
  isValidIsoDate,
  parseIsoDate,
  shanghaiDate,
  startOfShanghaiDay,
} from './dates';

const DAY = 86_400_000;

describe('parseIsoDate / formatDayNumber', () => {
  it('round-trips every day of years 0001–9999 against the JavaScript Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumberOf(1, 1, 1), max: dayNumberOf(9999, 12, 31) }), (n) => {
        const iso = formatDayNumber(n);
        expect(parseIsoDate(iso)).toBe(n);
        // Date's own proleptic Gregorian calendar is the reference (years < 100 need setUTCFullYear).
        const ref = new Date(0);
        ref.setUTCFullYear(...civilOf(n).map((v, i) => (i === 1 ? v - 1 : v)) as [number, number, number]);
        expect(Math.round(ref.getTime() / DAY)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows leap years', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2026-02-29')).toBe(false);
  });

  it.each(['2026-02-30', 'abc', '', '2024-9-27', '2024/09/27', '2024-09-27T00:00', '2024-13-01', '2024-00-10', '0000-01-01', '２０２４-09-27', ' 2024-09-2'])(
    'rejects %j with a RangeError naming it',
    (bad) => {
      expect(() => parseIsoDate(bad)).toThrow(RangeError);
      expect(() => parseIsoDate(bad)).toThrow(JSON.stringify(bad));
    },
  );

  it('rejects non-strings', () => {
    expect(() => parseIsoDate(20240927 as unknown as string)).toThrow(RangeError);
    expect(() => parseIsoDate(undefined as unknown as string)).toThrow(RangeError);
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 … Sunday 7', () => {
    expect(isoWeekday('2024-09-23')).toBe(1);
    expect(isoWeekday('2024-09-27')).toBe(5);
    expect(isoWeekday('2024-09-29')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });

  it('agrees with Date.getUTCDay', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        expect(isoWeekday(formatDayNumber(n))).toBe(new Date(n * DAY).getUTCDay() || 7);
      }),
    );
  });
});

describe('Asia/Shanghai days', () => {
  it('reads an instant as its date in UTC+8', () => {
    expect(shanghaiDate('2024-09-27T23:30:00+08:00')).toBe('2024-09-27');
    expect(shanghaiDate('2024-09-27T16:30:00Z')).toBe('2024-09-28');
    expect(shanghaiDate('2024-09-27T15:59:59.999Z')).toBe('2024-09-27');
    expect(shanghaiDate('2024-09-27T16:00:00.000Z')).toBe('2024-09-28');
    expect(shanghaiDate(new Date('2024-09-27T16:30:00Z'))).toBe('2024-09-28');
    expect(shanghaiDate('2024-09-28T01:00:00+09:00')).toBe('2024-09-28');
    expect(shanghaiDate('2024-09-27T12:00:00-05:00')).toBe('2024-09-28');
  });

  it('reads offset-less strings as Shanghai wall time, whatever the host zone', () => {
    expect(shanghaiDate('2024-09-27')).toBe('2024-09-27');
    expect(shanghaiDate('2024-09-27T23:30')).toBe('2024-09-27');
    expect(shanghaiDate('2024-09-27 00:10:00')).toBe('2024-09-27');
    expect(shanghaiDate('2024-09-27T23:59:59.999')).toBe('2024-09-27');
  });

  it('agrees with UTC shifted by eight hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), (ms) => {
        expect(shanghaiDate(new Date(ms))).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('rejects what is not an instant', () => {
    for (const bad of ['not a date', 'Sep 27 2024', '2024-09-27T25:00:00Z', '2024-02-30T10:00:00Z', '']) {
      expect(() => shanghaiDate(bad)).toThrow(RangeError);
    }
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('gives the first and last millisecond of a day', () => {
    expect(startOfShanghaiDay('2024-09-30').toISOString()).toBe('2024-09-29T16:00:00.000Z');
    expect(endOfShanghaiDay('2024-09-30').toISOString()).toBe('2024-09-30T15:59:59.999Z');
    expect(endOfShanghaiDay('2024-09-30').getTime()).toBe(new Date('2024-09-30T23:59:59.999+08:00').getTime());
    expect(shanghaiDate(endOfShanghaiDay('2024-12-31'))).toBe('2024-12-31');
    expect(shanghaiDate(startOfShanghaiDay('2025-01-01'))).toBe('2025-01-01');
    expect(() => endOfShanghaiDay('2024-02-30')).toThrow(RangeError);
  });
});

describe('isoInstant', () => {
  it('is Date#toISOString for any instant, the millisecond, the day and the year boundaries included', () => {
    for (const ms of [0, -1, 1, 86_399_999, 86_400_000, Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2024, 1, 29, 12), Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)]) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
    // beyond 1000–9999 (six-digit or negative years): Date's own form
    for (const ms of [Date.UTC(999, 11, 31), Date.UTC(10000, 0, 1), -62_198_755_200_000]) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    fc.assert(fc.property(fc.integer({ min: -30_610_224_000_000, max: 253_402_300_799_999 }), (ms) => isoInstant(ms) === new Date(ms).toISOString()), { numRuns: 20_000 });
  });
});
