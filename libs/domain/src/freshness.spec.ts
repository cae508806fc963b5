import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCalendar } from '@govdata/workdays';
import { UPDATE_CYCLES, type UpdateCycle } from './catalog/enums';
import { addMonthsIso, catalogCoverageOf, FRESHNESS_RULES, freshnessOf, missingCatalogSource, staleEntrySource } from './freshness';

const calendar = createCalendar();
/** what the jobs use: unpublished years assumed Monday–Friday */
const lenient = createCalendar([], { onGap: 'assume-weekdays' });
const at = (s: string) => new Date(s);

describe('addMonthsIso', () => {
  it('adds calendar months and clamps to the end of the month', () => {
    expect(addMonthsIso('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonthsIso('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsIso('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsIso('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonthsIso('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsIso('2025-12-10', 12)).toBe('2026-12-10');
  });

  it('never goes backwards and lands in the right month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 36 }), (y, m, d, n) => {
        const from = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const to = addMonthsIso(from, n);
        expect(to >= from).toBe(true);
        const months = (Number(to.slice(0, 4)) - y) * 12 + Number(to.slice(5, 7)) - m;
        expect(months).toBe(n);
        expect(to.slice(8)).toBe(from.slice(8)); // days 1–28 exist in every month
      }),
    );
  });
});

describe('freshness of published data (第三十三条第（五）项)', () => {
  it('每月: one month after the last update plus 5 working days — stale the day after', () => {
    // last update Thu 2026-09-10 → expected 2026-10-10 (a Saturday make-up working day of the National Day holiday)
    // → 5 working days after it: 10-12, 10-13, 10-14, 10-15, 10-16
    const input = { cycle: 'monthly' as const, lastDataUpdateAt: at('2026-09-10T15:00:00+08:00'), publishedAt: at('2025-01-01T00:00:00+08:00') };
    const onTime = freshnessOf(calendar, input, at('2026-10-16T23:59:59+08:00'));
    expect(onTime).toMatchObject({ status: 'fresh', basis: 'last_update', since: '2026-09-10', expectedDate: '2026-10-10' });
    if (onTime.status === 'exempt') throw new Error('unexpected');
    expect(onTime.dueDate).toBe(calendar.addWorkingDays('2026-10-10', 5));
    const late = freshnessOf(calendar, input, at('2026-10-20T09:00:00+08:00'));
    expect(late).toMatchObject({ status: 'stale', dueDate: onTime.dueDate });
    if (late.status !== 'stale') throw new Error('unexpected');
    expect(late.workingDaysLate).toBe(calendar.workingDaysBetween(onTime.dueDate, '2026-10-20'));
    expect(late.workingDaysLate).toBeGreaterThan(0);
  });

  it('每日 and 实时 are checked against the last update with a one-working-day grace, across a weekend', () => {
    // Friday 2026-11-13: daily expected Saturday, grace → Monday 11-16; stale from Tuesday
    const daily = { cycle: 'daily' as const, lastDataUpdateAt: at('2026-11-13T18:00:00+08:00'), publishedAt: at('2026-01-05T00:00:00+08:00') };
    expect(freshnessOf(calendar, daily, at('2026-11-16T20:00:00+08:00')).status).toBe('fresh');
    expect(freshnessOf(calendar, daily, at('2026-11-17T00:00:01+08:00')).status).toBe('stale');
    // realtime: expected the same day, grace one working day → Monday; the same instants
    const realtime = { ...daily, cycle: 'realtime' as const };
    expect(freshnessOf(calendar, realtime, at('2026-11-16T20:00:00+08:00')).status).toBe('fresh');
    expect(freshnessOf(calendar, realtime, at('2026-11-17T00:00:01+08:00')).status).toBe('stale');
    // a realtime feed last updated Tuesday is stale on Thursday, a daily one only on Friday
    const tuesday = at('2026-11-17T10:00:00+08:00');
    expect(freshnessOf(calendar, { ...realtime, lastDataUpdateAt: tuesday }, at('2026-11-19T08:00:00+08:00')).status).toBe('stale');
    expect(freshnessOf(calendar, { ...daily, lastDataUpdateAt: tuesday }, at('2026-11-19T08:00:00+08:00')).status).toBe('fresh');
    expect(freshnessOf(calendar, { ...daily, lastDataUpdateAt: tuesday }, at('2026-11-20T08:00:00+08:00')).status).toBe('stale');
  });

  it('不定期 is exempt however old the data', () => {
    expect(freshnessOf(calendar, { cycle: 'irregular', lastDataUpdateAt: null, publishedAt: at('2020-01-01T00:00:00+08:00') }, at('2026-11-20T10:00:00+08:00'))).toEqual({ status: 'exempt' });
  });

  it('counts from publication when the data was never updated', () => {
    const v = freshnessOf(calendar, { cycle: 'quarterly', lastDataUpdateAt: null, publishedAt: at('2026-03-02T09:00:00+08:00') }, at('2026-06-15T10:00:00+08:00'));
    expect(v).toMatchObject({ basis: 'published', since: '2026-03-02', expectedDate: '2026-06-02' });
    if (v.status === 'exempt') throw new Error('unexpected');
    expect(v.dueDate).toBe(calendar.addWorkingDays('2026-06-02', 10));
  });

  it('is monotonic: once stale at t, stale at every later instant; a later update never makes it staler', () => {
    const cycles = UPDATE_CYCLES.filter((c) => c !== 'irregular');
    const day = 86_400_000;
    const base = at('2025-01-01T00:00:00+08:00').getTime();
    fc.assert(
      fc.property(fc.constantFrom(...cycles), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 200 }), (cycle: UpdateCycle, u, dt, later) => {
        const update = new Date(base + u * day);
        const now = new Date(update.getTime() + dt * day);
        const input = { cycle, lastDataUpdateAt: update, publishedAt: at('2024-06-01T00:00:00+08:00') };
        const v = freshnessOf(lenient, input, now);
        if (v.status === 'stale') expect(freshnessOf(lenient, input, new Date(now.getTime() + later * day)).status).toBe('stale');
        if (v.status === 'fresh') expect(freshnessOf(lenient, { ...input, lastDataUpdateAt: new Date(update.getTime() + later * day) }, now).status).toBe('fresh');
      }),
    );
  });

  it('has a grace for every dated cycle, growing with the cycle and never above 第七条’s 15 working days', () => {
    const dated = UPDATE_CYCLES.filter((c) => FRESHNESS_RULES[c].period);
    expect(dated).toHaveLength(7);
    const graces = dated.map((c) => FRESHNESS_RULES[c].graceWorkingDays);
    expect(graces).toEqual([...graces].sort((a, b) => a - b));
    expect(Math.max(...graces)).toBeLessThanOrEqual(15);
    expect(Math.min(...graces)).toBeGreaterThanOrEqual(1);
  });

  it('keys each missed update once, and a new miss after an update separately', () => {
    expect(staleEntrySource(12, '2026-10-16')).toEqual({ kind: 'catalog_entry_freshness', id: '12:2026-10-16' });
    expect(staleEntrySource(12, '2026-10-16')).toEqual(staleEntrySource(12, '2026-10-16'));
    expect(staleEntrySource(12, '2026-12-01').id).not.toBe(staleEntrySource(12, '2026-10-16').id);
  });
});

describe('departments without a published catalog (第三十三条第（一）项)', () => {
  it('is missing only with no published entry after 15 working days from registration', () => {
    const registeredAt = at('2026-09-01T10:00:00+08:00');
    const due = calendar.addWorkingDays('2026-09-01', 15);
    expect(catalogCoverageOf(calendar, { registeredAt, publishedEntries: 0 }, at(`${due}T23:00:00+08:00`))).toEqual({ missing: false });
    const after = catalogCoverageOf(calendar, { registeredAt, publishedEntries: 0 }, at('2026-11-20T10:00:00+08:00'));
    expect(after).toMatchObject({ missing: true, dueDate: due });
    expect(catalogCoverageOf(calendar, { registeredAt, publishedEntries: 3 }, at('2026-11-20T10:00:00+08:00'))).toEqual({ missing: false });
  });

  it('is recorded once per department and year', () => {
    expect(missingCatalogSource(7, at('2026-12-31T23:00:00+08:00'))).toEqual({ kind: 'department_catalog', id: '7:2026' });
    expect(missingCatalogSource(7, at('2027-01-01T00:30:00+08:00')).id).toBe('7:2027');
  });
});
