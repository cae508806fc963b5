import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { executeJob, ExportJob, JOB_QUEUE, JobRun, queueJobKey } from '@govdata/core';
import { dropPrefix, requireRedis, testPrefix, testRedisUrl } from '@govdata/core/testing';
import type { ExportJobDto } from '@govdata/domain';
import type { Logger } from '../context';
import { createTestApp, type TestApp } from '../testing/harness';
import { connectBullmqRunner } from './bullmq';

const NOW = '2026-11-20T10:00:00+08:00';
const quiet: Logger = { info: () => undefined, error: () => undefined };

async function finished(agent: Awaited<ReturnType<TestApp['as']>>, id: number): Promise<ExportJobDto> {
  const until = Date.now() + 60_000;
  for (;;) {
    const job = (await agent.get(`/api/export-jobs/${id}`)).body as ExportJobDto;
    if (job.status === 'done' || job.status === 'failed' || Date.now() > until) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('export jobs in the scale-out mode (BullMQ, a real Redis)', () => {
  const redisUrl = testRedisUrl();
  const prefix = testPrefix();
  let t: TestApp;
  let worker: Worker | null = null;
  beforeAll(async () => {
    await requireRedis(redisUrl);
    t = await createTestApp({ now: NOW, seedUntil: 'catalog', jobs: await connectBullmqRunner({ redisUrl, prefix, log: quiet, dashboard: false }) });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await dropPrefix(prefix, redisUrl);
  });

  it('the request queues the export and answers at once; a scheduler worker runs it, and any API process serves the file', async () => {
    const bureau = await t.as('bureau');
    const release = (await bureau.get('/api/catalog/releases?pageSize=1')).body.items[0];
    const { jobId } = (await bureau.post(`/api/catalog/releases/${release.id}/exports`).send({ format: 'json' })).body;
    // no worker yet: the job waits in the queue, and its download says so
    await new Promise((r) => setTimeout(r, 300));
    expect((await bureau.get(`/api/export-jobs/${jobId}`)).body.status).toBe('queued');
    expect((await bureau.get(`/api/export-jobs/${jobId}/download`)).status).toBe(409);
    // a worker as apps/scheduler runs it (its processor is executeJob), on this test's own prefix
    worker = new Worker(JOB_QUEUE, (job) => executeJob({ db: t.db, clock: t.clock, calendar: t.ctx.calendar }, job.name, job.data?.trigger ?? 'schedule', 'bullmq', { queueJobId: queueJobKey(job), attempt: job.attemptsStarted }), { connection: { url: redisUrl }, prefix });
    const job = await finished(bureau, jobId);
    expect(job).toMatchObject({ status: 'done', progress: { done: release.entryCount, total: release.entryCount } });
    // the worker records its run once the job function has returned — a moment after the export row says done
    const runs = async () => t.db.fork().count(JobRun, { name: 'export-jobs', runner: 'bullmq', status: 'succeeded' });
    for (const until = Date.now() + 10_000; (await runs()) === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 25));
    expect(await runs()).toBeGreaterThanOrEqual(1);
    const file = await bureau.get(`/api/export-jobs/${jobId}/download`);
    expect(file.status).toBe(200);
    expect(file.text).toBe((await bureau.get(`/api/catalog/releases/${release.id}/export.json`)).text);
  });
});

describe('export jobs while Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((r) => server.close(r));
    t = await createTestApp({ now: NOW, seedUntil: 'catalog', jobs: await connectBullmqRunner({ redisUrl: `redis://127.0.0.1:${port}`, log: quiet, connectTimeoutMs: 500, dashboard: false }) });
  });
  afterAll(() => t.close());

  it('still takes the export (202): it stays queued in the database for the scheduled run once Redis is back', async () => {
    const bureau = await t.as('bureau');
    const release = (await bureau.get('/api/catalog/releases?pageSize=1')).body.items[0];
    const started = Date.now();
    const res = await bureau.post(`/api/catalog/releases/${release.id}/exports`).send({ format: 'xlsx' });
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await t.db.fork().findOneOrFail(ExportJob, res.body.jobId)).status).toBe('queued');
  });
});
