import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreAll, suspensionList } from '@govdata/analytics';
import { AssessmentResult, AssessmentRevision, computeYear, loadAssessmentFacts, schemeOfYear } from '@govdata/assessment';
import { actorOf, Department, sqlAll, User } from '@govdata/core';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { ASSESSMENT_NOW, seedAssessmentFixture } from '../testing/assessment-fixtures';

/**
 * Issue 19, finding 4: computeYear saves a revision's results as bound multi-row INSERTs instead of one ORM entity
 * each. What it stores must be what the ORM stored: the same computation written the previous way (`em.create`
 * per result, flushed 50 at a time) into a second revision gives the same rows, column for column as the database
 * holds them (JSON text on SQLite, jsonb on PostgreSQL, booleans, nulls, doubles), in the same id order. Enough
 * departments for several INSERTs; the demo's published 2025 fills the previous totals and changes of its departments.
 */
describe('saving an assessment revision by multi-row INSERT', () => {
  let db: TestDatabase;
  const clock = { now: () => ASSESSMENT_NOW, pinned: true };
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedAssessmentFixture(db.fork());
    // 600 more departments with nothing: more results than one INSERT takes, each listed under 第三十二条
    const em = db.fork();
    for (let i = 0; i < 600; i++) {
      em.create(Department, {
        code: `11140600MC${String(i).padStart(7, '0')}X`,
        name: `朔州市考核批量测试部门${i}`,
        shortName: null,
        kind: 'government_department',
        regionCode: '140600',
        parent: null,
        isBureau: false,
        responsiblePerson: null,
        contactPerson: null,
        contactPhone: null,
        contactEmail: null,
        filedAt: null,
        sortOrder: 1000 + i,
        createdAt: ASSESSMENT_NOW,
        updatedAt: ASSESSMENT_NOW,
      });
    }
    await em.flush();
  }, 180_000);
  afterAll(() => db.drop());

  it('stores exactly what the ORM stored for the same computation', async () => {
    const bureau = actorOf(await db.fork().findOneOrFail(User, { username: 'bureau' }, { populate: ['department'] }));
    // the demo published 2025: the demo's departments have a previous total, the 600 added ones none
    expect(await db.fork().count(AssessmentRevision, { year: 2025, status: 'published' })).toBe(1);
    const seen: number[] = [];
    const done = await computeYear({ fork: () => db.fork(), clock, onProgress: (s) => s.phase === 'saving' && seen.push(s.done) }, bureau, 2026);
    expect(done.phase).toBe('done');
    const saved = await db.fork().findOneOrFail(AssessmentRevision, { year: 2026, number: done.revision ?? -1 });
    expect(saved.departmentCount).toBeGreaterThan(600);
    // progress after each INSERT, up to every department
    expect(seen.at(-1)).toBe(saved.departmentCount);
    expect(seen.length).toBeGreaterThan(3);

    // the previous way, on the same facts, scheme and previous totals: runComputation as it was
    const em = db.fork();
    const { scheme } = await schemeOfYear(em, 2026);
    const facts = await loadAssessmentFacts(db.fork(), { year: 2026, now: ASSESSMENT_NOW });
    const published2025 = await em.findOneOrFail(AssessmentRevision, { year: 2025, status: 'published' });
    const previousTotals = new Map((await em.find(AssessmentResult, { revision: published2025.id })).map((r) => [r.department.id, r.total]));
    const ranked = scoreAll(scheme, facts, previousTotals);
    const suspension = new Map(suspensionList(scheme, ranked, facts).map((s) => [s.departmentId, s.reasons]));
    const factsById = new Map(facts.map((f) => [f.departmentId, f]));
    const ormRevision = await em.transactional(async (tx) => {
      const revision = tx.create(AssessmentRevision, { year: 2026, number: 900, status: 'draft', publishedAt: null, publishedBy: null, reason: null, asOf: saved.asOf, computedAt: ASSESSMENT_NOW, computedBy: null, scheme, departmentCount: ranked.length });
      await tx.flush();
      for (let i = 0; i < ranked.length; i += 50) {
        for (const s of ranked.slice(i, i + 50)) {
          const reasons = suspension.get(s.departmentId) ?? [];
          const f = factsById.get(s.departmentId);
          if (!f) throw new Error(`facts of department ${s.departmentId} missing`);
          tx.create(AssessmentResult, {
            revision: revision.id,
            department: s.departmentId,
            total: s.total,
            grade: s.grade,
            rank: s.rank,
            previousTotal: s.previousTotal,
            change: s.change,
            measuredWeight: s.measuredWeight,
            indicators: s.indicators,
            categories: s.categories,
            facts: f,
            suspended: reasons.length > 0,
            suspensionReasons: reasons,
          });
        }
        await tx.flush();
        tx.clear();
      }
      return revision.id;
    });

    const stored = (revisionId: number) => sqlAll<Record<string, unknown>>(db.fork(), 'select * from assessment_results where revision_id = ? order by id', [revisionId]);
    const withoutKeys = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, revision_id: _revision, ...rest }) => rest);
    const bulk = await stored(saved.id);
    const orm = await stored(ormRevision);
    expect(bulk).toHaveLength(ranked.length);
    expect(withoutKeys(bulk)).toEqual(withoutKeys(orm));
    // the cases the comparison has to cover are there
    expect(bulk.some((r) => r.previous_total !== null) && bulk.some((r) => r.previous_total === null)).toBe(true);
    expect(bulk.some((r) => Boolean(r.suspended)) && bulk.some((r) => !r.suspended)).toBe(true);
    // ids in ranked order, one after another, as the ORM's batches gave them
    const ids = bulk.map((r) => Number(r.id));
    expect(ids).toEqual(ids.map((_, i) => (ids[0] ?? 0) + i));
    // and read back through the entity, the same results
    const hydrated = async (revisionId: number) =>
      (await db.fork().find(AssessmentResult, { revision: revisionId }, { orderBy: { id: 'asc' } })).map(({ id: _id, revision: _revision, ...rest }) => ({ ...rest, department: rest.department.id }));
    expect(await hydrated(saved.id)).toEqual(await hydrated(ormRevision));
  });
});
