import type { EntityManager } from '@mikro-orm/knex';
import { DEADLINE_KINDS, type DeadlineKind, type DeadlineState, type ViolationStatus, type ViolationType } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { CalendarHolder, Deadline, Department, type IDepartment, Violation } from '@govdata/core';
import { ShareRequest, ShareRequestStep } from '@govdata/sharing';
import { seedDemo } from '@govdata/demo';
import { CatalogEntry } from '@govdata/catalog';
import { Correction } from '@govdata/lifecycle';
import { createTestEntry } from '@govdata/catalog/testing';

/** The `now` of the assessment fixture: late in 2026, so 2025 is a closed year and 2026 a running one. */
export const ASSESSMENT_NOW = new Date('2026-11-20T10:00:00+08:00');

export interface AssessmentFixture {
  now: Date;
  bureauId: number;
  /** a department registered with nothing at all: every fact 0 (or null where the source does not exist) */
  emptyDepartmentId: number;
  /** the department the edge-case rows were added to */
  edgeDepartmentId: number;
}

/**
 * The demo database (organisation, catalog, sharing, notices) plus edge-case rows the demo does not make:
 * deadlines due at 2025-12-31 23:59:59.999 and 2026-01-01 00:00 Asia/Shanghai, open rows past due and not yet due,
 * cancelled rows, rows of the bureau, violations detected on both sides of the new year and not counted statuses,
 * catalog entries with incomplete metadata, retired, retiring, published after the end of 2025 and updated after
 * it, a rejection without a stated basis, and a department with nothing.
 */
export async function seedAssessmentFixture(em: EntityManager, now: Date = ASSESSMENT_NOW): Promise<AssessmentFixture> {
  await seedDemo(em, { now, calendar: new CalendarHolder() });
  em.clear();
  const bureau = await em.findOneOrFail(Department, { isBureau: true });
  const departments = await em.find(Department, { isBureau: false }, { orderBy: { id: 'asc' } });
  const edge = departments[1] as IDepartment;
  const empty = em.create(Department, {
    code: '11140600MB0000000X',
    name: '朔州市考核测试空白部门',
    shortName: null,
    kind: departments[0]?.kind ?? 'department',
    regionCode: departments[0]?.regionCode ?? '140600',
    parent: null,
    isBureau: false,
    responsiblePerson: null,
    contactPerson: null,
    contactPhone: null,
    contactEmail: null,
    filedAt: null,
    sortOrder: 999,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();

  // ── deadlines at the year's edges ──
  let subjectSequence = 1;
  const at = (iso: string) => new Date(iso);
  const deadline = (kind: DeadlineKind, departmentId: number | null, dueAt: Date, state: DeadlineState, completedAt: Date | null = null) =>
    em.create(Deadline, {
      kind,
      subjectType: `test_${kind}`,
      subjectId: 900_000 + subjectSequence++,
      department: departmentId,
      responsible: DEADLINE_KINDS[kind].responsible,
      startedAt: new Date(dueAt.getTime() - 10 * 86_400_000),
      dueAt,
      dueDate: shanghaiDate(dueAt),
      periodN: 5,
      periodUnit: 'working',
      provisional: false,
      state,
      completedAt,
      overdueAt: state === 'overdue' ? dueAt : null,
      createdAt: new Date(dueAt.getTime() - 10 * 86_400_000),
    });
  const lastInstant2025 = at('2025-12-31T23:59:59.999+08:00');
  const first2026 = at('2026-01-01T00:00:00+08:00');
  for (const kind of ['provider_reply', 'catalog_update', 'notice_rectification'] as const) {
    deadline(kind, edge.id, lastInstant2025, 'met', at('2025-12-30T10:00:00+08:00'));
    deadline(kind, edge.id, lastInstant2025, 'open'); // open, past due: counts as overdue
    deadline(kind, edge.id, first2026, 'missed', at('2026-01-05T10:00:00+08:00'));
    deadline(kind, edge.id, first2026, 'cancelled');
    deadline(kind, edge.id, at('2026-11-25T23:59:59.999+08:00'), 'open'); // still running at now: left out
    deadline(kind, edge.id, at('2026-11-19T23:59:59.999+08:00'), 'open'); // past due, not yet swept
    deadline(kind, edge.id, at('2026-03-10T23:59:59.999+08:00'), 'overdue');
    deadline(kind, bureau.id, at('2026-03-10T23:59:59.999+08:00'), 'missed', at('2026-03-20T10:00:00+08:00')); // the bureau: not assessed
  }
  deadline('compliance_review', null, at('2026-02-10T23:59:59.999+08:00'), 'missed', at('2026-02-12T10:00:00+08:00'));
  // a correction-feedback clock (第十七条): counted like every department clock
  deadline('correction_feedback', edge.id, at('2026-04-10T23:59:59.999+08:00'), 'met', at('2026-04-09T10:00:00+08:00'));
  // confirmed data errors at the year's edges: counted in the year the report was received
  const edgeEntry = await em.findOne(CatalogEntry, { provider: edge.id }, { orderBy: { id: 'asc' } });
  const reporter = departments[2] as IDepartment;
  if (edgeEntry) {
    for (const [receivedAt, confirmed] of [
      [at('2025-12-31T23:59:59.000+08:00'), true],
      [first2026, true],
      [at('2026-05-01T10:00:00+08:00'), false],
    ] as const) {
      em.create(Correction, {
        entry: edgeEntry.id,
        provider: edge.id,
        reporter: reporter.id,
        reportedBy: null,
        reportedByName: '考核测试',
        channel: 'console',
        itemIds: [],
        description: '考核测试纠错',
        status: 'answered',
        receivedAt,
        dueAt: new Date(receivedAt.getTime() + 7 * 86_400_000),
        dueDate: shanghaiDate(new Date(receivedAt.getTime() + 7 * 86_400_000)),
        decision: confirmed ? 'corrected' : 'not_an_error',
        answeredAt: new Date(receivedAt.getTime() + 86_400_000),
        answeredOnTime: true,
        errorConfirmed: confirmed,
      });
    }
  }

  // ── violations on both sides of the new year, and statuses that do not count ──
  const violation = (type: ViolationType, departmentId: number, detectedAt: Date, status: ViolationStatus) =>
    em.create(Violation, {
      type,
      department: departmentId,
      sourceKind: 'assessment_fixture',
      sourceId: `${departmentId}:${detectedAt.getTime()}:${status}:${type}`,
      detectedAt,
      evidence: { summary: '考核测试数据', dueAt: null, completedAt: null, observedAt: detectedAt.toISOString(), workingDaysLate: 0, article: '第三十三条' } as never,
      status,
      manual: true,
      createdBy: null,
      decidedBy: null,
      decidedAt: null,
      dismissReason: null,
      noticeId: null,
    });
  violation(2, edge.id, at('2025-12-31T23:59:59.000+08:00'), 'confirmed');
  violation(5, edge.id, at('2026-01-01T00:00:00+08:00'), 'noticed');
  violation(5, edge.id, at('2026-06-01T09:00:00+08:00'), 'closed');
  violation(1, edge.id, at('2026-06-02T09:00:00+08:00'), 'candidate');
  violation(3, edge.id, at('2026-06-03T09:00:00+08:00'), 'dismissed');
  violation(4, bureau.id, at('2026-06-04T09:00:00+08:00'), 'confirmed');
  await em.flush();

  // ── catalog entries: incomplete, retired, retiring, published after 2025, updated after 2025 ──
  const in2025 = at('2025-03-03T09:00:00+08:00');
  await createTestEntry(em, { providerId: edge.id, name: '考核测试无信息项资源', items: [], now: in2025 });
  const noConditions = await createTestEntry(em, { providerId: edge.id, name: '考核测试无使用要求资源', shareType: 'conditional', shareConditions: '', now: in2025 });
  noConditions.entry.shareConditions = '  ';
  const noBasis = await createTestEntry(em, { providerId: edge.id, name: '考核测试无采集依据资源', shareType: 'none', now: in2025 });
  noBasis.entry.collectionBasis = ' ';
  noBasis.entry.openType = 'on_application';
  const removedItems = await createTestEntry(em, { providerId: edge.id, name: '考核测试信息项已删除资源', items: ['甲'], now: in2025 });
  for (const item of removedItems.items) item.removedAt = at('2025-05-01T09:00:00+08:00');
  await createTestEntry(em, { providerId: edge.id, name: '考核测试已下线资源', status: 'retired', now: in2025 });
  const retiring = await createTestEntry(em, { providerId: edge.id, name: '考核测试下线过渡资源', status: 'retiring', now: in2025 });
  retiring.entry.updateCycle = 'monthly';
  retiring.entry.dataUpdatedAt = '2025-01-15';
  retiring.entry.openType = 'open';
  await createTestEntry(em, { providerId: edge.id, name: '考核测试草稿资源', status: 'draft', now: in2025 });
  const late = await createTestEntry(em, { providerId: edge.id, name: '考核测试 2026 年发布资源', now: at('2026-02-02T09:00:00+08:00') });
  late.entry.dataUpdatedAt = '2026-11-19';
  const updatedLater = await createTestEntry(em, { providerId: edge.id, name: '考核测试 2025 年后更新资源', now: in2025 });
  updatedLater.entry.updateCycle = 'annual';
  updatedLater.entry.dataUpdatedAt = '2026-10-01';
  const neverUpdated = await createTestEntry(em, { providerId: edge.id, name: '考核测试发布后未更新资源', now: at('2025-12-31T23:00:00+08:00') });
  neverUpdated.entry.updateCycle = 'weekly';
  neverUpdated.entry.dataUpdatedAt = null;
  const irregular = await createTestEntry(em, { providerId: edge.id, name: '考核测试不定期资源', now: in2025 });
  irregular.entry.updateCycle = 'irregular';
  await createTestEntry(em, { providerId: bureau.id, name: '考核测试政务信息管理局资源', now: in2025 });
  await em.flush();

  // ── a rejection without a stated basis, decided at the last instant of 2025 ──
  const request = await em.findOneOrFail(ShareRequest, { provider: edge.id }, { orderBy: { id: 'asc' } });
  em.create(ShareRequestStep, {
    request,
    seq: 90,
    kind: 'provider_reply',
    department: edge.id,
    startedAt: at('2025-12-24T09:00:00+08:00'),
    decidedAt: lastInstant2025,
    decision: 'reject',
    actor: null,
    actorName: '考核测试',
    onBehalfOf: null,
    reasonCategory: null,
    reason: null,
  });
  em.create(ShareRequestStep, {
    request,
    seq: 91,
    kind: 'provider_reply',
    department: edge.id,
    startedAt: at('2025-12-25T09:00:00+08:00'),
    decidedAt: first2026,
    decision: 'reject',
    actor: null,
    actorName: '考核测试',
    onBehalfOf: null,
    reasonCategory: 'other',
    reason: '依据有关规定不予提供',
  });
  await em.flush();
  em.clear();
  return { now, bureauId: bureau.id, emptyDepartmentId: empty.id, edgeDepartmentId: edge.id };
}
