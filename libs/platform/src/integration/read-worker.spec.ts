import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillDown } from '@govdata/analytics';
import { assessmentFactsRead, computeYear, dashboardRead, drillRecordsRead } from '@govdata/assessment';
import { actorOf, useReadRunner, User, type ReadTask } from '@govdata/core';
import { type Actor } from '@govdata/domain';
import { callRecordStatsRead } from '@govdata/gateway';
import { openAnnualReportRead, openUsageStatsRead } from '@govdata/opendata';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { ASSESSMENT_NOW, seedAssessmentFixture, type AssessmentFixture } from '../testing/assessment-fixtures';
import { READ_TASKS } from '../workers/read-tasks';
import { workerReadRunner, type WorkerReadRunner } from '../workers/reader';

/**
 * Issue 19, finding 5: on SQLite the API runs its heavy reads — an assessment's facts and drill-downs, the dashboard,
 * the open-data usage statistics and annual report, the call statistics — as named read tasks in worker threads
 * with connections of their own (the synchronous driver would stop every request meanwhile). Each task's answer
 * through a thread is its answer on the API's connection, the event loop keeps turning while a thread reads, a
 * thread's error comes back as the read's, idle threads end, small databases are read at once, and a computation
 * reading through the threads saves the same results. On PostgreSQL there is no thread.
 */
describe('heavy reads in worker threads', () => {
  let db: TestDatabase;
  let fixture: AssessmentFixture;
  let bureau: Actor;
  let runner: WorkerReadRunner | null = null;
  const now = ASSESSMENT_NOW;
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    fixture = await seedAssessmentFixture(db.fork());
    bureau = actorOf(await db.fork().findOneOrFail(User, { username: 'bureau' }, { populate: ['department'] }));
  }, 180_000);
  afterAll(async () => {
    useReadRunner(null);
    await runner?.close();
    await db.drop();
  });

  const drill = (drillDown: DrillDown, departmentId = fixture.edgeDepartmentId) => ({ year: 2026, now, asOf: '2026-11-20', departmentId, drillDown, page: 1, pageSize: 20 });
  /** each registered task with arguments a page of the console would send */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tasks of any argument and result types
  const cases = (): [string, ReadTask<any, any>, unknown][] => [
    ['facts', assessmentFactsRead, { year: 2026, now }],
    ['drill: late replies', drillRecordsRead, drill({ kind: 'deadline', deadlineKind: 'provider_reply', states: ['missed', 'overdue'] })],
    ['drill: replies due', drillRecordsRead, drill({ kind: 'deadline', deadlineKind: 'provider_reply', states: ['met', 'missed', 'overdue'] })],
    ['drill: unanswered', drillRecordsRead, drill({ kind: 'share_request', filter: 'unanswered' })],
    ['drill: stale entries', drillRecordsRead, drill({ kind: 'catalog_entry', filter: 'stale' })],
    ['drill: calls served', drillRecordsRead, drill({ kind: 'call_record', filter: 'served' })],
    ['dashboard', dashboardRead, { year: 2026, now }],
    ['open usage by day', openUsageStatsRead, { scope: { from: '2025-11-21', to: '2026-11-20' }, groupBy: 'day' }],
    ['open usage by dataset', openUsageStatsRead, { scope: { from: '2025-11-21', to: '2026-11-20' }, groupBy: 'dataset' }],
    ['open annual report', openAnnualReportRead, { year: 2026, now }],
    ['call statistics', callRecordStatsRead, { actor: bureau, query: {} }],
  ];

  it('registers every task once, by a name of its own', () => {
    const names = READ_TASKS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(cases().map(([, task]) => task.name).sort()).toEqual(expect.arrayContaining([...names].sort()));
  });

  it('answers every read as the API connection does, while the event loop keeps turning', async () => {
    runner = workerReadRunner(db.target, { minRequests: 0 });
    if (db.target.dialect === 'postgresql') {
      expect(runner).toBeNull();
      return;
    }
    expect(runner).not.toBeNull();
    const r = runner as WorkerReadRunner;

    // the first read starts a thread (tsx and the ORM load in it: seconds), in which this thread stays free
    const steps: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const facts = await r.run(db.fork(), assessmentFactsRead, { year: 2026, now }, (done) => steps.push(done));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
    expect(steps.length).toBeGreaterThan(1);
    expect(facts.length).toBeGreaterThan(1);

    for (const [name, task, args] of cases()) {
      const direct: unknown = await task.run(db.fork(), args);
      let turns = 0;
      let turning = true;
      const turn = () => {
        turns++;
        if (turning) setImmediate(turn);
      };
      setImmediate(turn);
      const viaThread: unknown = await r.run(db.fork(), task, args);
      turning = false;
      expect(viaThread, name).toEqual(direct);
      // the answer came from elsewhere: this thread went round its loop while it was read
      expect(turns, name).toBeGreaterThan(0);
    }
    // the fixture has something to show in each: the comparisons above are not of empty answers
    const dashboard = await r.run(db.fork(), dashboardRead, { year: 2026, now });
    expect(dashboard.kpis.requests).toBeGreaterThan(0);
    const calls = await r.run(db.fork(), callRecordStatsRead, { actor: bureau, query: {} });
    expect(calls.perDay.length).toBeGreaterThan(0);
    const usage = await r.run(db.fork(), openUsageStatsRead, { scope: { from: '2025-11-21', to: '2026-11-20' }, groupBy: 'dataset' });
    expect(usage.totals.views + usage.totals.downloads).toBeGreaterThan(0);
    const late = await r.run(db.fork(), drillRecordsRead, drill({ kind: 'deadline', deadlineKind: 'provider_reply', states: ['met', 'missed', 'overdue'] }));
    expect(late.total).toBeGreaterThan(0);
    expect(r.threads).toBeGreaterThanOrEqual(1);
    expect(r.threads).toBeLessThanOrEqual(2);
  }, 120_000);

  it("passes a thread's error back as the read's, and the thread serves the next read", async () => {
    if (db.target.dialect === 'postgresql' || !runner) return;
    // a grouping the schema would refuse: the statement names no column, and the database says so
    const bad = { scope: { from: '2026-01-01', to: '2026-01-31' }, groupBy: 'no_such_grouping' as 'day' };
    const direct = await openUsageStatsRead.run(db.fork(), bad).then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    expect(direct).not.toBe('resolved');
    await expect(runner.run(db.fork(), openUsageStatsRead, bad)).rejects.toThrow(direct);
    const dashboard = await runner.run(db.fork(), dashboardRead, { year: 2026, now });
    expect(dashboard.year).toBe(2026);
  });

  it('a thread whose database does not open answers with the error, then ends', async () => {
    if (db.target.dialect === 'postgresql') return;
    // a path under a file: the directory cannot be made, the database cannot be opened
    const broken = workerReadRunner({ ...db.target, location: '/etc/hostname/none.sqlite' }, { minRequests: 0 }) as WorkerReadRunner;
    try {
      await expect(broken.run(db.fork(), dashboardRead, { year: 2026, now })).rejects.toThrow();
      for (let i = 0; i < 50 && broken.threads > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(broken.threads).toBe(0);
    } finally {
      await broken.close();
    }
  }, 60_000);

  it('ends idle threads and starts one again for the next read; below the sizes it reads at once', async () => {
    if (db.target.dialect === 'postgresql') return;
    const idle = workerReadRunner(db.target, { minRequests: 0, idleMs: 100 }) as WorkerReadRunner;
    try {
      const first = await idle.run(db.fork(), dashboardRead, { year: 2026, now });
      expect(idle.threads).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(idle.threads).toBe(0);
      expect(await idle.run(db.fork(), dashboardRead, { year: 2026, now })).toEqual(first);
      expect(idle.threads).toBe(1);
    } finally {
      await idle.close();
    }
    expect(idle.threads).toBe(0);

    // the fixture is far below the default sizes: read at once, no thread started
    const small = workerReadRunner(db.target) as WorkerReadRunner;
    const facts = await small.run(db.fork(), assessmentFactsRead, { year: 2026, now });
    expect(facts).toEqual(await assessmentFactsRead.run(db.fork(), { year: 2026, now }));
    expect(small.threads).toBe(0);
  }, 60_000);

  it('a computation reading through the threads saves the results the direct read gives', async () => {
    if (db.target.dialect === 'postgresql' || !runner) return;
    const clock = { now: () => now, pinned: true };
    const results = async (revision: number | null) =>
      db.fork().getConnection().execute<{ department_id: number; total: number; rank: number; facts: string }[]>(
        `select r.department_id, r.total, r.rank, r.facts from assessment_results r join assessment_revisions v on v.id = r.revision_id where v.year = 2026 and v.number = ${Number(revision)} order by r.department_id`,
      );
    const direct = await computeYear({ fork: () => db.fork(), clock }, null, 2026);
    expect(direct.phase).toBe('done');
    const before = await results(direct.revision);
    expect(before.length).toBeGreaterThan(1);
    useReadRunner(runner);
    const viaThread = await computeYear({ fork: () => db.fork(), clock }, null, 2026, { reason: '经工作线程读取' });
    useReadRunner(null);
    expect(viaThread.phase).toBe('done');
    // the second computation replaced the draft in place: its results equal the first's
    expect(viaThread.revision).toBe(direct.revision);
    expect(await results(viaThread.revision)).toEqual(before);
  }, 60_000);
});
