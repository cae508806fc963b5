import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeYear, loadAssessmentFacts, useFactsReader } from '@govdata/assessment';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { ASSESSMENT_NOW, seedAssessmentFixture } from '../testing/assessment-fixtures';
import { workerFactsReader } from '../workers/facts';

/**
 * Issue 19, finding 5: on SQLite the API reads an assessment's facts in a worker thread with a connection of its own
 * (the synchronous driver would stop every request meanwhile). The worker's facts are the facts; a computation run
 * with the worker reader saves the same results; on PostgreSQL there is no worker.
 */
describe('assessment facts in a worker thread', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedAssessmentFixture(db.fork());
  });
  afterAll(async () => {
    useFactsReader(null);
    await db.drop();
  });

  it('reads the same facts as the API connection, reporting progress, while the event loop keeps turning', async () => {
    const reader = workerFactsReader(db.target, { minRequests: 0 });
    if (db.target.dialect === 'postgresql') {
      expect(reader).toBeNull();
      return;
    }
    expect(reader).not.toBeNull();
    const direct = await loadAssessmentFacts(db.fork(), { year: 2026, now: ASSESSMENT_NOW });
    const steps: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const inWorker = await reader!({ year: 2026, now: ASSESSMENT_NOW, onProgress: (done) => steps.push(done) }, db.fork());
    clearInterval(timer);
    expect(inWorker).toEqual(direct);
    expect(inWorker.length).toBeGreaterThan(1);
    expect(steps.length).toBeGreaterThan(1);
    // the worker starts, opens its own database and reads: tens of milliseconds in which this thread stays free
    expect(ticks).toBeGreaterThan(3);
  });

  it('below the threshold the facts are read at once, no thread started', async () => {
    if (db.target.dialect === 'postgresql') return;
    const reader = workerFactsReader(db.target);
    const t0 = performance.now();
    const facts = await reader!({ year: 2026, now: ASSESSMENT_NOW }, db.fork());
    expect(facts).toEqual(await loadAssessmentFacts(db.fork(), { year: 2026, now: ASSESSMENT_NOW }));
    // a thread takes seconds to start (tsx and the ORM load in it); the fixture's reads take milliseconds
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('a computation reading through the worker saves the results the direct read gives', async () => {
    if (db.target.dialect === 'postgresql') return;
    const clock = { now: () => ASSESSMENT_NOW, pinned: true };
    const direct = await computeYear({ fork: () => db.fork(), clock }, null, 2026);
    useFactsReader(workerFactsReader(db.target, { minRequests: 0 }));
    const viaWorker = await computeYear({ fork: () => db.fork(), clock }, null, 2026, { reason: '经工作线程读取' });
    useFactsReader(null);
    expect(direct.phase).toBe('done');
    expect(viaWorker.phase).toBe('done');
    const results = async (revision: number) =>
      (await db.fork().getConnection().execute<{ department_id: number; total: number; rank: number }[]>(`select r.department_id, r.total, r.rank from assessment_results r join assessment_revisions v on v.id = r.revision_id where v.year = 2026 and v.number = ${revision} order by r.department_id`));
    // the second computation replaced the draft in place: its results equal the first's
    expect(viaWorker.revision).toBe(direct.revision);
    expect((await results(viaWorker.revision!)).length).toBeGreaterThan(1);
  });
});
