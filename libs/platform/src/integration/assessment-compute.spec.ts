import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, PinnedClock, RuleViolationError, ValidationError, type Actor } from '@govdata/domain';
import { actorOf, CalendarHolder, User } from '@govdata/core';
import { AssessmentComputation, AssessmentResult, AssessmentRevision, computeYear, failInterruptedComputations, getResults, publishRevision, saveScheme, schemeOfYear, STALE_COMPUTATION_MS, startComputation } from '@govdata/assessment';
import { seedDemo } from '@govdata/demo';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

const NOW = '2026-03-02T10:00:00+08:00';

describe('assessment computation and publication (services)', () => {
  let db: TestDatabase;
  let clock: PinnedClock;
  let bureau: Actor;
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    clock = new PinnedClock(NOW);
    const calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: clock.now(), calendar, until: 'sharing' });
    bureau = actorOf(await db.fork().findOneOrFail(User, { username: 'bureau' }, { populate: ['department'] }));
  }, 120_000);
  afterAll(() => db.drop());

  const deps = (seen: string[] = []) => ({ fork: () => db.fork(), clock, onProgress: (s: { phase: string; done: number; total: number }) => void seen.push(`${s.phase}:${s.done}/${s.total}`) });

  it('goes through facts → scoring → saving → done, counting departments in each phase', async () => {
    const seen: string[] = [];
    const result = await computeYear(deps(seen), bureau, 2025);
    expect(result.phase).toBe('done');
    const phases = [...new Set(seen.map((s) => s.split(':')[0]))];
    expect(phases).toEqual(['facts', 'scoring', 'saving', 'done']);
    const n = result.total;
    expect(seen).toContain(`scoring:${n}/${n}`);
    expect(seen).toContain(`saving:${n}/${n}`);
    expect(seen.at(-1)).toBe(`done:${n}/${n}`);
    const row = await db.fork().findOneOrFail(AssessmentComputation, { id: result.id });
    expect(row).toMatchObject({ phase: 'done', activeYear: null, revision: 1, done: n, total: n });
    // every department's facts are kept with its result (the points stay explainable)
    const results = await db.fork().find(AssessmentResult, {});
    expect(results).toHaveLength(n);
    for (const r of results) expect(r.facts).toMatchObject({ departmentId: r.department.id, year: 2025, asOf: '2025-12-31' });
  });

  it('keeps a published revision as it was: the service refuses, and the database refuses too', async () => {
    const em = db.fork();
    await em.transactional((tx) => publishRevision(tx, bureau, 2025, 1, clock.now()));
    const before = await getResults(db.fork(), bureau, 2025, 1);
    await expect(db.fork().transactional((tx) => publishRevision(tx, bureau, 2025, 1, clock.now()))).rejects.toBeInstanceOf(ConflictError);
    const { scheme } = await schemeOfYear(db.fork(), 2025);
    await expect(db.fork().transactional((tx) => saveScheme(tx, bureau, 2025, scheme, clock.now()))).rejects.toBeInstanceOf(ConflictError);
    await expect(db.fork().transactional((tx) => startComputation(tx, bureau, 2025, {}, clock.now()))).rejects.toBeInstanceOf(ValidationError);

    const again = await computeYear(deps(), bureau, 2025, { reason: '更正一笔答复记录后重新计算' });
    expect(again.revision).toBe(2);
    expect(await getResults(db.fork(), bureau, 2025, 1)).toEqual(before);
    const revision = await db.fork().findOneOrFail(AssessmentRevision, { year: 2025, number: 1 });
    await expect(db.fork().nativeUpdate(AssessmentResult, { revision: revision.id }, { rank: 1 })).rejects.toThrow();
    await expect(db.fork().nativeUpdate(AssessmentRevision, { id: revision.id }, { scheme: { ...scheme, name: '改过的方案' } })).rejects.toThrow();
    expect(await getResults(db.fork(), bureau, 2025, 1)).toEqual(before);
  });

  it('refuses a scheme that does not validate, listing its problems', async () => {
    const { scheme } = await schemeOfYear(db.fork(), 2026);
    await db.fork().transactional((tx) => saveScheme(tx, bureau, 2026, { ...scheme, indicators: scheme.indicators.slice(1) }, clock.now()));
    const refused = db.fork().transactional((tx) => startComputation(tx, bureau, 2026, {}, clock.now()));
    await expect(refused).rejects.toBeInstanceOf(RuleViolationError);
    await expect(refused).rejects.toThrow(/100/);
    expect(await db.fork().count(AssessmentComputation, { year: 2026 })).toBe(0);
  });

  it('allows one computation per year at a time, and frees a year whose computation was cut off', async () => {
    const em = db.fork();
    const now = clock.now();
    em.create(AssessmentComputation, { year: 2024, activeYear: 2024, phase: 'facts', done: 0, total: 0, reason: null, startedAt: now, heartbeatAt: now, finishedAt: null, startedBy: null, revision: null, error: null });
    await em.flush();
    await expect(db.fork().transactional((tx) => startComputation(tx, bureau, 2024, {}, now))).rejects.toBeInstanceOf(ConflictError);
    // the unique active_year decides even if two start at once
    const dup = db.fork();
    dup.create(AssessmentComputation, { year: 2024, activeYear: 2024, phase: 'queued', done: 0, total: 0, reason: null, startedAt: now, heartbeatAt: now, finishedAt: null, startedBy: null, revision: null, error: null });
    await expect(dup.flush()).rejects.toThrow();
    // no progress for longer than the limit: taken as dead, and a new one may start
    const later = new Date(now.getTime() + STALE_COMPUTATION_MS + 1000);
    const next = await db.fork().transactional((tx) => startComputation(tx, bureau, 2024, {}, later));
    expect(next.activeYear).toBe(2024);
    expect(await db.fork().count(AssessmentComputation, { year: 2024, phase: 'failed', error: { $like: '%中断%' } })).toBe(1);
    // a restart of the single-process deployment frees it too
    expect(await failInterruptedComputations(db.fork(), later)).toBe(1);
    expect(await db.fork().count(AssessmentComputation, { activeYear: { $ne: null } })).toBe(0);
  });
});
