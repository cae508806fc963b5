import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, CalendarHolder, type Database, Deadline, Notification, OVERDUE_HOOKS, registerOverdueHook, ServiceRecordEntry, sweepDeadlines, User, Violation } from '@govdata/core';
import { openPlatformDatabase } from '../index';
import { seedDemo } from '@govdata/demo';
import { addDeadlines, departmentId, type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

const NOW = new Date('2026-11-20T10:00:00+08:00');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

describe('deadline sweep', () => {
  let db: TestDatabase;
  let calendar: CalendarHolder;
  let gaj: number;
  let scjgj: number;
  let gajOfficers: number[];
  let bureauAdmins: number[];

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: new Date('2026-06-01T09:00:00+08:00'), calendar, until: 'organisation' });
    const em = db.fork();
    gaj = await departmentId(em, '朔州市公安局');
    scjgj = await departmentId(em, '朔州市市场监督管理局');
    const users = await em.find(User, {});
    gajOfficers = users.filter((u) => u.department.id === gaj && u.roles.includes('dept_admin')).map((u) => u.id);
    bureauAdmins = users.filter((u) => u.roles.includes('bureau_admin')).map((u) => u.id);
  });
  afterAll(() => db.drop());
  let auditMark = 0;
  afterEach(async () => {
    // each test starts from no deadlines and no records
    const em = db.fork();
    await em.nativeDelete(Notification, {});
    await em.nativeDelete(Violation, {});
    await em.nativeDelete(ServiceRecordEntry, {});
    await em.nativeDelete(Deadline, {});
    // the audit trail is append-only: later tests count only the rows written after this point
    auditMark = (await em.find(AuditEvent, {}, { orderBy: { seq: 'desc' }, limit: 1 }))[0]?.seq ?? 0;
    delete OVERDUE_HOOKS.notice_rectification;
  });

  const sweep = (database: Database = db, batchSize?: number, now = NOW) => sweepDeadlines({ em: database.fork(), now, calendar }, { batchSize });

  it('flags what is past due, records the kind’s violation, tells the department, and leaves the rest alone', async () => {
    const [reply, update, later] = await addDeadlines(
      db.fork(),
      [
        { kind: 'provider_reply', departmentId: gaj, dueAt: new Date('2026-11-18T23:59:59.999+08:00'), subjectType: 'share_request_step', subjectId: 41 },
        { kind: 'catalog_update', departmentId: scjgj, dueAt: hours(-1), subjectType: 'catalog_update_trigger', subjectId: 7 },
        { kind: 'provider_reply', departmentId: gaj, dueAt: hours(+1) },
      ],
      NOW,
    );
    const summary = await sweep();
    expect(summary).toMatchObject({ scanned: 2, newlyOverdue: 2, violationsCreated: 2, serviceRecordEntries: 0, unassigned: 0 });

    const em = db.fork();
    expect((await em.findOneOrFail(Deadline, reply.id)).state).toBe('overdue');
    expect((await em.findOneOrFail(Deadline, reply.id)).overdueAt?.toISOString()).toBe(NOW.toISOString());
    expect((await em.findOneOrFail(Deadline, update.id)).state).toBe('overdue');
    expect((await em.findOneOrFail(Deadline, later.id)).state).toBe('open');

    const v2 = await em.findOneOrFail(Violation, { sourceKind: 'share_request_step', sourceId: '41' });
    expect(v2).toMatchObject({ type: 2, status: 'candidate', manual: false });
    expect(v2.department.id).toBe(gaj);
    // due end of Wed 11-18, observed Fri 11-20: Thursday and Friday are working days → 2 working days late
    expect(v2.evidence).toMatchObject({ dueAt: '2026-11-18T15:59:59.999Z', observedAt: NOW.toISOString(), workingDaysLate: 2, article: '第十五条第（二）项' });
    expect(v2.evidence.summary).toContain('应于 2026-11-18 前办结（第十五条第（二）项），至 2026-11-20 10:00 仍未办结，已逾期 2 个工作日');
    const v1 = await em.findOneOrFail(Violation, { sourceKind: 'catalog_update_trigger', sourceId: '7' });
    expect(v1.type).toBe(1);
    expect(v1.department.id).toBe(scjgj);

    const told = await em.find(Notification, { kind: 'deadline.overdue', subjectId: String(reply.id) });
    expect(told.map((n) => n.recipient.id).sort()).toEqual([...gajOfficers].sort());
    expect(told[0]?.body).toMatch(/第三十三条第（二）项/);
    expect(await em.count(AuditEvent, { action: 'deadline.overdue', actorName: 'system:deadline-sweep', seq: { $gt: auditMark } })).toBe(2);
    expect(summary.notificationsSent).toBe(told.length + (await em.count(Notification, { subjectId: String(update.id) })));
  });

  it('is idempotent: a second run finds nothing new and sends nothing', async () => {
    await addDeadlines(db.fork(), Array.from({ length: 12 }, (_, i) => ({ kind: 'provider_reply' as const, departmentId: i % 2 ? gaj : scjgj, dueAt: hours(-2 - i) })), NOW);
    const first = await sweep();
    expect(first.newlyOverdue).toBe(12);
    const counts = async () => {
      const em = db.fork();
      return [await em.count(Violation, {}), await em.count(Notification, {}), await em.count(AuditEvent, {})];
    };
    const before = await counts();
    const second = await sweep();
    expect(second).toMatchObject({ scanned: 0, newlyOverdue: 0, violationsCreated: 0, notificationsSent: 0 });
    expect(await counts()).toEqual(before);
  });

  it('puts the bureau’s own lapse (compliance review) on its service record, never as a department violation', async () => {
    const [review] = await addDeadlines(db.fork(), [{ kind: 'compliance_review', departmentId: null, dueAt: hours(-30), subjectType: 'share_request', subjectId: 99 }], NOW);
    const summary = await sweep();
    expect(summary).toMatchObject({ newlyOverdue: 1, violationsCreated: 0, serviceRecordEntries: 1 });
    const em = db.fork();
    expect(await em.count(Violation, {})).toBe(0);
    const entry = await em.findOneOrFail(ServiceRecordEntry, { sourceKind: 'share_request', sourceId: '99' });
    expect(entry).toMatchObject({ kind: 'compliance_review', article: '第十五条' });
    const told = await em.find(Notification, { subjectId: String(review.id) });
    expect(told.map((n) => n.recipient.id).sort()).toEqual([...bureauAdmins].sort());
    expect(told[0]?.body).toMatch(/服务记录/);
  });

  it('flags a department clock stored without its department, telling the bureau, with no violation possible', async () => {
    await addDeadlines(db.fork(), [{ kind: 'open_application', departmentId: null, dueAt: hours(-3) }], NOW);
    expect(await sweep()).toMatchObject({ newlyOverdue: 1, violationsCreated: 0, serviceRecordEntries: 0, unassigned: 1, notificationsSent: bureauAdmins.length });
  });

  it('tells the active officers only: a disabled data officer, a leader of the department and a disabled bureau admin hear nothing', async () => {
    const em = db.fork();
    const at = NOW;
    const extra = [
      em.create(User, { username: 'gaj_disabled', displayName: '停用的数据专员', department: gaj, roles: ['dept_admin'], passwordHash: 'x', disabled: true, createdAt: at, updatedAt: at }),
      em.create(User, { username: 'gaj_leader', displayName: '部门领导', department: gaj, roles: ['leader'], passwordHash: 'x', createdAt: at, updatedAt: at }),
      em.create(User, { username: 'bureau_disabled', displayName: '停用的管理员', department: (await em.findOneOrFail(User, bureauAdmins[0] as number)).department.id, roles: ['bureau_admin'], passwordHash: 'x', disabled: true, createdAt: at, updatedAt: at }),
    ];
    await em.flush();
    try {
      const [reply, review] = await addDeadlines(
        db.fork(),
        [
          { kind: 'provider_reply', departmentId: gaj, dueAt: hours(-5) },
          { kind: 'compliance_review', departmentId: null, dueAt: hours(-5), subjectType: 'share_request', subjectId: 98 },
        ],
        NOW,
      );
      await sweep();
      const told = async (id: number) => (await db.fork().find(Notification, { subjectId: String(id) })).map((n) => n.recipient.id).sort();
      expect(await told(reply.id)).toEqual([...gajOfficers].sort());
      expect(await told(review.id)).toEqual([...bureauAdmins].sort());
    } finally {
      await db.fork().nativeDelete(User, { id: { $in: extra.map((u) => u.id) } });
    }
  });

  it('reads only the overdue rows, in batches, however many open rows lie in the future', async () => {
    const overdue = Array.from({ length: 23 }, (_, i) => ({ kind: 'correction_feedback' as const, departmentId: gaj, dueAt: hours(-1 - (i % 5)) }));
    const future = Array.from({ length: 300 }, (_, i) => ({ kind: 'correction_feedback' as const, departmentId: scjgj, dueAt: hours(1 + i) }));
    await addDeadlines(db.fork(), [...overdue, ...future], NOW);
    const summary = await sweep(db, 5);
    expect(summary).toMatchObject({ scanned: 23, newlyOverdue: 23, violationsCreated: 23, batches: 5 });
    expect(await db.fork().count(Violation, { type: 5 })).toBe(23);
    expect(await db.fork().count(Deadline, { state: 'open' })).toBe(300);
  });

  it('runs the kind’s overdue hook once per batch with all its newly overdue deadlines, inside the batch', async () => {
    const seen: number[] = [];
    let calls = 0;
    registerOverdueHook('notice_rectification', async (_ctx, ds) => {
      calls++;
      seen.push(...ds.map((d) => d.id));
      return { notificationsSent: 1 };
    });
    const made = await addDeadlines(db.fork(), [1, 2, 3].map((h) => ({ kind: 'notice_rectification' as const, departmentId: gaj, dueAt: hours(-h) })), NOW);
    const first = await sweep();
    expect(first.hooksRun).toBe(3);
    expect(calls).toBe(1);
    expect(seen.sort()).toEqual(made.map((d) => d.id).sort());
    expect(await db.fork().count(Violation, { type: 8 })).toBe(3);
    await sweep();
    expect(seen).toHaveLength(3);
  });

  it('leaves a failed batch wholly undone and the next run completes it without duplicates', async () => {
    let calls = 0;
    registerOverdueHook('notice_rectification', async () => {
      calls++;
      if (calls === 2) throw new Error('simulated crash at the end of the second batch');
    });
    await addDeadlines(db.fork(), Array.from({ length: 12 }, (_, i) => ({ kind: 'notice_rectification' as const, departmentId: i % 2 ? gaj : scjgj, dueAt: hours(-1 - i) })), NOW);
    await expect(sweep(db, 5)).rejects.toThrow(/simulated crash/);
    const em = db.fork();
    expect(await em.count(Deadline, { state: 'overdue' })).toBe(5);
    expect(await em.count(Violation, {})).toBe(5);
    const again = await sweep(db, 5);
    expect(again).toMatchObject({ newlyOverdue: 7, violationsCreated: 7 });
    expect(await em.count(Violation, {})).toBe(12);
    expect(await em.count(Deadline, { state: 'open' })).toBe(0);
    const keys = (await em.find(Notification, { kind: 'deadline.overdue' })).map((n) => n.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(12);
  });

  it('two sweeps over two connections at once record each violation and each notification once', async () => {
    const n = 120;
    await addDeadlines(db.fork(), Array.from({ length: n }, (_, i) => ({ kind: 'provider_reply' as const, departmentId: i % 3 ? gaj : scjgj, dueAt: hours(-1 - (i % 40)) })), NOW);
    // PostgreSQL: a second pool, truly concurrent. SQLite: better-sqlite3 waits for a lock synchronously, so two
    // connections in one process would block each other's event loop; one process shares one connection and the two
    // sweeps interleave batch by batch (apps/scheduler's reliability tests run separate processes instead).
    const other = db.dialect === 'postgresql' ? await openPlatformDatabase(db.url, { migrate: false }) : db;
    try {
      const [a, b] = await Promise.all([sweep(db, 10), sweep(other, 10)]);
      expect(a.newlyOverdue + b.newlyOverdue).toBe(n);
      expect(a.violationsCreated + b.violationsCreated).toBe(n);
      const em = db.fork();
      expect(await em.count(Violation, {})).toBe(n);
      const notes = await em.find(Notification, { kind: 'deadline.overdue' });
      expect(a.notificationsSent + b.notificationsSent).toBe(notes.length);
      expect(new Set(notes.map((x) => x.dedupeKey)).size).toBe(notes.length);
      expect(await em.count(AuditEvent, { action: 'deadline.overdue', seq: { $gt: auditMark } })).toBe(n);
    } finally {
      if (other !== db) await other.close();
    }
  });
});
