import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline, JobRun, JOBS, Violation } from '@govdata/core';
import { addDeadlines, departmentId } from '@govdata/core/testing';
import { createTestApp, type TestApp } from '../testing/harness';
import { startInProcessRunner } from '../jobs/in-process';

const NOW = '2026-11-20T10:00:00+08:00';

describe('jobs page and run now (in-process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
  });
  afterAll(() => t.close());

  it('lists the three scheduler jobs with their schedules, before any run', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.get('/api/admin/jobs');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ queue: 'in-process', queueReachable: true, serviceRecordEntries: 0 });
    const byName = new Map(res.body.jobs.map((j: { name: string }) => [j.name, j]));
    expect(byName.get('deadline-sweep')).toMatchObject({ schedule: { every: 300_000, text: '每 5 分钟', timezone: 'Asia/Shanghai' }, lastRun: null });
    expect(byName.get('catalog-freshness')).toMatchObject({ schedule: { pattern: '0 1 * * *', text: '每天 01:00' } });
    expect(byName.get('due-soon-reminders')).toMatchObject({ schedule: { pattern: '30 8 * * *', workingDaysOnly: true, text: '每个工作日 08:30' } });
    expect(res.body.jobs).toHaveLength(JOBS.length);
  });

  it('runs a job now and reports its summary; the jobs page then shows the run', async () => {
    const em = t.db.fork();
    const gaj = await departmentId(em, '朔州市公安局');
    await addDeadlines(em, [1, 2, 3].map((h) => ({ kind: 'provider_reply' as const, departmentId: gaj, dueAt: new Date(new Date(NOW).getTime() - h * 3_600_000) })), new Date(NOW));
    const bureau = await t.as('bureau');
    const run = await bureau.post('/api/admin/jobs/deadline-sweep/run');
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ scanned: 3, newlyOverdue: 3, violationsCreated: 3, notificationsSent: 3 });
    expect(run.body.ms).toEqual(expect.any(Number));
    expect(await t.db.fork().count(Violation, {})).toBe(3);

    const again = await bureau.post('/api/admin/jobs/deadline-sweep/run');
    expect(again.body).toMatchObject({ scanned: 0, newlyOverdue: 0, violationsCreated: 0, notificationsSent: 0 });

    const page = await bureau.get('/api/admin/jobs');
    const sweep = page.body.jobs.find((j: { name: string }) => j.name === 'deadline-sweep');
    expect(sweep.lastRun).toMatchObject({ trigger: 'manual', runner: 'in-process', status: 'succeeded', summary: { newlyOverdue: 0 } });
    expect(sweep.lastSucceededAt).toBe(new Date(NOW).toISOString());
    expect(sweep.failuresSinceSuccess).toBe(0);
    const runs = await bureau.get('/api/admin/jobs/deadline-sweep/runs?pageSize=1');
    expect(runs.body).toMatchObject({ total: 2, pageSize: 1 });
    expect(runs.body.items).toHaveLength(1);
  });

  it('answers 404 for an unknown job and 403 for anyone but the bureau, running nothing', async () => {
    const bureau = await t.as('bureau');
    const unknown = await bureau.post('/api/admin/jobs/no-such-job/run');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/没有名为“no-such-job”的任务/);
    expect((await bureau.post('/api/admin/jobs/Bad_Name/run')).status).toBe(400);
    expect((await bureau.get('/api/admin/jobs/no-such-job/runs')).status).toBe(404);
    const runs = await t.db.fork().count(JobRun, {});
    for (const who of ['leader', 'gaj', 'agent']) {
      const agent = await t.as(who);
      expect((await agent.post('/api/admin/jobs/deadline-sweep/run')).status).toBe(403);
      expect((await agent.get('/api/admin/jobs')).status).toBe(403);
    }
    expect(await t.db.fork().count(JobRun, {})).toBe(runs);
    expect((await t.anonymous().get('/api/admin/queues')).status).toBe(404);
  });
});

describe('the embedded runner at start', () => {
  it('runs the deadline sweep once right after start, so seeded overdue clocks are flagged at once', async () => {
    const t = await createTestApp({ now: NOW });
    const em = t.db.fork();
    const gaj = await departmentId(em, '朔州市公安局');
    await addDeadlines(em, [{ kind: 'provider_reply', departmentId: gaj, dueAt: new Date('2026-11-19T23:59:59.999+08:00') }], new Date(NOW));
    const errors: unknown[] = [];
    const runner = startInProcessRunner({ db: t.db, clock: t.clock, calendar: t.ctx.calendar, log: { info: () => undefined, error: (_m, e) => void errors.push(e) }, enabled: true, runAtStart: ['deadline-sweep'] });
    try {
      const until = Date.now() + 10_000;
      while ((await t.db.fork().count(Deadline, { state: 'overdue' })) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(await t.db.fork().count(Deadline, { state: 'overdue' })).toBe(1);
      const status = await runner.status();
      expect(status.find((s) => s.name === 'deadline-sweep')?.nextRunAt).toEqual(expect.any(String));
    } finally {
      await runner.stop();
      await t.close();
    }
    expect(errors).toEqual([]);
  });
});
