import { afterAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from './index';
import { everyDate, gapYear, localNoon as local, pinZoneToUtc } from './testing/reference';

/** The backward half of chinese-days.spec.ts (a file of its own so that the two halves run in parallel). */
afterAll(pinZoneToUtc());
const { default: chineseDays } = await import('chinese-days');

const FIRST = '2015-01-01';
const dates = everyDate(FIRST, '2026-12-31');

describe('agreement with chinese-days backwards, every date 2015-01-01 … 2026-12-31', () => {
  it('gives the same nth working day backwards, n = −1…−30', { timeout: 30_000 }, () => {
    const mismatches: string[] = [];
    const into2014: [string, number][] = [];
    for (const d of dates) {
      const start = local(d);
      for (let n = 1; n <= 30; n++) {
        const theirs = chineseDays.findWorkday(-n, start);
        if (theirs >= FIRST) {
          if (addWorkingDays(d, -n) !== theirs) mismatches.push(`${d} −${n}: ${addWorkingDays(d, -n)} ≠ ${theirs}`);
        } else {
          into2014.push([d, n]);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Exception 2 — the answer lies in 2014: chinese-days carries 2004–2014 data, the official copy here starts in 2015.
    expect(into2014.length).toBeGreaterThan(0);
    expect(into2014.filter(([d, n]) => gapYear(() => addWorkingDays(d, -n)) !== 2014)).toEqual([]);
  });
});
