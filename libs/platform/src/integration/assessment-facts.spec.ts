import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/knex';
import {
  COUNTED_VIOLATION_STATUSES,
  countViolationsByType,
  DEADLINE_FACTS,
  departmentYearFactsSchema,
  FACT_KEYS,
  type DepartmentYearFacts,
  type FactKey,
} from '@govdata/analytics';
import { freshnessOf } from '@govdata/domain';
import { endOfShanghaiDay, shanghaiDate } from '@govdata/workdays';
import { CalendarHolder, Deadline, Department, Violation } from '@govdata/core';
import { CatalogEntry, CatalogItem } from '@govdata/catalog';
import { ShareGrant, ShareRequestStep } from '@govdata/sharing';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { seedAssessmentFixture, type AssessmentFixture } from '../testing/assessment-fixtures';
import { loadAssessmentFacts } from '@govdata/assessment';
import { Correction } from '@govdata/lifecycle';
import { OpenDataset, OpenUsage } from '@govdata/opendata';
import { appendCalls, CallRecord, type CallInput } from '@govdata/gateway';

/**
 * The brute force: every row loaded with em.find and counted in JS, following FACT_SPECS (libs/analytics/facts.ts)
 * and the decisions of docs/assessment.md "SQL facts" literally — no helper shared with the SQL layer.
 */
async function bruteForceFacts(em: EntityManager, year: number, now: Date): Promise<DepartmentYearFacts[]> {
  const calendar = (await CalendarHolder.load(em)).lenient;
  const today = shanghaiDate(now);
  const asOf = today > `${year}-12-31` ? `${year}-12-31` : today;
  const yearStart = new Date(`${year}-01-01T00:00:00+08:00`).getTime();
  const yearEnd = new Date(`${year + 1}-01-01T00:00:00+08:00`).getTime();
  const cut = Math.min(now.getTime(), yearEnd);
  const freshAt = new Date(Math.min(now.getTime(), endOfShanghaiDay(asOf).getTime()));
  const inYear = (t: Date) => t.getTime() >= yearStart && t.getTime() < yearEnd;

  const departments = await em.find(Department, { isBureau: false }, { orderBy: { id: 'asc' } });
  const entries = await em.find(CatalogEntry, {});
  const liveItems = await em.find(CatalogItem, { removedAt: null });
  const deadlines = await em.find(Deadline, {});
  const steps = await em.find(ShareRequestStep, {});
  const grants = await em.find(ShareGrant, {});
  const violations = await em.find(Violation, {});
  const corrections = await em.find(Correction, {});
  const openDatasets = await em.find(OpenDataset, {}, { populate: ['entry'] });
  const usage = await em.find(OpenUsage, {});
  const okCalls = await em.find(CallRecord, { status: 'ok' }, { fields: ['entryId', 'departmentId', 'at', 'clientId'] });
  const openCalls = okCalls.filter((c) => c.clientId?.startsWith('open:'));
  const sharedCalls = okCalls.filter((c) => !c.clientId?.startsWith('open:'));
  const providerOf = new Map(entries.map((e) => [e.id, e.provider.id]));
  const itemCount = new Map<number, number>();
  for (const i of liveItems) itemCount.set(i.entry.id, (itemCount.get(i.entry.id) ?? 0) + 1);
  const coordinated = new Set(grants.filter((g) => g.source === 'coordination' && g.request).map((g) => g.request?.id));
  const filled = (v: string | null | undefined) => v !== null && v !== undefined && v.trim() !== '';

  return departments.map((d) => {
    const v = Object.fromEntries(FACT_KEYS.map((k) => [k, 0])) as Record<FactKey, number | null>;
    const inc = (k: FactKey) => (v[k] = (v[k] ?? 0) + 1);

    for (const e of entries) {
      if (e.provider.id !== d.id) continue;
      if (e.status === 'retired' || e.createdAt.getTime() >= cut) continue;
      inc('catalogEntries');
      const published = (e.status === 'published' || e.status === 'retiring') && e.publishedAt !== null && e.publishedAt !== undefined && e.publishedAt.getTime() < cut;
      if (!published || !e.publishedAt) continue;
      inc('catalogEntriesPublished');
      const usage = e.shareType === 'unconditional' || (e.shareType === 'conditional' && filled(e.shareConditions)) || (e.shareType === 'none' && filled(e.noShareBasis));
      const complete =
        filled(e.classCode) && filled(e.format) && (itemCount.get(e.id) ?? 0) > 0 && filled(e.updateCycle) && filled(e.shareType) && filled(e.shareMethod) && usage && filled(e.securityGrade) && filled(e.collectionBasis);
      if (complete) inc('catalogEntriesMetadataComplete');
      if (e.shareType === 'unconditional') inc('entriesShareUnconditional');
      if (e.shareType === 'conditional') inc('entriesShareConditional');
      if (e.openType === 'open') inc('entriesOpenUnconditional');
      if (e.openType === 'on_application') inc('entriesOpenOnApplication');
      if (e.updateCycle !== 'irregular') {
        inc('entriesWithCycle');
        const last = e.dataUpdatedAt ? new Date(`${e.dataUpdatedAt > asOf ? asOf : e.dataUpdatedAt}T00:00:00+08:00`) : null;
        if (freshnessOf(calendar, { cycle: e.updateCycle, lastDataUpdateAt: last, publishedAt: e.publishedAt }, freshAt).status === 'fresh') inc('entriesWithinCycle');
      }
    }

    for (const x of deadlines) {
      if (x.department?.id !== d.id) continue;
      const pastDue = x.state === 'overdue' || (x.state === 'open' && x.dueAt.getTime() < now.getTime());
      if (x.kind === 'provider_reply' && pastDue) inc('providerRepliesUnanswered');
      const pair = (DEADLINE_FACTS as Record<string, { due: FactKey; met: FactKey }>)[x.kind];
      if (!pair || v[pair.due] === null || x.dueDate.slice(0, 4) !== String(year)) continue;
      if (x.state === 'met' || x.state === 'missed' || pastDue) inc(pair.due);
      if (x.state === 'met') inc(pair.met);
    }

    for (const c of corrections) if (c.provider.id === d.id && c.errorConfirmed && inYear(c.receivedAt)) inc('confirmedDataErrors');

    // 开放数据利用率: open at some time in [year start, cut); downloaded by the statistics day or called before the cut
    for (const o of openDatasets) {
      if (o.entry.getEntity().provider.id !== d.id || o.publishedAt.getTime() >= cut || (o.withdrawnAt && o.withdrawnAt.getTime() < yearStart)) continue;
      inc('openDatasets');
      const downloaded = usage.some((u) => u.datasetId === o.id && u.day >= `${year}-01-01` && u.day <= asOf && u.downloads > 0);
      const called = openCalls.some((c) => c.entryId === o.entry.id && c.at.getTime() >= yearStart && c.at.getTime() < cut);
      if (downloaded || called) inc('openDatasetsUsed');
    }

    // 共享数据调用量: answered gateway calls on the department's entries in [year start, cut), the open interface's left out
    for (const c of sharedCalls) if (c.entryId !== null && c.entryId !== undefined && providerOf.get(c.entryId) === d.id && c.at.getTime() >= yearStart && c.at.getTime() < cut) inc('sharedCallsServed');
    for (const c of sharedCalls) if (c.departmentId === d.id && c.at.getTime() >= yearStart && c.at.getTime() < cut) inc('sharedCallsMade');

    const rejected = new Map<number, boolean>();
    for (const s of steps) {
      if (s.kind !== 'provider_reply' || s.decision !== 'reject' || s.department?.id !== d.id || !s.decidedAt || !inYear(s.decidedAt)) continue;
      const noBasis = s.reasonCategory === null || s.reasonCategory === undefined || !filled(s.reason) || coordinated.has(s.request.id);
      rejected.set(s.request.id, (rejected.get(s.request.id) ?? false) || noBasis);
    }
    v.shareRejections = rejected.size;
    v.shareRejectionsWithoutBasis = [...rejected.values()].filter(Boolean).length;

    const records = violations.map((x) => ({ id: x.id, departmentId: x.department.id, type: x.type, status: x.status, noticeId: x.noticeId ?? null, detectedAt: x.detectedAt }));
    return { departmentId: d.id, year, asOf, values: v, violationsByType: countViolationsByType(records, d.id, year) };
  });
}

describe('assessment facts in SQL', () => {
  let db: TestDatabase;
  let fx: AssessmentFixture;

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    fx = await seedAssessmentFixture(db.fork());
    // gateway calls in 2026 before the fixture's now: two answered (counted), one refused and one of the open interface (not)
    const em = db.fork();
    const entry = await em.findOneOrFail(CatalogEntry, { status: 'published' }, { orderBy: { id: 'asc' } });
    const call = (at: string, status: 'ok' | 'forbidden', clientId: string | null): CallInput => ({
      at: new Date(at), systemId: null, clientId, departmentId: null, entryId: entry.id, grantId: null, datasetVersion: null,
      queryFields: [], queryHash: null, fieldsReturned: [], rowCount: 1, status, httpStatus: status === 'ok' ? 200 : 403, latencyMs: 3, responseHash: null,
    });
    await appendCalls(em, [call('2026-03-01T10:00:00+08:00', 'ok', 'gw-bench'), call('2026-03-02T10:00:00+08:00', 'ok', 'gw-bench'), call('2026-03-03T10:00:00+08:00', 'forbidden', 'gw-bench'), call('2026-03-04T10:00:00+08:00', 'ok', 'open:abcd')]);
  }, 180_000);
  afterAll(() => db.drop());

  it.each([2025, 2026])('equal a brute-force count over every row, exactly (%i)', async (year) => {
    const sql = await loadAssessmentFacts(db.fork(), { year, now: fx.now });
    const brute = await bruteForceFacts(db.fork(), year, fx.now);
    expect(sql).toEqual(brute);
    // the seeded data is not trivial: most facts are non-zero somewhere
    for (const k of ['catalogEntriesPublished', 'providerRepliesDue', 'providerRepliesMet', 'shareRejections', 'entriesWithinCycle', 'catalogUpdatesDue', 'noticeRectificationsDue', 'confirmedDataErrors', ...(year === 2026 ? (['correctionsDue', 'openDatasets', 'openDatasetsUsed', 'sharedCallsServed', 'sharedCallsMade'] as const) : [])] as const) {
      expect(sql.some((f) => (f.values[k] ?? 0) > 0), k).toBe(true);
    }
  });

  it('pass the facts schema (no part above its whole, asOf in the year)', async () => {
    for (const year of [2025, 2026]) {
      for (const f of await loadAssessmentFacts(db.fork(), { year, now: fx.now })) expect(() => departmentYearFactsSchema.parse(f)).not.toThrow();
    }
  });

  it('list every department but the bureau, in id order, including one with nothing', async () => {
    const em = db.fork();
    const facts = await loadAssessmentFacts(em, { year: 2026, now: fx.now });
    const ids = facts.map((f) => f.departmentId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).not.toContain(fx.bureauId);
    expect(ids).toHaveLength(await em.count(Department, { isBureau: false }));
    const empty = facts.find((f) => f.departmentId === fx.emptyDepartmentId);
    expect(empty?.asOf).toBe('2026-11-20');
    // every fact has its source (依申请开放 too): a department without records has zeros, never null
    for (const k of FACT_KEYS) expect(empty?.values[k], k).toBe(0);
    expect(Object.values(empty?.violationsByType ?? {})).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('count a deadline due at 23:59:59.999 on 12-31 in its year and one due at 00:00 on 01-01 in the next', async () => {
    // the edge department's rows are known; compare against the same facts with the fixture's rows taken away
    const em = db.fork();
    const edge2025 = (await loadAssessmentFacts(em, { year: 2025, now: fx.now })).find((f) => f.departmentId === fx.edgeDepartmentId);
    const edge2026 = (await loadAssessmentFacts(em, { year: 2026, now: fx.now })).find((f) => f.departmentId === fx.edgeDepartmentId);
    const fixtureRows = await em.find(Deadline, { department: fx.edgeDepartmentId, subjectType: { $like: 'test_%' } });
    const rows2025 = fixtureRows.filter((d) => d.dueDate.startsWith('2025') && d.kind === 'provider_reply');
    expect(rows2025.map((d) => d.dueDate)).toEqual(['2025-12-31', '2025-12-31']);
    await em.nativeDelete(Deadline, { id: { $in: fixtureRows.map((d) => d.id) } });
    try {
      const base2025 = (await loadAssessmentFacts(db.fork(), { year: 2025, now: fx.now })).find((f) => f.departmentId === fx.edgeDepartmentId);
      const base2026 = (await loadAssessmentFacts(db.fork(), { year: 2026, now: fx.now })).find((f) => f.departmentId === fx.edgeDepartmentId);
      for (const [due, met] of [['providerRepliesDue', 'providerRepliesMet'], ['catalogUpdatesDue', 'catalogUpdatesMet'], ['noticeRectificationsDue', 'noticeRectificationsMet']] as const) {
        // 2025: met on 12-31 + open past due on 12-31
        expect((edge2025?.values[due] ?? 0) - (base2025?.values[due] ?? 0), due).toBe(2);
        expect((edge2025?.values[met] ?? 0) - (base2025?.values[met] ?? 0), met).toBe(1);
        // 2026: missed on 01-01 + open past due 11-19 + overdue 03-10; cancelled and still running left out
        expect((edge2026?.values[due] ?? 0) - (base2026?.values[due] ?? 0), due).toBe(3);
        expect((edge2026?.values[met] ?? 0) - (base2026?.values[met] ?? 0), met).toBe(0);
      }
      // unanswered replies, whatever the year: open 2025-12-31, open 11-19, overdue 03-10
      expect((edge2026?.values.providerRepliesUnanswered ?? 0) - (base2026?.values.providerRepliesUnanswered ?? 0)).toBe(3);
    } finally {
      // put them back for the other tests (same content, new ids)
      const back = db.fork();
      for (const d of fixtureRows) back.create(Deadline, { ...d, id: undefined } as never);
      await back.flush();
    }
  });

  it('count violations by their Asia/Shanghai detection year and counted status only', async () => {
    const facts2025 = (await loadAssessmentFacts(db.fork(), { year: 2025, now: fx.now })).find((f) => f.departmentId === fx.edgeDepartmentId);
    const facts2026 = (await loadAssessmentFacts(db.fork(), { year: 2026, now: fx.now })).find((f) => f.departmentId === fx.edgeDepartmentId);
    const em = db.fork();
    const demo = await em.find(Violation, { department: fx.edgeDepartmentId, sourceKind: { $ne: 'assessment_fixture' }, status: { $in: [...COUNTED_VIOLATION_STATUSES] } });
    const demoOf = (year: number, type: number) => demo.filter((x) => x.type === type && shanghaiDate(x.detectedAt).startsWith(String(year))).length;
    expect(facts2025?.violationsByType?.[2]).toBe(1 + demoOf(2025, 2)); // 12-31 23:59:59 Shanghai
    expect(facts2026?.violationsByType?.[5]).toBe(2 + demoOf(2026, 5)); // 01-01 00:00 Shanghai, and a closed one
    expect(facts2026?.violationsByType?.[1]).toBe(demoOf(2026, 1)); // the candidate does not count
    expect(facts2026?.violationsByType?.[3]).toBe(demoOf(2026, 3)); // nor the dismissed one
  });

  it('report progress through its steps', async () => {
    const seen: string[] = [];
    await loadAssessmentFacts(db.fork(), { year: 2026, now: fx.now, onProgress: (done, total, label) => seen.push(`${done}/${total} ${label}`) });
    expect(seen).toHaveLength(6);
    expect(seen.at(-1)).toMatch(/^6\/6 /);
  });
});
