import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogEntry, CatalogEntryVersion, CatalogReleaseEntry, parseSnapshot, releaseSnapshotPages, writeReleaseWorkbook } from '@govdata/catalog';
import { claimExportJob, expireExportJobs, exportDir, ExportJob, EXPORT_WRITERS, failStaleExportJobs, JobRun, queueExportJob, requeueInterruptedExports, runExportJob, User } from '@govdata/core';
import { shanghaiDate } from '@govdata/workdays';
import { EXPORT_STALE_MS, type Actor, type ExportJobDto } from '@govdata/domain';
import { multiplyPublishedCatalog } from '@govdata/catalog/testing';
import { createTestApp, type TestApp } from '../testing/harness';

type Agent = Awaited<ReturnType<TestApp['as']>>;

const binary = (res: NodeJS.ReadableStream & { on(e: string, cb: (c?: unknown) => void): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until no pass of the export runner is going on (one may still be tidying after the last job it ran). */
async function idle(t: TestApp): Promise<void> {
  while ((await t.db.fork().count(JobRun, { name: 'export-jobs', status: 'running' })) > 0) await sleep(10);
}

/** Polls the job until it is finished (done or failed); every answer is kept. */
async function finished(agent: Agent, id: number, seen: ExportJobDto[] = [], timeoutMs = 120_000): Promise<ExportJobDto> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await agent.get(`/api/export-jobs/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(res.body);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`export job ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await sleep(15);
  }
}

/** Every sheet's cell values, for comparing two workbooks whatever their zip's bytes. */
async function sheetValues(buf: Buffer): Promise<Record<string, unknown[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, ws.getSheetValues()]));
}

describe('release exports as jobs (issue 19, finding 1)', () => {
  let t: TestApp;
  let bureau: Agent;
  let latest: { id: number; number: number; entryCount: number };
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'catalog' });
    bureau = await t.as('bureau');
    latest = (await bureau.get('/api/catalog/releases?pageSize=1')).body.items[0];
  });
  afterAll(() => t.close());

  it('JSON: 202 with a job id, progress up to the release’s entries, and the same document as the direct download', async () => {
    const res = await bureau.post(`/api/catalog/releases/${latest.id}/exports`).send({ format: 'json' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ jobId: expect.any(Number) });
    const job = await finished(bureau, res.body.jobId);
    expect(job).toMatchObject({ status: 'done', kind: 'catalog_release', subjectId: latest.id, format: 'json', error: null, fileName: `朔州市政务数据资源目录-第${latest.number}版.json`, progress: { done: latest.entryCount, total: latest.entryCount } });
    expect(new Date(job.expiresAt as string).getTime() - new Date(job.finishedAt as string).getTime()).toBe(7 * 86_400_000);
    // (uncompressed, to read the file's own length; the API gzips JSON for clients that take it)
    const file = await bureau.get(`/api/export-jobs/${job.id}/download`).set('Accept-Encoding', 'identity').buffer(true).parse(binary as never);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('application/json');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent(job.fileName));
    expect(Number(file.headers['content-length'])).toBe(job.size);
    const direct = await bureau.get(`/api/catalog/releases/${latest.id}/export.json`);
    expect((file.body as Buffer).toString('utf8')).toBe(direct.text);
    expect(JSON.parse(direct.text).entries).toHaveLength(latest.entryCount);
    // stored gzipped by the job, sent as stored to a client that accepts gzip (no compression per download)
    const stored = fs.readdirSync(exportDir()).filter((f) => f.startsWith(`${job.id}-`));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/\.json\.gz$/);
    const onDisk = fs.readFileSync(path.join(exportDir(), stored[0] as string));
    expect(zlib.gunzipSync(onDisk).toString('utf8')).toBe(direct.text);
    expect(onDisk.length).toBeLessThan((job.size as number) / 5);
    const gzipped = await bureau.get(`/api/export-jobs/${job.id}/download`).set('Accept-Encoding', 'gzip').buffer(true).parse(binary as never);
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toContain('Accept-Encoding');
    expect(Number(gzipped.headers['content-length'])).toBe(onDisk.length);
    expect((gzipped.body as Buffer).toString('utf8')).toBe(direct.text);
    // the export is on the audit trail; the job and its file are the requester's
    expect((await bureau.get(`/api/export-jobs?kind=catalog_release&subjectId=${latest.id}`)).body.map((j: ExportJobDto) => j.id)).toContain(job.id);
  });

  it('XLSX: the workbook has the same sheets and cells as the direct download; progress counts both passes', async () => {
    const { jobId } = (await bureau.post(`/api/catalog/releases/${latest.id}/exports`).send({ format: 'xlsx' })).body;
    const job = await finished(bureau, jobId);
    expect(job).toMatchObject({ status: 'done', format: 'xlsx', progress: { done: 2 * latest.entryCount, total: 2 * latest.entryCount } });
    const file = await bureau.get(`/api/export-jobs/${jobId}/download`).buffer(true).parse(binary as never);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const direct = await bureau.get(`/api/catalog/releases/${latest.id}/export.xlsx`).buffer(true).parse(binary as never);
    const [fromJob, fromRequest] = await Promise.all([sheetValues(file.body as Buffer), sheetValues(direct.body as Buffer)]);
    expect(Object.keys(fromJob)).toEqual(['目录说明', '信息资源目录', '信息项']);
    expect((fromJob['信息资源目录'] as unknown[]).filter(Boolean)).toHaveLength(latest.entryCount + 1);
    expect(fromJob).toEqual(fromRequest);
  });

  it('only the requester and the bureau see a job or fetch its file; unknown jobs are 404, anonymous callers 401', async () => {
    const gaj = await t.as('gaj');
    const rsj = await t.as('rsj');
    const { jobId } = (await gaj.post(`/api/catalog/releases/${latest.id}/exports`).send({ format: 'json' })).body;
    const job = await finished(gaj, jobId);
    expect(job.status).toBe('done');
    expect((await gaj.get(`/api/export-jobs/${jobId}/download`)).status).toBe(200);
    expect((await bureau.get(`/api/export-jobs/${jobId}`)).status).toBe(200);
    expect((await bureau.get(`/api/export-jobs/${jobId}/download`)).status).toBe(200);
    for (const url of [`/api/export-jobs/${jobId}`, `/api/export-jobs/${jobId}/download`]) {
      const other = await rsj.get(url);
      expect(other.status).toBe(403);
      expect(other.headers['content-type']).toContain('application/problem+json');
      expect(other.body.code).toBe('export.not_yours');
      expect((await t.anonymous().get(url)).status).toBe(401);
    }
    // a department's list holds its own jobs only
    expect((await rsj.get('/api/export-jobs')).body).toEqual([]);
    expect((await gaj.get('/api/export-jobs')).body.map((j: ExportJobDto) => j.id)).toEqual([jobId]);
    const missing = await bureau.get('/api/export-jobs/999999/download');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('export.not_found');
    expect((await bureau.post('/api/catalog/releases/999999/exports').send({ format: 'json' })).status).toBe(404);
    expect((await t.anonymous().post(`/api/catalog/releases/${latest.id}/exports`).send({ format: 'json' })).status).toBe(401);
  });

  it('a bad format is a 400 problem', async () => {
    for (const body of [{ format: 'pdf' }, {}, { format: 'json', extra: 1 }]) {
      const res = await bureau.post(`/api/catalog/releases/${latest.id}/exports`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.detail).toBeTruthy();
    }
    expect((await t.db.fork().count(ExportJob, { format: 'pdf' }))).toBe(0);
  });

  it('the download answers 409 while queued or running and after a failure, 410 once expired', async () => {
    await idle(t);
    const em = t.db.fork();
    const user = await em.findOneOrFail(User, { username: 'bureau' });
    const actor: Actor = { userId: user.id, username: user.username, displayName: user.displayName, roles: user.roles, departmentId: user.department.id };
    // queued here without starting the runner, so each state is held while it is checked
    const job = queueExportJob(em, actor, { kind: 'catalog_release', subjectId: latest.id, params: { releaseId: latest.id, format: 'json' }, format: 'json', fileName: 'x.json', contentType: 'application/json', total: latest.entryCount });
    await em.flush();
    const queued = await bureau.get(`/api/export-jobs/${job.id}/download`);
    expect(queued.status).toBe(409);
    expect(queued.headers['content-type']).toContain('application/problem+json');
    expect(queued.body).toMatchObject({ code: 'export.not_ready', status: 409 });
    expect((await bureau.get(`/api/export-jobs/${job.id}`)).body).toMatchObject({ status: 'queued', progress: { done: 0, total: latest.entryCount } });

    const claimed = await claimExportJob(t.db.fork(), ['catalog_release'], new Date());
    expect(claimed?.id).toBe(job.id);
    // nobody else can claim it now
    expect(await claimExportJob(t.db.fork(), ['catalog_release'], new Date())).toBeNull();
    const running = await bureau.get(`/api/export-jobs/${job.id}/download`);
    expect(running.status).toBe(409);
    expect(running.body.detail).toContain('正在导出');

    const writer = EXPORT_WRITERS.get('catalog_release');
    if (!claimed || !writer) throw new Error('claimed job and the release writer expected');
    expect(await runExportJob(t.db.fork(), claimed, writer)).toBe('done');
    const done = (await bureau.get(`/api/export-jobs/${job.id}`)).body as ExportJobDto;
    expect(done.status).toBe('done');
    const file = path.join(exportDir(), String((await t.db.fork().findOneOrFail(ExportJob, job.id)).filePath));
    // a JSON job's file is stored gzipped; its size is the text's
    expect(zlib.gunzipSync(fs.readFileSync(file)).length).toBe(done.size);

    // a week later the cleanup removes the file; the download says it is gone
    const finishedAt = new Date(String(done.finishedAt)).getTime();
    const early = await expireExportJobs(t.db.fork(), new Date(finishedAt + 6 * 86_400_000));
    expect(early.expired).toBe(0);
    const late = await expireExportJobs(t.db.fork(), new Date(finishedAt + 7 * 86_400_000 + 1));
    expect(late.expired).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(file)).toBe(false);
    expect((await bureau.get(`/api/export-jobs/${job.id}`)).body.status).toBe('expired');
    const gone = await bureau.get(`/api/export-jobs/${job.id}/download`);
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('export.expired');

    // a running job that stopped reporting was cut off: failed, and its download says why
    const stale = queueExportJob(em, actor, { kind: 'catalog_release', subjectId: latest.id, params: { releaseId: latest.id, format: 'json' }, format: 'json', fileName: 'y.json', contentType: 'application/json', total: 1 });
    await em.flush();
    await claimExportJob(t.db.fork(), ['catalog_release'], new Date(Date.now() - EXPORT_STALE_MS - 1000));
    expect(await failStaleExportJobs(t.db.fork(), new Date())).toBe(1);
    const failed = await bureau.get(`/api/export-jobs/${stale.id}/download`);
    expect(failed.status).toBe(409);
    expect(failed.body.code).toBe('export.failed');
    expect((await bureau.get(`/api/export-jobs/${stale.id}`)).body.error).toContain('导出中断');
  });

  it('an export cut off by a restart of the embedded mode is queued again, up to three attempts', async () => {
    await idle(t);
    const em = t.db.fork();
    const user = await em.findOneOrFail(User, { username: 'bureau' });
    const actor: Actor = { userId: user.id, username: user.username, displayName: user.displayName, roles: user.roles, departmentId: user.department.id };
    const job = queueExportJob(em, actor, { kind: 'catalog_release', subjectId: latest.id, params: { releaseId: latest.id, format: 'json' }, format: 'json', fileName: 'z.json', contentType: 'application/json', total: 1 });
    await em.flush();
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await claimExportJob(t.db.fork(), ['catalog_release'], new Date()))?.id).toBe(job.id);
      const r = await requeueInterruptedExports(t.db.fork(), new Date());
      expect(r).toEqual(attempt < 3 ? { requeued: 1, failed: 0 } : { requeued: 0, failed: 1 });
    }
    expect((await t.db.fork().findOneOrFail(ExportJob, job.id)).status).toBe('failed');
  });

  it('exports asked for one after another all complete (a request during a run starts another pass)', async () => {
    const ids: number[] = [];
    for (const format of ['json', 'xlsx', 'json'] as const) ids.push((await bureau.post(`/api/catalog/releases/${latest.id}/exports`).send({ format })).body.jobId);
    for (const id of ids) expect((await finished(bureau, id)).status).toBe('done');
  });

  it('the export’s pages (one bound statement each) hold what the ORM reads of the release, in code order', async () => {
    const em = t.db.fork();
    const rows = await em.find(CatalogReleaseEntry, { release: latest.id }, { orderBy: { code: 'asc' } });
    const versions = new Map((await em.find(CatalogEntryVersion, { id: { $in: rows.map((r) => r.entryVersion.id) } })).map((v) => [v.id, v]));
    const expected = rows.map((r) => {
      const v = versions.get(r.entryVersion.id);
      return { entry: v?.snapshot, version: r.versionNumber, date: v ? shanghaiDate(v.changedAt) : null };
    });
    const got: typeof expected = [];
    const sizes: number[] = [];
    for await (const p of releaseSnapshotPages(t.db.fork(), latest.id, 100)) {
      sizes.push(p.snapshots.length);
      p.snapshots.forEach((text, i) => got.push({ entry: parseSnapshot(text), version: p.versions[i], date: p.versionDates[i] }));
    }
    expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
    expect(got).toEqual(expected);
  });

  it('the API answers while a large export runs (a few thousand entries)', async () => {
    await multiplyPublishedCatalog(t.db.fork(), 4);
    const published = await t.db.fork().count(CatalogEntry, { status: { $in: ['published', 'retiring'] } });
    expect(published).toBeGreaterThan(2500);
    const release = (await bureau.post('/api/catalog/releases').send({ note: '导出任务压力测试' })).body;
    expect(release.entryCount).toBe(published);
    const started = performance.now();
    const { jobId } = (await bureau.post(`/api/catalog/releases/${release.id}/exports`).send({ format: 'xlsx' })).body;
    const answered = performance.now() - started;
    const latencies: number[] = [];
    const progress: number[] = [];
    let status = 'queued';
    let blocked = 0;
    while (status !== 'done' && status !== 'failed') {
      const s = performance.now();
      const health = await t.anonymous().get('/api/health');
      latencies.push(performance.now() - s);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      const job = (await bureau.get(`/api/export-jobs/${jobId}`)).body as ExportJobDto;
      status = job.status;
      if (status === 'running') {
        progress.push(job.progress.done);
        if ((await bureau.get(`/api/export-jobs/${jobId}/download`)).status === 409) blocked++;
      }
    }
    const total = performance.now() - started;
    expect(status).toBe('done');
    const job = (await bureau.get(`/api/export-jobs/${jobId}`)).body as ExportJobDto;
    expect(job.progress).toEqual({ done: 2 * published, total: 2 * published });
    // the API answered many times while the export ran, each time promptly, and saw the progress move page by page
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    const max = sorted[sorted.length - 1];
    console.log(`export of ${published} entries (xlsx) took ${Math.round(total)} ms (202 after ${Math.round(answered)} ms); /api/health answered ${latencies.length} times meanwhile, p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms; progress seen ${progress.length} times`);
    expect(answered).toBeLessThan(1000);
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(max).toBeLessThan(1000);
    expect(blocked).toBeGreaterThan(0);
    expect(progress.some((d) => d > 0 && d < 2 * published)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const file = await bureau.get(`/api/export-jobs/${jobId}/download`).buffer(true).parse(binary as never);
    const values = await sheetValues(file.body as Buffer);
    expect((values['信息资源目录'] as unknown[]).filter(Boolean)).toHaveLength(published + 1);
  }, 300_000);

  it('the workbook is written no faster than its output takes it: a stalled output stops the reading (ExcelJS ignores back-pressure)', async () => {
    const published = () => t.db.fork().count(CatalogEntry, { status: { $in: ['published', 'retiring'] } });
    if ((await published()) < 2500) await multiplyPublishedCatalog(t.db.fork(), 4);
    const release = (await bureau.post('/api/catalog/releases').send({ note: '背压测试' })).body as { id: number; entryCount: number };
    expect(release.entryCount).toBe(await published());
    expect(release.entryCount).toBeGreaterThan(2500);
    /** an output that takes nothing until it is opened */
    class Stalled extends Writable {
      chunks: Buffer[] = [];
      held: (() => void)[] = [];
      open = false;
      override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
        this.chunks.push(chunk);
        if (this.open) done();
        else this.held.push(done);
      }
      release() {
        this.open = true;
        for (const done of this.held.splice(0)) done();
      }
    }
    const out = new Stalled();
    const read: number[] = [];
    let finished = false;
    const closed = new Promise((r) => out.once('finish', r));
    const writing = writeReleaseWorkbook(t.db.fork(), release.id, out, { onPage: (n) => void read.push(n) }, { zipBacklogBytes: 64 << 10, zipOutputBytes: 16 << 10 }).then(() => {
      finished = true;
      if (!out.writableEnded) out.end();
    });
    // wait until the reading stops moving (it went through both passes of the release in a second or two before)
    let seen = -1;
    for (let quiet = 0; quiet < 8; seen = read.length) {
      await sleep(100);
      quiet = read.length === seen ? quiet + 1 : 0;
    }
    expect(finished).toBe(false);
    expect(out.chunks.length).toBe(1);
    console.log(`stalled output: ${Math.max(0, ...read)} of ${2 * release.entryCount} entries read`);
    // (the pipeline's buffers hold some: ~1,000 entries of this very compressible catalog; before, all 2 × entries)
    expect(Math.max(0, ...read)).toBeLessThan(release.entryCount);
    out.release();
    await writing;
    await closed;
    expect(read.at(-1)).toBe(2 * release.entryCount);
    const values = await sheetValues(Buffer.concat(out.chunks));
    expect((values['信息资源目录'] as unknown[]).filter(Boolean)).toHaveLength(release.entryCount + 1);
    expect((values['信息资源目录'] as unknown[][])[release.entryCount + 1]?.[1]).toBe(release.entryCount);
  }, 120_000);
});
