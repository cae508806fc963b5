import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import { executeJob, JOB_QUEUE, JobRun, queueJobKey, Violation } from '@govdata/core';
import { addDeadlines, departmentId, dropPrefix, requireRedis, testPrefix, testRedisUrl } from '@govdata/core/testing';
import type { Logger } from '../context';
import { createTestApp, type TestApp } from '../testing/harness';
import { connectBullmqRunner } from './bullmq';

const NOW = '2026-11-20T10:00:00+08:00';
const quiet: Logger = { info: () => undefined, error: () => undefined };

/** A port nothing listens on: Redis "down". */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('API with BullMQ while Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    const jobs = await connectBullmqRunner({ redisUrl: `redis://127.0.0.1:${await closedPort()}`, log: quiet, connectTimeoutMs: 500 });
    t = await createTestApp({ now: NOW, jobs });
  });
  afterAll(() => t.close());

  it('keeps serving: health says degraded with the queue down, the jobs page says the queue is unreachable', async () => {
    const health = await t.anonymous().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', queue: 'bullmq', checks: { database: { status: 'up', dialect: t.db.dialect }, queue: { status: 'down', kind: 'bullmq', latencyMs: null } } });
    expect(health.body.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(health.body.checks.queue.error).toMatch(/Redis/);
    // the API can still take traffic: readiness follows the database, not the queue
    expect((await t.anonymous().get('/api/health/ready')).status).toBe(200);
    const page = await (await t.as('bureau')).get('/api/admin/jobs');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ queue: 'bullmq', queueReachable: false });
    expect(page.body.jobs.every((j: { nextRunAt: string | null }) => j.nextRunAt === null)).toBe(true);
  });

  it('answers "run now" with 503 within 2 seconds instead of hanging', async () => {
    const bureau = await t.as('bureau');
    const started = Date.now();
    const res = await bureau.post('/api/admin/jobs/deadline-sweep/run');
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ code: 'job.queue_unavailable' });
    expect(res.body.detail).toMatch(/Redis/);
    expect(elapsed).toBeLessThan(2_000);
    expect(await t.db.fork().count(JobRun, {})).toBe(0);
  });

  it('answers the queue dashboard with 503 problem+json, not a 500 from bull-board', async () => {
    const bureau = await t.as('bureau');
    for (const url of ['/api/admin/queues', '/api/admin/queues/api/queues']) {
      const res = await bureau.get(url);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ code: 'job.queue_unavailable' });
      expect(res.body.detail).toMatch(/队列监控面板/);
    }
    // still the bureau's only
    expect((await (await t.as('gaj')).get('/api/admin/queues')).status).toBe(403);
  });
});

describe('BullMQ runner recovering from a Redis outage', () => {
  it('answers 503 while Redis is down and works again by itself once it is back', async () => {
    const target = new URL(testRedisUrl());
    await requireRedis(target.toString());
    const port = await closedPort();
    const prefix = testPrefix();
    const jobs = await connectBullmqRunner({ redisUrl: `redis://127.0.0.1:${port}`, prefix, log: quiet, connectTimeoutMs: 500, runTimeoutMs: 300, dashboard: false });
    // "Redis comes back": a TCP relay to the real server starts listening on the port the runner was given
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    try {
      await expect(jobs.runNow('deadline-sweep')).rejects.toMatchObject({ status: 503, code: 'job.queue_unavailable' });
      expect(jobs.reachable()).toBe(false);
      await new Promise<void>((r) => relay.listen(port, '127.0.0.1', r));
      const until = Date.now() + 15_000;
      while (!jobs.reachable() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(jobs.reachable()).toBe(true);
      // queued for real now (no worker listens on this prefix, so it times out waiting — not "unavailable")
      await expect(jobs.runNow('due-soon-reminders')).rejects.toMatchObject({ status: 503, code: 'job.timeout' });
    } finally {
      await jobs.stop();
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => relay.close(r));
      await dropPrefix(prefix, target.toString());
    }
  });
});

describe('API with BullMQ and a real Redis', () => {
  const redisUrl = testRedisUrl();
  const prefix = testPrefix();
  let t: TestApp;
  let worker: Worker;
  let queue: Queue;
  beforeAll(async () => {
    await requireRedis(redisUrl);
    const jobs = await connectBullmqRunner({ redisUrl, prefix, log: quiet, runTimeoutMs: 20_000 });
    t = await createTestApp({ now: NOW, jobs });
    // a worker as apps/scheduler runs it (its processor is executeJob), on this test's own prefix
    worker = new Worker(
      JOB_QUEUE,
      (job) => executeJob({ db: t.db, clock: t.clock, calendar: t.ctx.calendar }, job.name, job.data?.trigger ?? 'schedule', 'bullmq', { queueJobId: queueJobKey(job), attempt: job.attemptsStarted }),
      { connection: { url: redisUrl }, prefix },
    );
    queue = new Queue(JOB_QUEUE, { connection: { url: redisUrl }, prefix });
    await queue.upsertJobScheduler('deadline-sweep', { every: 300_000 }, { name: 'deadline-sweep', data: { trigger: 'schedule' } });
    await worker.waitUntilReady();
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await t?.close();
    await dropPrefix(prefix, redisUrl);
  });

  it('runs a job now through the queue and returns the worker’s summary', async () => {
    const em = t.db.fork();
    const gaj = await departmentId(em, '朔州市公安局');
    // the scheduler's own first run may have swept already: count what this run adds
    await addDeadlines(em, [1, 2].map((h) => ({ kind: 'catalog_update' as const, departmentId: gaj, dueAt: new Date(new Date(NOW).getTime() - h * 3_600_000) })), new Date(NOW));
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/admin/jobs/deadline-sweep/run');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ newlyOverdue: expect.any(Number), ms: expect.any(Number) });
    // every attempt of the queue job (one here; two when a killed worker's job was taken over — scheduler.spec.ts)
    expect(res.body.attempts).toMatchObject([{ attempt: 1, status: 'succeeded', trigger: 'manual', runner: 'bullmq', error: null }]);
    expect(await t.db.fork().count(Violation, { type: 1 })).toBe(2);
    expect(await t.db.fork().count(JobRun, { runner: 'bullmq', trigger: 'manual', status: 'succeeded' })).toBe(1);
    const page = await bureau.get('/api/admin/jobs');
    expect(page.body).toMatchObject({ queue: 'bullmq', queueReachable: true });
    const sweep = page.body.jobs.find((j: { name: string }) => j.name === 'deadline-sweep');
    expect(new Date(sweep.nextRunAt).getTime()).toBeGreaterThan(Date.now() - 1_000);
    // only the sweep has a schedule in this queue: the page warns about every other job
    const missing = page.body.jobs.filter((j: { scheduleMissing: boolean }) => j.scheduleMissing).map((j: { name: string }) => j.name);
    expect(missing.length).toBe(page.body.jobs.length - 1);
    expect(missing).not.toContain('deadline-sweep');
  });

  it('serves bull-board to the bureau only', async () => {
    const board = await (await t.as('bureau')).get('/api/admin/queues');
    expect(board.status).toBe(200);
    expect(board.text).toMatch(/<html/i);
    const api = await (await t.as('bureau')).get('/api/admin/queues/api/queues');
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.body)).toContain(JOB_QUEUE);
    expect((await (await t.as('gaj')).get('/api/admin/queues')).status).toBe(403);
    expect((await (await t.as('leader')).get('/api/admin/queues/api/queues')).status).toBe(403);
    expect((await t.anonymous().get('/api/admin/queues')).status).toBe(401);
  });

  it('answers 503 (not a hang) when no worker finishes the job in time', async () => {
    const own = testPrefix();
    const jobs = await connectBullmqRunner({ redisUrl, prefix: own, log: quiet, runTimeoutMs: 300, dashboard: false });
    try {
      await expect(jobs.runNow('due-soon-reminders')).rejects.toMatchObject({ status: 503, code: 'job.timeout' });
    } finally {
      await jobs.stop();
      await dropPrefix(own, redisUrl);
    }
  });
});
