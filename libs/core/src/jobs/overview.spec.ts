import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModule } from '../module';
import { JobRun } from '../entities/job-run.entity';
import { createTestDatabase, type TestDatabase } from '../testing';
import { jobsOverview } from './overview';
import { installJobs, JOBS, type JobDefinition } from './registry';

describe('the jobs overview (last run, last success, failures since)', () => {
  let db: TestDatabase;
  const installed = [...JOBS];
  const job = (name: string): JobDefinition => ({ name, title: `任务 ${name}`, schedule: { every: 60_000 }, run: async () => ({}) });
  beforeAll(async () => {
    db = await createTestDatabase({ entities: coreModule.entities });
    installJobs([job('sweep'), job('never-run'), job('never-succeeded'), job('recovered')]);
  });
  afterAll(async () => {
    installJobs(installed);
    await db?.drop();
  });

  it('gives each job its newest run and success by start time, and counts only the failures after that success', async () => {
    const em = db.fork();
    const run = (name: string, startedAt: string, status: 'running' | 'succeeded' | 'failed') =>
      em.create(JobRun, { name, trigger: 'schedule', runner: 'in-process', startedAt: new Date(startedAt), finishedAt: status === 'running' ? null : new Date(new Date(startedAt).getTime() + 1_000), status, summary: null, error: status === 'failed' ? '失败' : null });
    // sweep: a success, two failures, a success, one failure
    run('sweep', '2026-11-20T10:00:00+08:00', 'succeeded');
    run('sweep', '2026-11-20T10:05:00+08:00', 'failed');
    run('sweep', '2026-11-20T10:10:00+08:00', 'failed');
    run('sweep', '2026-11-20T10:15:00+08:00', 'succeeded');
    run('sweep', '2026-11-20T10:20:00+08:00', 'failed');
    // never-succeeded: every failure counts, and its newest run by start time was written first (the last run goes by
    // start, not by id); recovered: its last run is the success
    run('never-succeeded', '2026-11-20T09:10:00+08:00', 'running');
    run('never-succeeded', '2026-11-20T09:00:00+08:00', 'failed');
    run('never-succeeded', '2026-11-20T09:05:00+08:00', 'failed');
    run('recovered', '2026-11-20T08:00:00+08:00', 'failed');
    run('recovered', '2026-11-20T08:05:00+08:00', 'succeeded');
    // a job no longer installed does not show
    run('retired-job', '2026-11-20T08:00:00+08:00', 'failed');
    await em.flush();

    const overview = await jobsOverview(db.fork(), { kind: 'in-process', reachable: true, nextRuns: [{ name: 'sweep', nextRunAt: '2026-11-20T02:25:00.000Z' }] });
    const by = new Map(overview.jobs.map((j) => [j.name, j]));
    expect([...by.keys()]).toEqual(['sweep', 'never-run', 'never-succeeded', 'recovered']);
    expect(by.get('sweep')).toMatchObject({
      lastRun: { status: 'failed', startedAt: new Date('2026-11-20T10:20:00+08:00').toISOString() },
      lastSucceededAt: new Date('2026-11-20T10:15:01+08:00').toISOString(),
      failuresSinceSuccess: 1,
      nextRunAt: '2026-11-20T02:25:00.000Z',
      scheduleMissing: false,
    });
    expect(by.get('never-run')).toMatchObject({ lastRun: null, lastSucceededAt: null, failuresSinceSuccess: 0, nextRunAt: null });
    expect(by.get('never-succeeded')).toMatchObject({ lastRun: { status: 'running', finishedAt: null, startedAt: new Date('2026-11-20T09:10:00+08:00').toISOString() }, lastSucceededAt: null, failuresSinceSuccess: 2 });
    expect(by.get('recovered')).toMatchObject({ lastRun: { status: 'succeeded' }, lastSucceededAt: new Date('2026-11-20T08:05:01+08:00').toISOString(), failuresSinceSuccess: 0 });
  });
});
