import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, CalendarHolder, Deadline, Department, Notification, remindDueSoon, ServiceRecordEntry, User, Violation } from '@govdata/core';
import { seedDemo } from '@govdata/demo';
import { addDeadlines, departmentId, type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { recordCatalogFindings, runCatalogFreshness, type CatalogFreshnessCandidate } from '@govdata/catalog';

describe('due-soon reminders and catalog freshness', () => {
  let db: TestDatabase;
  let calendar: CalendarHolder;
  let gaj: number;
  let scjgj: number;
  let bureauDept: number;
  let gajOfficers: number[];
  let bureauAdmins: number[];

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: new Date('2026-06-01T09:00:00+08:00'), calendar, until: 'organisation' });
    const em = db.fork();
    gaj = await departmentId(em, '朔州市公安局');
    scjgj = await departmentId(em, '朔州市市场监督管理局');
    bureauDept = (await em.findOneOrFail(Department, { isBureau: true })).id;
    const users = await em.find(User, {});
    gajOfficers = users.filter((u) => u.department.id === gaj && u.roles.includes('dept_admin')).map((u) => u.id);
    bureauAdmins = users.filter((u) => u.roles.includes('bureau_admin')).map((u) => u.id);
  });
  afterAll(() => db.drop());
  afterEach(async () => {
    const em = db.fork();
    await em.nativeDelete(Notification, {});
    await em.nativeDelete(Violation, {});
    await em.nativeDelete(ServiceRecordEntry, {});
    await em.nativeDelete(Deadline, {});
  });

  it('reminds at 08:30 of what ends today or on the next working day, once per item per day', async () => {
    // Friday 2026-11-20 08:30: the next working day is Monday 11-23
    const friday = new Date('2026-11-20T08:30:00+08:00');
    const [today, monday, tuesday, overdue, review] = await addDeadlines(
      db.fork(),
      [
        { kind: 'provider_reply', departmentId: gaj, dueAt: new Date('2026-11-20T23:59:59.999+08:00') },
        { kind: 'correction_feedback', departmentId: gaj, dueAt: new Date('2026-11-23T23:59:59.999+08:00') },
        { kind: 'provider_reply', departmentId: gaj, dueAt: new Date('2026-11-24T23:59:59.999+08:00') },
        { kind: 'provider_reply', departmentId: gaj, dueAt: new Date('2026-11-19T23:59:59.999+08:00') },
        { kind: 'compliance_review', departmentId: null, dueAt: new Date('2026-11-23T23:59:59.999+08:00') },
      ],
      friday,
    );
    const first = await remindDueSoon({ em: db.fork(), now: friday, calendar });
    expect(first.scanned).toBe(3);
    expect(first.notificationsSent).toBe(2 * gajOfficers.length + bureauAdmins.length);
    const em = db.fork();
    const reminded = async (id: number) => (await em.find(Notification, { kind: 'deadline.due_soon', subjectId: String(id) })).map((n) => n.recipient.id).sort();
    expect(await reminded(today.id)).toEqual([...gajOfficers].sort());
    expect(await reminded(monday.id)).toEqual([...gajOfficers].sort());
    expect(await reminded(review.id)).toEqual([...bureauAdmins].sort());
    expect(await reminded(tuesday.id)).toEqual([]);
    expect(await reminded(overdue.id)).toEqual([]);
    // the words of the domain's standing: today's clock, and Monday's (the next working day, not tomorrow) with its day
    expect((await em.findOneOrFail(Notification, { subjectId: String(today.id) })).body).toMatch(/将于今日 24:00 到期/);
    expect((await em.findOneOrFail(Notification, { subjectId: String(monday.id) })).body).toMatch(/将于 11-23 24:00 到期/);

    // the same day again: nothing new
    expect((await remindDueSoon({ em: db.fork(), now: new Date('2026-11-20T15:00:00+08:00'), calendar })).notificationsSent).toBe(0);
    // Monday 08:30: Monday's and Tuesday's items (and the review) are reminded again, as new notifications of that day
    const mondayRun = await remindDueSoon({ em: db.fork(), now: new Date('2026-11-23T08:30:00+08:00'), calendar });
    expect(mondayRun.scanned).toBe(3);
    expect(await reminded(monday.id)).toHaveLength(2 * gajOfficers.length);
  });

  const entry = (over: Partial<CatalogFreshnessCandidate>): CatalogFreshnessCandidate => ({
    entryId: 1,
    departmentId: gaj,
    isBureau: false,
    title: '人口基础信息',
    cycle: 'monthly',
    publishedAt: new Date('2025-01-10T10:00:00+08:00'),
    lastDataUpdateAt: new Date('2026-09-10T10:00:00+08:00'),
    ...over,
  });

  it('records stale published data as 五 (the bureau’s own on its service record), once however often it runs', async () => {
    const now = new Date('2026-11-20T01:00:00+08:00');
    const entries = [
      entry({ entryId: 1 }),
      entry({ entryId: 2, lastDataUpdateAt: new Date('2026-11-02T10:00:00+08:00') }),
      entry({ entryId: 3, cycle: 'irregular', lastDataUpdateAt: null }),
      entry({ entryId: 4, departmentId: bureauDept, isBureau: true, cycle: 'daily', lastDataUpdateAt: new Date('2026-11-10T10:00:00+08:00') }),
    ];
    const coverage = [
      { departmentId: scjgj, isBureau: false, registeredAt: new Date('2026-01-05T09:00:00+08:00'), publishedEntries: 0 },
      { departmentId: gaj, isBureau: false, registeredAt: new Date('2026-01-05T09:00:00+08:00'), publishedEntries: 2 },
    ];
    const first = await recordCatalogFindings({ em: db.fork(), now, calendar }, entries, coverage);
    expect(first).toMatchObject({ staleEntries: 2, departmentsWithoutCatalog: 1, violationsCreated: 2, serviceRecordEntries: 1 });
    const em = db.fork();
    const stale = await em.findOneOrFail(Violation, { sourceKind: 'catalog_entry_freshness' });
    expect(stale).toMatchObject({ type: 5, status: 'candidate' });
    expect(stale.sourceId).toMatch(/^1:2026-10-/);
    expect(stale.evidence.summary).toMatch(/每月/);
    const missing = await em.findOneOrFail(Violation, { sourceKind: 'department_catalog' });
    expect(missing.type).toBe(1);
    // the job runs at 01:00 Shanghai, still the previous day in UTC: the evidence speaks Shanghai dates
    expect(missing.evidence.summary).toMatch(/^截至 2026-11-20 未发布/);
    expect((await em.find(ServiceRecordEntry, {})).map((e) => e.kind)).toEqual(['stale_data']);
    const notes = await em.count(Notification, {});
    expect(first.notificationsSent).toBe(notes);
    expect(notes).toBeGreaterThan(0);
    const audits = await em.count(AuditEvent, {});

    const again = await recordCatalogFindings({ em: db.fork(), now: new Date('2026-11-21T01:00:00+08:00'), calendar }, entries, coverage);
    expect(again).toMatchObject({ staleEntries: 2, violationsCreated: 0, serviceRecordEntries: 0, notificationsSent: 0 });
    expect(await em.count(AuditEvent, {})).toBe(audits);
  });

  it('runs part (a) through the generic sweep: catalog update triggers past 15 working days become 一', async () => {
    const now = new Date('2026-11-20T01:00:00+08:00');
    await addDeadlines(
      db.fork(),
      [
        { kind: 'catalog_update', departmentId: gaj, dueAt: new Date('2026-11-19T23:59:59.999+08:00'), subjectType: 'catalog_update_trigger', subjectId: 5 },
        { kind: 'provider_reply', departmentId: gaj, dueAt: new Date('2026-11-19T23:59:59.999+08:00') },
      ],
      now,
    );
    const summary = await runCatalogFreshness({ em: db.fork(), now, calendar });
    // only the organisation is seeded here: no department has published a catalog yet (part (c)), the bureau's own
    // lapse goes to its service record rather than the violations
    const departments = await db.fork().count(Department, {});
    expect(summary).toMatchObject({ newlyOverdue: 1, staleEntries: 0, departmentsWithoutCatalog: departments, violationsCreated: 1 + departments - 1 });
    const em = db.fork();
    expect((await em.findOneOrFail(Violation, { sourceKind: 'catalog_update_trigger', sourceId: '5' })).type).toBe(1);
    // the provider reply is left to the 5-minute sweep
    expect(await em.count(Deadline, { kind: 'provider_reply', state: 'open' })).toBe(1);
  });
});
