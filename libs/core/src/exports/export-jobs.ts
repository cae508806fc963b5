import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertExportDownloadable,
  assertMayReadExportJob,
  exportExpiry,
  exportHistoryCutoff,
  exportStaleBefore,
  GoneError,
  NotFoundError,
  type Actor,
  type ExportJobDto,
  type ExportKind,
} from '@govdata/domain';
import { realNow } from '../clock';
import { ExportJob, type IExportJob } from '../entities/export-job.entity';
import { exportDir } from './export-dir';
import { EXPORT_WRITERS, type ExportWriter } from './writers';

/**
 * The export-job facility's data side (issue 19, finding 1): queue a job, claim it, run its writer into a file under
 * the export directory with its progress, serve the file, expire it. The rules it applies are libs/domain `exports`.
 */

export const exportJobDto = (j: IExportJob): ExportJobDto => ({
  id: j.id,
  kind: j.kind,
  subjectId: j.subjectId,
  format: j.format,
  status: j.status,
  progress: { done: j.progressDone, total: j.progressTotal },
  fileName: j.fileName,
  size: j.size ?? null,
  error: j.error ?? null,
  requestedBy: j.requestedByName,
  createdAt: j.createdAt.toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  finishedAt: j.finishedAt?.toISOString() ?? null,
  expiresAt: j.expiresAt?.toISOString() ?? null,
});

export interface ExportRequest {
  kind: ExportKind;
  subjectId: number;
  params: Record<string, unknown>;
  format: string;
  fileName: string;
  contentType: string;
  /** units of progress (entries read …) the job will report */
  total: number;
}

/** Queues an export for `actor` (flushed by the caller's transaction); a runner picks it up. */
export function queueExportJob(em: EntityManager, actor: Actor, input: ExportRequest, now: Date = realNow()): IExportJob {
  return em.create(ExportJob, {
    ...input,
    requestedBy: actor.userId,
    requestedByName: `${actor.displayName}(${actor.username})`,
    department: actor.departmentId,
    status: 'queued',
    progressDone: 0,
    progressTotal: input.total,
    filePath: null,
    size: null,
    error: null,
    attempts: 0,
    createdAt: now,
    startedAt: null,
    heartbeatAt: null,
    finishedAt: null,
    expiresAt: null,
  });
}

/** A job the actor may see (their own, or any for the bureau); 404 when there is none, 403 when it is someone else's. */
export async function loadExportJobFor(em: EntityManager, actor: Actor, id: number): Promise<IExportJob> {
  const job = await em.findOne(ExportJob, id);
  if (!job) throw new NotFoundError(`导出任务 ${id} 不存在`, 'export.not_found');
  assertMayReadExportJob(actor, { requestedById: job.requestedBy?.id ?? null });
  return job;
}

/** The actor's own recent jobs (newest first), of a kind and subject when given — the page's "my exports". */
export async function listOwnExportJobs(em: EntityManager, actor: Actor, filter: { kind?: ExportKind; subjectId?: number }, limit = 20): Promise<ExportJobDto[]> {
  const rows = await em.find(ExportJob, { requestedBy: actor.userId, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.subjectId ? { subjectId: filter.subjectId } : {}) }, { orderBy: { id: 'desc' }, limit });
  return rows.map(exportJobDto);
}

/**
 * Text exports (JSON, CSV …) are stored gzipped: the province's release JSON is 1.3 GB as text and 40 MB compressed,
 * and compressing it on the fly cost the API 12.6 s of CPU for every download (docs/performance.md § Release export).
 * The job compresses once; the download sends the stored bytes to a client that accepts gzip (every browser).
 */
export const storedGzipped = (contentType: string): boolean => /^(application\/json|text\/)/.test(contentType);

/**
 * The finished file, opened for reading, with its length on disk and its encoding (`gzip` when stored compressed —
 * its file name ends in .gz; the job's `size` is then the length once decoded); 409/410 while it is not (or no
 * longer) there.
 */
export async function openExportFile(job: IExportJob): Promise<{ stream: fs.ReadStream; size: number; encoding: 'gzip' | null }> {
  assertExportDownloadable(job);
  const file = path.join(exportDir(), job.filePath ?? '');
  try {
    const handle = await fs.promises.open(file, 'r');
    const { size } = await handle.stat();
    return { stream: handle.createReadStream({ highWaterMark: 1 << 20 }), size, encoding: file.endsWith('.gz') ? 'gzip' : null };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new GoneError('导出文件已不在服务器上（可能已被清理），请重新导出', 'export.file_missing');
    throw e;
  }
}

/**
 * Claims the oldest queued job of the installed kinds: an UPDATE guarded by its status, which only one runner can win
 * (any number of processes may work the table). Null when nothing is queued.
 */
export async function claimExportJob(em: EntityManager, kinds: readonly string[], now: Date): Promise<IExportJob | null> {
  for (let tries = 0; tries < 20; tries++) {
    const next = await em.fork().findOne(ExportJob, { status: 'queued', kind: { $in: kinds as ExportKind[] } }, { orderBy: { id: 'asc' }, fields: ['id', 'attempts'] });
    if (!next) return null;
    const won = await em.nativeUpdate(ExportJob, { id: next.id, status: 'queued' }, { status: 'running', startedAt: now, heartbeatAt: now, attempts: next.attempts + 1 });
    if (won === 1) return em.fork().findOneOrFail(ExportJob, next.id);
  }
  return null;
}

class ExportCancelled extends Error {}

/**
 * Runs one claimed job: the writer writes a temporary file, renamed when complete; progress and heartbeat after every
 * page. A failure is recorded on the job with its reason (the temporary file removed), never thrown on.
 */
export async function runExportJob(em: EntityManager, job: IExportJob, writer: ExportWriter, clock: () => Date = realNow): Promise<'done' | 'failed'> {
  const dir = exportDir();
  await fs.promises.mkdir(dir, { recursive: true });
  const ext = path.extname(job.fileName) || `.${job.format}`;
  const gzip = storedGzipped(job.contentType) ? zlib.createGzip({ level: 6 }) : null;
  const name = `${job.id}-${randomUUID()}${ext}${gzip ? '.gz' : ''}`;
  const temp = path.join(dir, `.${name}.tmp`);
  const file = fs.createWriteStream(temp);
  // the writer writes text into the compressor (its back-pressure is the file's), or straight into the file
  const out: NodeJS.WritableStream = gzip ?? file;
  const closed = gzip
    ? pipeline(gzip, file)
    : new Promise<void>((resolve, reject) => {
        file.once('close', () => resolve());
        file.once('error', reject);
      });
  // a failed writer ends neither stream: the rejection is read below, not left unhandled meanwhile
  closed.catch(() => undefined);
  const mine = { id: job.id, status: 'running' as const };
  try {
    await writer.write({
      em: em.fork(),
      params: job.params,
      out,
      progress: async (done) => {
        const alive = await em.nativeUpdate(ExportJob, mine, { progressDone: done, heartbeatAt: clock() });
        if (alive !== 1) throw new ExportCancelled(`export job ${job.id} is no longer running here`);
      },
    });
    if (!(out as NodeJS.WritableStream & { writableEnded: boolean }).writableEnded) out.end();
    await closed;
    // the length the requester gets: the text's, when it is stored compressed
    const size = gzip ? gzip.bytesWritten : (await fs.promises.stat(temp)).size;
    await fs.promises.rename(temp, path.join(dir, name));
    const finishedAt = clock();
    const saved = await em.nativeUpdate(ExportJob, mine, { status: 'done', progressDone: job.progressTotal, filePath: name, size, finishedAt, heartbeatAt: finishedAt, expiresAt: exportExpiry(finishedAt) });
    if (saved !== 1) {
      await fs.promises.rm(path.join(dir, name), { force: true });
      return 'failed';
    }
    return 'done';
  } catch (e) {
    gzip?.destroy();
    file.destroy();
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    if (!(e instanceof ExportCancelled)) {
      const reason = e instanceof Error ? e.message : String(e);
      await em.nativeUpdate(ExportJob, mine, { status: 'failed', finishedAt: clock(), error: `导出时出错：${reason}`.slice(0, 2000) });
    }
    return 'failed';
  }
}

/** Running jobs silent for too long were cut off (their process stopped): failed, so nobody waits on them. */
export function failStaleExportJobs(em: EntityManager, now: Date): Promise<number> {
  return em.nativeUpdate(
    ExportJob,
    { status: 'running', heartbeatAt: { $lt: exportStaleBefore(now) } },
    { status: 'failed', finishedAt: now, error: '导出中断：执行导出的服务进程已停止或重启，请重新导出' },
  );
}

/** How often an export cut off by a restart is started again before it is given up as failed. */
export const EXPORT_MAX_ATTEMPTS = 3;

/**
 * The embedded mode is one process: at its start, any export still `running` was cut off by the restart. It is queued
 * again (the user's download simply comes later), unless it has been tried EXPORT_MAX_ATTEMPTS times (an export that
 * brings the process down must not do so forever).
 */
export async function requeueInterruptedExports(em: EntityManager, now: Date): Promise<{ requeued: number; failed: number }> {
  const failed = await em.nativeUpdate(
    ExportJob,
    { status: 'running', attempts: { $gte: EXPORT_MAX_ATTEMPTS } },
    { status: 'failed', finishedAt: now, error: `导出中断：服务进程已重启 ${EXPORT_MAX_ATTEMPTS} 次仍未完成，请联系平台运维` },
  );
  const requeued = await em.nativeUpdate(ExportJob, { status: 'running' }, { status: 'queued', progressDone: 0, startedAt: null, heartbeatAt: null });
  return { requeued, failed };
}

/**
 * Housekeeping: finished files past their retention are deleted (the job is `expired`), rows past the history are
 * dropped, and files in the directory that no live job owns (left by a killed process) are removed.
 */
export async function expireExportJobs(em: EntityManager, now: Date): Promise<{ expired: number; pruned: number; orphans: number }> {
  const dir = exportDir();
  const due = await em.fork().find(ExportJob, { status: 'done', expiresAt: { $lte: now } }, { fields: ['id', 'filePath'] });
  for (const j of due) {
    if (j.filePath) await fs.promises.rm(path.join(dir, j.filePath), { force: true });
    await em.nativeUpdate(ExportJob, { id: j.id, status: 'done' }, { status: 'expired', filePath: null });
  }
  const pruned = await em.nativeDelete(ExportJob, { status: { $in: ['failed', 'expired'] }, createdAt: { $lt: exportHistoryCutoff(now) } });
  let orphans = 0;
  const files = await fs.promises.readdir(dir).catch(() => [] as string[]);
  if (files.length) {
    const live = await em.fork().find(ExportJob, { status: { $in: ['running', 'done'] } }, { fields: ['id', 'status', 'filePath'] });
    const kept = new Set(live.filter((j) => j.status === 'done').map((j) => j.filePath));
    const running = new Set(live.filter((j) => j.status === 'running').map((j) => String(j.id)));
    for (const f of files) {
      // a running job owns its files (the temporary one, and the finished one just before its row says done); a done
      // job owns its file; names of another shape are not ours to remove
      const id = /^\.?(\d+)-/.exec(f)?.[1];
      if (!id || running.has(id) || kept.has(f)) continue;
      await fs.promises.rm(path.join(dir, f), { force: true });
      orphans++;
    }
  }
  return { expired: due.length, pruned, orphans };
}

/**
 * One pass of the export runner: stale jobs failed, then every queued job of the installed kinds run in turn (a
 * job queued meanwhile is taken too), then the housekeeping. Idempotent: with nothing queued it only tidies.
 */
export async function runQueuedExports(em: EntityManager, log: (m: string) => void = () => undefined, clock: () => Date = realNow): Promise<{ exported: number; exportsFailed: number; staleFailed: number; expired: number; pruned: number; orphans: number }> {
  const staleFailed = await failStaleExportJobs(em, clock());
  let exported = 0;
  let exportsFailed = 0;
  const kinds = [...EXPORT_WRITERS.keys()];
  for (;;) {
    const job = await claimExportJob(em, kinds, clock());
    if (!job) break;
    const started = performance.now();
    const result = await runExportJob(em, job, EXPORT_WRITERS.get(job.kind) as ExportWriter, clock);
    log(`export ${job.id} (${job.kind} ${job.format}, ${job.progressTotal} units) ${result} in ${Math.round(performance.now() - started)} ms`);
    if (result === 'done') exported++;
    else exportsFailed++;
  }
  return { exported, exportsFailed, staleFailed, ...(await expireExportJobs(em, clock())) };
}
