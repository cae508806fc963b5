import { coreModule } from '../module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarHolder } from '../calendar/calendar';
import { JobRun } from '../entities/job-run.entity';
import { createTestDatabase, type TestDatabase } from '../testing';
import { JOB_RUN_RETENTION_DAYS, runJob, type JobDefinition } from './registry';

describe('job run history housekeeping', () => {
  let db: TestDatabase;
  let calendar: CalendarHolder;
  beforeAll(async () => {
    db = await createTestDatabase({ entities: coreModule.entities });
    calendar = await CalendarHolder.load(db.fork());
  });
  afterAll(() => db.drop());

  const job: JobDefinition = { name: 'test-job', title: '测试任务', schedule: { every: 60_000 }, run: async () => ({ scanned: 1 }) };
  const at = (iso: string) => ({ now: () => new Date(iso), pinned: true });

  it('prunes runs older than the retention and marks long-abandoned running rows failed, for that job only', async () => {
    const em = db.fork();
    const row = (name: string, startedAt: string, status: 'running' | 'succeeded' | 'failed') =>
      em.create(JobRun, { name, trigger: 'schedule', runner: 'in-process', startedAt: new Date(startedAt), finishedAt: null, status, summary: null, error: null });
    const old = row('test-job', '2026-06-01T08:00:00+08:00', 'succeeded');
    const kept = row('test-job', '2026-10-01T08:00:00+08:00', 'succeeded');
    const ghost = row('test-job', '2026-11-26T01:00:00+08:00', 'running');
    const recent = row('test-job', '2026-11-26T09:50:00+08:00', 'running');
    const otherJob = row('other-job', '2026-06-01T08:00:00+08:00', 'succeeded');
    await em.flush();

    const result = await runJob({ db, clock: at('2026-11-26T10:00:00+08:00'), calendar }, job, 'manual', 'in-process');
    expect(result.scanned).toBe(1);

    const rows = new Map((await db.fork().find(JobRun, {})).map((r) => [r.id, r]));
    expect(rows.has(old.id)).toBe(false);
    expect(rows.get(kept.id)?.status).toBe('succeeded');
    expect(rows.get(ghost.id)).toMatchObject({ status: 'failed' });
    expect(rows.get(ghost.id)?.error).toMatch(/运行未正常结束/);
    // a run that may still be going (started ten minutes ago) is left alone
    expect(rows.get(recent.id)?.status).toBe('running');
    expect(rows.get(otherJob.id)?.status).toBe('succeeded');
    expect([...rows.values()].filter((r) => r.name === 'test-job' && r.status === 'succeeded')).toHaveLength(2);
    expect(JOB_RUN_RETENTION_DAYS).toBe(90);
  });
});
