import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import { addDeadlines, departmentId, dropPrefix, requireRedis, testPrefix, testRedisUrl, type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '@govdata/platform/testing';
import { CalendarHolder, Deadline, jobAttempts, JobRun, queueJobKey, JOBS, Notification, OVERDUE_HOOKS, registerOverdueHook, Violation, type Database, type JobResult } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { seedDemo } from '@govdata/demo';
import { PinnedClock } from '@govdata/domain';
import { processor, QUEUE_NAME, startScheduler, type SchedulerHandle } from './scheduler';

const NOW = '2026-11-20T10:00:00+08:00';
const redisUrl = testRedisUrl();
const root = path.resolve(import.meta.dirname, '../../..');

describe('BullMQ scheduler reliability (real Redis)', () => {
  let db: TestDatabase;
  let calendar: CalendarHolder;
  let gaj: number;
  let scjgj: number;
  const clock = new PinnedClock(NOW);
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    await requireRedis(redisUrl);
    db = await createPlatformTestDatabase();
    calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now: new Date('2026-06-01T09:00:00+08:00'), calendar, until: 'organisation' });
    gaj = await departmentId(db.fork(), '朔州市公安局');
    scjgj = await departmentId(db.fork(), '朔州市市场监督管理局');
  });
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
    const em = db.fork();
    await em.nativeDelete(Notification, {});
    await em.nativeDelete(Violation, {});
    await em.nativeDelete(Deadline, {});
  });
  afterAll(() => db?.drop());

  /** A scheduler on a prefix of this test's own, closed and its keys deleted after the test. */
  async function scheduler(prefix: string, extra: Partial<Parameters<typeof startScheduler>[0]> = {}, database: Database = db): Promise<SchedulerHandle> {
    const handle = await startScheduler({ redisUrl, prefix, db: database, clock, calendar, log: () => undefined, schedules: false, sweepAtStart: false, concurrency: 1, ...extra });
    cleanups.push(() => handle.close());
    return handle;
  }
  function ownPrefix(): string {
    const prefix = testPrefix();
    cleanups.unshift(() => dropPrefix(prefix, redisUrl)); // runs last, after the handles are closed
    return prefix;
  }
  async function events(prefix: string): Promise<QueueEvents> {
    const qe = new QueueEvents(QUEUE_NAME, { connection: { url: redisUrl }, prefix });
    await qe.waitUntilReady();
    cleanups.push(() => qe.close());
    return qe;
  }
  const overdue = (n: number) =>
    addDeadlines(
      db.fork(),
      Array.from({ length: n }, (_, i) => ({ kind: 'provider_reply' as const, departmentId: i % 2 ? gaj : scjgj, dueAt: new Date(clock.now().getTime() - (1 + (i % 50)) * 3_600_000) })),
      clock.now(),
    );
  async function assertEachRecordedOnce(n: number): Promise<void> {
    const em = db.fork();
    expect(await em.count(Deadline, { state: 'open' })).toBe(0);
    expect(await em.count(Deadline, { state: 'overdue' })).toBe(n);
    expect(await em.count(Violation, {})).toBe(n);
    const notes = await em.find(Notification, { kind: 'deadline.overdue' });
    expect(new Set(notes.map((x) => x.dedupeKey)).size).toBe(notes.length);
    expect(new Set(notes.map((x) => x.subjectId)).size).toBe(n);
  }

  it('two workers sweeping at once create each violation once', async () => {
    const n = 400;
    await overdue(n);
    const prefix = ownPrefix();
    // PostgreSQL: each worker its own pool, as two processes would have. SQLite: one process shares one connection
    // (better-sqlite3 would block the event loop waiting on a second one); the two jobs still interleave by batch.
    const second = db.dialect === 'postgresql' ? await openPlatformDatabase(db.url, { migrate: false }) : db;
    if (second !== db) cleanups.unshift(() => second.close());
    const a = await scheduler(prefix, { workerName: 'worker-a' });
    const b = await scheduler(prefix, { workerName: 'worker-b' }, second);
    await Promise.all([a.worker?.waitUntilReady(), b.worker?.waitUntilReady()]);
    const qe = await events(prefix);
    // the first sweep holds in its first batch (an overdue hook waits on a latch) until the second job is running
    let release: () => void = () => undefined;
    const latch = new Promise<void>((r) => (release = r));
    const previousHook = OVERDUE_HOOKS.provider_reply;
    registerOverdueHook('provider_reply', () => latch);
    cleanups.push(async () => {
      if (previousHook) registerOverdueHook('provider_reply', previousHook);
      else delete OVERDUE_HOOKS.provider_reply;
    });
    const first = await a.queue.add('deadline-sweep', { trigger: 'manual' });
    while ((await first.getState()) !== 'active') await new Promise((r) => setTimeout(r, 5));
    const secondJob = await a.queue.add('deadline-sweep', { trigger: 'manual' });
    while ((await secondJob.getState()) !== 'active') await new Promise((r) => setTimeout(r, 5));
    release();
    const results = (await Promise.all([first, secondJob].map((j) => j.waitUntilFinished(qe, 30_000)))) as JobResult[];
    expect(results[0].newlyOverdue + results[1].newlyOverdue).toBe(n);
    expect(results[0].violationsCreated + results[1].violationsCreated).toBe(n);
    const [j1, j2] = await Promise.all([first, secondJob].map((j) => a.queue.getJob(j.id as string)));
    expect(new Set([j1?.processedBy, j2?.processedBy])).toEqual(new Set(['worker-a', 'worker-b']));
    // they really ran at the same time: the second started before the first finished
    expect(j2?.processedOn).toBeLessThan(j1?.finishedOn ?? 0);
    await assertEachRecordedOnce(n);
  });

  it('a worker killed mid-job is rescued and retried: no duplicates, nothing missed, the killed attempt failed at once', { timeout: 180_000 }, async () => {
    const n = 60;
    await overdue(n);
    const prefix = ownPrefix();
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'testing/slow-worker.ts')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: redisUrl, GOVDATA_TEST_PREFIX: prefix, GOVDATA_NOW: NOW, SLOW_MS: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => child.kill('SIGKILL'));
    let output = '';
    child.stderr?.on('data', (d) => (output += String(d)));
    child.stdout?.on('data', (d) => (output += String(d)));
    /** resolves when the child has printed the line (loaded machines: tsx start-up alone can take a minute) */
    const printed = (line: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the slow worker did not print "${line}": ${output}`)), 120_000);
        const check = () => {
          if (!output.includes(line)) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout?.on('data', check);
        child.on('exit', (code) => reject(new Error(`the slow worker exited (${code}): ${output}`)));
        check();
      });
    await printed('ready');

    const producer = await scheduler(prefix, { work: false });
    const qe = await events(prefix);
    const job = await producer.queue.add('deadline-sweep', { trigger: 'manual' }, { attempts: 3 });
    // the first batch of 10 has committed and the second batch's transaction is open, held by its overdue hook
    await printed('second batch in flight');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const counted = () => db.fork().count(Deadline, { state: 'overdue' });
    const committedBeforeKill = await counted();
    expect(committedBeforeKill).toBe(10);
    // whatever the killed batch had done was rolled back with it: violations match the committed deadlines exactly
    expect(await db.fork().count(Violation, {})).toBe(10);
    expect(await job.getState()).toBe('active');
    const [killed] = await jobAttempts(db.fork(), queueJobKey(job));
    expect(killed, JSON.stringify(killed)).toMatchObject({ attempt: 1, status: 'running', runner: 'bullmq' });

    // a healthy worker notices the stalled job once its lock expires (6 s after its last renewal) and runs it again;
    // its own lock is BullMQ's default (30 s), so a slow run on a loaded machine is never taken for another stall
    await scheduler(prefix, { workerName: 'rescuer', workerOptions: { stalledInterval: 1_000 } });
    const result = (await job.waitUntilFinished(qe, 60_000)) as JobResult;
    expect(result.newlyOverdue).toBe(n - committedBeforeKill);
    expect((await producer.queue.getJob(job.id as string))?.processedBy).toBe('rescuer');
    await assertEachRecordedOnce(n);
    // the history tells the truth: the killed attempt failed (not `running` for hours), the retry succeeded
    const attempts = await jobAttempts(db.fork(), queueJobKey(job));
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    expect(attempts[0].error).toMatch(/失去任务锁|被终止/);
    expect(attempts[0].finishedAt).not.toBeNull();
  });

  it('re-creates the job schedulers when Redis lost them, without moving the ones present', { timeout: 60_000 }, async () => {
    const prefix = ownPrefix();
    const s = await scheduler(prefix, { schedules: true, work: false, healIntervalMs: 300 });
    expect(await s.queue.getJobSchedulersCount()).toBe(JOBS.length);
    const before = await s.queue.getJobScheduler('due-soon-reminders');
    // Redis restarted without persistence (or was flushed): every key of the installation is gone
    await dropPrefix(prefix, redisUrl);
    const until = Date.now() + 20_000;
    while ((await s.queue.getJobSchedulersCount()) < JOBS.length) {
      if (Date.now() > until) throw new Error('the schedulers were not re-created');
      await new Promise((r) => setTimeout(r, 100));
    }
    const schedulers = await s.queue.getJobSchedulers();
    expect(schedulers.map((x) => x.key).sort()).toEqual(JOBS.map((j) => j.name).sort());
    expect(schedulers.find((x) => x.key === 'due-soon-reminders')).toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai', next: before?.next });
  });

  it('re-asserting recreates only what is missing: the others keep their next run', async () => {
    const s = await scheduler(ownPrefix(), { schedules: true, work: false, healIntervalMs: 0 });
    const sweepNext = (await s.queue.getJobScheduler('deadline-sweep'))?.next;
    await s.queue.removeJobScheduler('catalog-freshness');
    expect(await s.healSchedules()).toEqual(['catalog-freshness']);
    expect((await s.queue.getJobScheduler('deadline-sweep'))?.next).toBe(sweepNext);
    expect(await s.healSchedules()).toEqual([]);
    expect(await s.queue.getJobSchedulersCount()).toBe(JOBS.length);
  });

  it('restarting the scheduler, or two booting at once, leaves exactly one job scheduler per job', async () => {
    const prefix = ownPrefix();
    const first = await scheduler(prefix, { schedules: true, work: false });
    // a scheduler from an older release that no longer exists is removed at boot
    await first.queue.upsertJobScheduler('retired-job', { every: 60_000 }, { name: 'retired-job' });
    await first.close();
    cleanups.pop();
    const [again, concurrent] = await Promise.all([scheduler(prefix, { schedules: true, work: false }), scheduler(prefix, { schedules: true, work: false })]);
    const schedulers = await again.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(JOBS.map((j) => j.name).sort());
    expect(await concurrent.queue.getJobSchedulersCount()).toBe(JOBS.length);
    const cron = schedulers.find((s) => s.key === 'due-soon-reminders');
    expect(cron).toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' });
    // one pending run per scheduler, not one per boot (the retired scheduler's next run went with it; a run it had
    // already queued stays, and fails as an unknown job)
    const pending = await again.queue.getJobs(['delayed', 'waiting', 'prioritized']);
    const current = pending.filter((j) => JOBS.some((d) => d.name === j.name));
    expect(current.map((j) => j.name).sort()).toEqual(JOBS.map((j) => j.name).sort());
    expect(pending.filter((j) => j.name === 'retired-job' && j.delay > 0)).toEqual([]);
  });

  it('skips a working-days-only job on a scheduled run on a non-working day, but never a manual run', async () => {
    const saturday = new PinnedClock('2026-11-21T08:30:00+08:00');
    const run = processor({ db, clock: saturday, calendar, log: () => undefined });
    expect(await run({ name: 'due-soon-reminders', data: { trigger: 'schedule' } })).toEqual({ skipped: '非工作日，按计划跳过' });
    const manual = await run({ name: 'due-soon-reminders', data: { trigger: 'manual' } });
    expect(manual).toMatchObject({ scanned: 0, notificationsSent: 0 });
    expect(await db.fork().count(JobRun, { name: 'due-soon-reminders', runner: 'bullmq', trigger: 'manual' })).toBe(1);
    await expect(run({ name: 'no-such-job', data: {} })).rejects.toThrow(/unknown job/);
  });
});
