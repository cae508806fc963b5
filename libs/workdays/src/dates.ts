import type { IsoDate } from './types';

/**
 * Calendar arithmetic on day numbers (days since 1970-01-01). Asia/Shanghai has been UTC+8 without daylight saving
 * since 1991, so a Shanghai date is a fixed 8-hour shift of UTC and no time-zone database is needed.
 */

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ZERO = 48;
const DASH = 45;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumberOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month and day of a day number (inverse of dayNumberOf). */
export function civilOf(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function invalidDate(date: unknown): RangeError {
  return new RangeError(`无效日期 ${JSON.stringify(date)}：应为实际存在的 YYYY-MM-DD 日期 (invalid date, expected an existing calendar date YYYY-MM-DD)`);
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - ZERO;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Day number of a `YYYY-MM-DD` string, or a RangeError. Plain charCode arithmetic without allocation: this sits on
 * the hot path of every calendar call, where a RegExp, a split or Date.parse would cost more than the lookup itself.
 */
export function parseIsoDate(date: IsoDate): number {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) {
    throw invalidDate(date);
  }
  const y0 = digit(date, 0), y1 = digit(date, 1), y2 = digit(date, 2), y3 = digit(date, 3);
  const m0 = digit(date, 5), m1 = digit(date, 6), d0 = digit(date, 8), d1 = digit(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) throw invalidDate(date);
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw invalidDate(date);
  return dayNumberOf(y, m, d);
}

export function isValidIsoDate(date: unknown): date is IsoDate {
  try {
    parseIsoDate(date as IsoDate);
    return true;
  } catch {
    return false;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function formatCivil(y: number, m: number, d: number): IsoDate {
  if (y < 1 || y > 9999) throw new RangeError(`日期超出 0001–9999 年范围 (date out of the years 0001–9999)`);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export function formatDayNumber(dayNumber: number): IsoDate {
  return formatCivil(...civilOf(dayNumber));
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function isoWeekday(date: IsoDate): number {
  return weekdayOf(parseIsoDate(date));
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch milliseconds of an instant: a Date, or an ISO 8601 string. A date-time without an offset is read as
 * Asia/Shanghai wall time and a bare `YYYY-MM-DD` as the start of that Shanghai day, because Date.parse would read
 * them in the host's zone and the result would depend on where the server runs.
 */
function instantMs(instant: Date | string): number {
  let ms = Number.NaN;
  if (instant instanceof Date) {
    ms = instant.getTime();
  } else if (typeof instant === 'string') {
    if (instant.length === 10) return parseIsoDate(instant) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
    const match = ISO_DATE_TIME.exec(instant);
    if (match) {
      parseIsoDate(match[1] as string);
      ms = Date.parse(`${match[1]}T${match[2]}${match[3] ?? '+08:00'}`);
    }
  }
  if (Number.isNaN(ms)) {
    throw new RangeError(`无效时间 ${JSON.stringify(String(instant))} (invalid instant, expected a Date or an ISO 8601 string)`);
  }
  return ms;
}

export function shanghaiDayNumber(instant: Date | string): number {
  return Math.floor((instantMs(instant) + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The Asia/Shanghai calendar date of an instant. A bare `YYYY-MM-DD` is already such a date. */
export function shanghaiDate(instant: Date | string): IsoDate {
  return formatDayNumber(shanghaiDayNumber(instant));
}

function startOfShanghaiDayNumber(dayNumber: number): Date {
  return new Date(dayNumber * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** 00:00:00.000 +08:00 of the date. */
export function startOfShanghaiDay(date: IsoDate): Date {
  return startOfShanghaiDayNumber(parseIsoDate(date));
}

export function endOfShanghaiDayNumber(dayNumber: number): Date {
  return new Date((dayNumber + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1);
}

/** 23:59:59.999 +08:00 of the date: the moment a deadline falling on that day expires. */
export function endOfShanghaiDay(date: IsoDate): Date {
  return endOfShanghaiDayNumber(parseIsoDate(date));
}

/** Natural (calendar) days from `from` to `to`, both YYYY-MM-DD: 1 for the next day, negative when `to` is earlier. */
export function naturalDaysBetween(from: IsoDate, to: IsoDate): number {
  return parseIsoDate(to) - parseIsoDate(from);
}


/**
 * `Date.prototype.toISOString` of an instant in epoch milliseconds, by arithmetic (2.4× as fast, and no Date made):
 * list rows format several instants each (the share-request list: 80 a page). Years outside 1000–9999 go to Date.
 */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  const [y, mo, d] = civilOf(day);
  if (y < 1000 || y > 9999 || !Number.isFinite(ms)) return new Date(ms).toISOString();
  let rest = ms - day * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  return `${y}-${pad2(mo)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(sec)}.${milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : milli}Z`;
}
