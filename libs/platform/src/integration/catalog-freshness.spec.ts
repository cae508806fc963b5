import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCoverageOf, freshnessOf, type UpdateCycle } from '@govdata/domain';
import { startOfShanghaiDay } from '@govdata/workdays';
import { CalendarHolder, Department, ServiceRecordEntry, Violation } from '@govdata/core';
import { CatalogEntry, runCatalogFreshness } from '@govdata/catalog';
import { seedDemo } from '@govdata/demo';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

/**
 * The catalog-freshness job over the real demo catalog: what it records must be exactly what the pure rules say
 * about each published entry and each department, computed here one by one from the rows.
 */
describe('catalog freshness over the demo catalog', () => {
  let db: TestDatabase;
  let calendar: CalendarHolder;
  const now = new Date('2026-06-01T01:00:00+08:00');

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: new Date('2026-05-20T10:00:00+08:00'), calendar, until: 'catalog' });
  });
  afterAll(() => db.drop());

  it('records violation 五 for every stale published entry and 一 for every department without a catalog — and only those', async () => {
    const em = db.fork();
    const entries = await em.find(CatalogEntry, { status: 'published' }, { populate: ['provider'] });
    const expectedStale = entries.filter((e) => {
      if (e.updateCycle === 'irregular' || !e.publishedAt) return false;
      const v = freshnessOf(calendar.lenient, { cycle: e.updateCycle as UpdateCycle, publishedAt: e.publishedAt, lastDataUpdateAt: e.dataUpdatedAt ? startOfShanghaiDay(e.dataUpdatedAt) : null }, now);
      return v.status === 'stale';
    });
    const departments = await em.find(Department, {});
    const published = new Map<number, number>();
    for (const e of entries) published.set(e.provider.id, (published.get(e.provider.id) ?? 0) + 1);
    const expectedMissing = departments.filter((d) => catalogCoverageOf(calendar.lenient, { registeredAt: d.createdAt, publishedEntries: published.get(d.id) ?? 0 }, now).missing);
    expect(expectedStale.length).toBeGreaterThan(0); // the demo plants stale data on purpose

    const summary = await runCatalogFreshness({ em: db.fork(), now, calendar });
    expect(summary.staleEntries).toBe(expectedStale.length);
    expect(summary.departmentsWithoutCatalog).toBe(expectedMissing.length);

    const check = db.fork();
    const stale = await check.find(Violation, { type: 5 });
    const bureauStale = expectedStale.filter((e) => e.provider.getEntity().isBureau);
    expect(stale.map((v) => v.department.id).sort()).toEqual(expectedStale.filter((e) => !e.provider.getEntity().isBureau).map((e) => e.provider.id).sort());
    expect(stale.every((v) => v.evidence.summary.includes('更新周期'))).toBe(true);
    expect(await check.count(ServiceRecordEntry, { kind: 'stale_data' })).toBe(bureauStale.length);
    const missing = await check.find(Violation, { type: 1, sourceKind: { $ne: 'update_trigger' } });
    expect(missing.map((v) => v.department.id).sort()).toEqual(expectedMissing.filter((d) => !d.isBureau).map((d) => d.id).sort());

    // idempotent: the same day again finds everything already recorded
    const again = await runCatalogFreshness({ em: db.fork(), now, calendar });
    expect(again.violationsCreated).toBe(0);
    expect(again.notificationsSent).toBe(0);
    expect(await db.fork().count(Violation, { type: 5 })).toBe(stale.length);
  });
});
