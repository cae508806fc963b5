import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, type Actor, type ViolationType } from '@govdata/domain';
import { actorOf, AuditEvent, CalendarHolder, Department, Notification, recordFindings, sweepDeadlines, User, Violation } from '@govdata/core';
import { CatalogDuplicateCandidate, confirmDuplicate, recordCatalogFindings } from '@govdata/catalog';
import { createNoticeDrafts, issueNotice, recordManualViolation, runNoticeEscalation } from '@govdata/supervision';
import { seedDemo } from '@govdata/demo';
import { addDeadlines, type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

/**
 * Issue 12 §3: every path that records a violation goes through one door (`recordFindings`) — the deadline sweep, the
 * 一数一源 confirmation, the bureau's manual record, the escalation of a notice, and the catalog-freshness job. Each
 * test drives one path through its real entry point and checks what the door guarantees, alike for all: one row per
 * key, one `violation.record` audit row naming who recorded it, one notification per data officer of the department
 * under the finding's dedupe key — and, when the key is on record already, nothing written, told or audited again.
 */
describe('one door for findings', () => {
  let db: TestDatabase;
  let calendar: CalendarHolder;
  let bureau: Actor;
  let gaj: number;
  const now = new Date('2026-11-20T10:00:00+08:00');

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: new Date('2026-11-10T10:00:00+08:00'), calendar, until: 'catalog' });
    const em = db.fork();
    bureau = actorOf(await em.findOneOrFail(User, { username: 'bureau' }, { populate: ['department'] }));
    gaj = (await em.findOneOrFail(Department, { name: '朔州市公安局' })).id;
  });
  afterAll(() => db.drop());

  const officersOf = async (departmentId: number) =>
    (await db.fork().find(User, { department: departmentId, disabled: false })).filter((u) => u.roles.includes('dept_admin')).map((u) => u.id).sort((a, b) => a - b);
  const totals = async () => {
    const em = db.fork();
    return { violations: await em.count(Violation, {}), notifications: await em.count(Notification, {}), audits: await em.count(AuditEvent, { action: 'violation.record' }) };
  };

  /** What the door leaves for a key: the row, its audit row by `by`, and its notification to each of the department's officers. */
  async function expectThroughTheDoor(key: { kind: string; id: string; type: ViolationType }, by: string, extra: number[] = []) {
    const em = db.fork();
    const rows = await em.find(Violation, { sourceKind: key.kind, sourceId: key.id, type: key.type });
    expect(rows).toHaveLength(1);
    const v = rows[0] as (typeof rows)[number];
    const audits = await em.find(AuditEvent, { action: 'violation.record', subjectType: 'violation', subjectId: String(v.id) });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorName).toBe(by);
    expect(audits[0]?.after).toMatchObject({ type: key.type, departmentId: v.department.id, source: { kind: key.kind, id: key.id } });
    const stem = `finding:violation:${key.kind}:${key.id}:${key.type}`;
    const notes = await em.find(Notification, { dedupeKey: { $like: `${stem}:%` } });
    const expected = [...new Set([...(await officersOf(v.department.id)), ...extra])].sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    expect(notes.map((n) => n.recipient.id).sort((a, b) => a - b)).toEqual(expected);
    expect(notes.map((n) => n.dedupeKey).sort()).toEqual(expected.map((id) => `${stem}:${id}`).sort());
    return v;
  }

  it('the deadline sweep (a batch): recorded, told and audited once; a second clock of the same subject adds nothing', async () => {
    await sweepDeadlines({ em: db.fork(), now, calendar }); // the demo catalog's own overdue clocks first
    await addDeadlines(db.fork(), [{ kind: 'provider_reply', departmentId: gaj, dueAt: new Date(now.getTime() - 3_600_000), subjectType: 'share_request_step', subjectId: 90_001 }], now);
    expect(await sweepDeadlines({ em: db.fork(), now, calendar })).toMatchObject({ newlyOverdue: 1, violationsCreated: 1 });
    await expectThroughTheDoor({ kind: 'share_request_step', id: '90001', type: 2 }, 'system:deadline-sweep');

    const before = await totals();
    await addDeadlines(db.fork(), [{ kind: 'provider_reply', departmentId: gaj, dueAt: new Date(now.getTime() - 60_000), subjectType: 'share_request_step', subjectId: 90_001 }], now);
    expect(await sweepDeadlines({ em: db.fork(), now, calendar })).toMatchObject({ newlyOverdue: 1, violationsCreated: 0 });
    expect(await totals()).toEqual(before);
  });

  it('the 一数一源 confirmation (a person): the same row, notification and audit row, naming the bureau admin', async () => {
    const candidate = await db.fork().findOneOrFail(CatalogDuplicateCandidate, { status: 'candidate' }, { orderBy: { id: 'asc' } });
    const dto = await db.fork().transactional((tx) => confirmDuplicate(tx, bureau, candidate.id, '应通过共享获取', now));
    const v = await expectThroughTheDoor({ kind: 'duplicate_collection', id: String(candidate.id), type: 3 }, `${bureau.displayName}(${bureau.username})`);
    expect(dto.violationId).toBe(v.id);
    expect(v).toMatchObject({ status: 'confirmed', manual: false });
    expect(v.decidedBy?.id).toBe(bureau.userId);
  });

  it('a manual record (a person): the same; recording the same key again is refused and changes nothing', async () => {
    const input = { type: 6, departmentId: gaj, summary: '检查发现共享数据被转存至个人网盘', source: { kind: 'share_grant', id: 'door-1' }, confirmed: true };
    const dto = await db.fork().transactional((tx) => recordManualViolation(tx, bureau, input, now));
    const v = await expectThroughTheDoor({ kind: 'share_grant', id: 'door-1', type: 6 }, `${bureau.displayName}(${bureau.username})`);
    expect(dto).toMatchObject({ id: v.id, status: 'confirmed', manual: true });

    const before = await totals();
    await expect(db.fork().transactional((tx) => recordManualViolation(tx, bureau, input, now))).rejects.toThrow(ConflictError);
    expect(await totals()).toEqual(before);
  });

  /** A confirmed violation and a notice over it, issued with 5 working days to rectify. */
  async function issuedNotice(sourceId: string, at: Date): Promise<number> {
    const em = db.fork();
    const v = em.create(Violation, { type: 6, department: gaj, sourceKind: 'inspection', sourceId, detectedAt: at, evidence: { summary: '检查发现问题' }, status: 'confirmed', manual: true });
    await em.flush();
    const [draft] = await em.transactional((tx) => createNoticeDrafts(tx, bureau, { violationIds: [v.id], rectifyWithinWorkingDays: 5 }, { calendar, now: at }));
    await db.fork().transactional((tx) => issueNotice(tx, bureau, (draft as { id: number }).id, { calendar, now: at }));
    return (draft as { id: number }).id;
  }

  it('the escalation of a notice (a job): the same, naming the job', async () => {
    const id = await issuedNotice('door-notice-1', new Date('2026-11-02T10:00:00+08:00'));
    const r = await runNoticeEscalation({ em: db.fork(), now, calendar, log: () => undefined });
    expect(r).toMatchObject({ escalated: 1, violationsCreated: 1 });
    await expectThroughTheDoor({ kind: 'notice', id: String(id), type: 8 }, 'system:notice-escalation');
  });

  it('the catalog-freshness job: the same for a stale entry; a re-run records, tells and audits nothing', async () => {
    const entry = { entryId: 777_001, departmentId: gaj, isBureau: false, title: '门禁测试数据', cycle: 'monthly' as const, publishedAt: new Date('2025-01-05T10:00:00+08:00'), lastDataUpdateAt: null };
    const first = await recordCatalogFindings({ em: db.fork(), now, calendar }, [entry], []);
    expect(first.violationsCreated).toBe(1);
    const v = await db.fork().findOneOrFail(Violation, { sourceKind: 'catalog_entry_freshness', sourceId: { $like: '777001:%' } });
    await expectThroughTheDoor({ kind: 'catalog_entry_freshness', id: v.sourceId, type: 5 }, 'system:catalog-freshness');

    const before = await totals();
    expect(await recordCatalogFindings({ em: db.fork(), now, calendar }, [entry], [])).toMatchObject({ violationsCreated: 0, notificationsSent: 0 });
    expect(await totals()).toEqual(before);
  });

  it('across paths: a key one path recorded is not recorded, told or audited again by another', async () => {
    const id = await issuedNotice('door-notice-2', new Date('2026-11-02T10:00:00+08:00'));
    // the bureau records 八 for this notice by hand first …
    await db.fork().transactional((tx) => recordManualViolation(tx, bureau, { type: 8, departmentId: gaj, summary: '经检查，逾期未整改', source: { kind: 'notice', id: String(id) }, confirmed: true }, now));
    const before = await totals();
    // … then the escalation job reaches it: the notice is escalated, the finding stays the bureau's one
    const r = await runNoticeEscalation({ em: db.fork(), now, calendar, log: () => undefined });
    expect(r).toMatchObject({ escalated: 1, violationsCreated: 0 });
    const after = await totals();
    expect(after.violations).toBe(before.violations);
    expect(after.audits).toBe(before.audits);
    await expectThroughTheDoor({ kind: 'notice', id: String(id), type: 8 }, `${bureau.displayName}(${bureau.username})`);
  });

  it('one call with the same key twice records, tells and audits it once, and refuses a finding that is neither kind', async () => {
    const finding = { source: { kind: 'door_test', id: 'twice' }, violation: { type: 9 as const, departmentId: gaj }, evidence: { summary: '同一线索两次' }, notify: { kind: 'test', title: 't', body: 'b' } };
    const r = await db.fork().transactional((tx) => recordFindings(tx, [finding, finding], { job: 'door-test' }, now));
    expect(r.violationsCreated).toBe(1);
    expect(r.findings[0]).toEqual(r.findings[1]);
    await expectThroughTheDoor({ kind: 'door_test', id: 'twice', type: 9 }, 'system:door-test');
    await expect(db.fork().transactional((tx) => recordFindings(tx, [{ source: { kind: 'x', id: '1' }, evidence: { summary: 'x' } }], { job: 'door-test' }, now))).rejects.toThrow(/either a violation or a service-record entry/);
  });
});
