import { z } from 'zod';
import { ConflictError, ForbiddenError, GoneError } from './errors';
import { isBureau, type Actor } from './roles';

/**
 * 导出任务 — long exports as jobs (issue 19, finding 1): the request queues a job and answers at once; the job writes
 * the file under the data directory, reporting its progress page by page; the requester (or the bureau) downloads the
 * file when it is done, for a week. The rules here decide who may see a job, when its file may be fetched, when it
 * expires and how its progress reads; the data layer (libs/core `exports`) runs them.
 */

export const EXPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export const EXPORT_JOB_STATUS_LABELS: Record<ExportJobStatus, string> = {
  queued: '排队中',
  running: '正在导出',
  done: '已完成',
  failed: '导出失败',
  expired: '已过期',
};

/** The kinds of export the platform runs as jobs. */
export const EXPORT_KINDS = ['catalog_release'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** How long a finished export's file is kept for download; a cleanup job removes it afterwards. */
export const EXPORT_RETENTION_DAYS = 7;
/** How long an export's rows (failed and expired ones included) stay in the history. */
export const EXPORT_HISTORY_DAYS = 90;
/**
 * A running export reports after every page (500 entries, well under a second); one silent this long was cut off (its
 * process stopped) and is marked failed, so nobody waits on it.
 */
export const EXPORT_STALE_MS = 3 * 60_000;

const DAY = 86_400_000;
export const exportExpiry = (finishedAt: Date): Date => new Date(finishedAt.getTime() + EXPORT_RETENTION_DAYS * DAY);
export const exportHistoryCutoff = (now: Date): Date => new Date(now.getTime() - EXPORT_HISTORY_DAYS * DAY);
export const exportStaleBefore = (now: Date): Date => new Date(now.getTime() - EXPORT_STALE_MS);

// ---- 第八条 city catalog release exports ---------------------------------------------------------------------------

export const RELEASE_EXPORT_FORMATS = ['xlsx', 'json'] as const;
export type ReleaseExportFormat = (typeof RELEASE_EXPORT_FORMATS)[number];

export const releaseExportInputSchema = z.strictObject({
  format: z.enum(RELEASE_EXPORT_FORMATS, { error: '导出格式应为 xlsx（目录编制指南格式）或 json' }),
});
export type ReleaseExportInput = z.infer<typeof releaseExportInputSchema>;

/** The parameters a release export job runs with (stored with the job). */
export const releaseExportParamsSchema = z.object({ releaseId: z.number().int().positive(), format: z.enum(RELEASE_EXPORT_FORMATS) });
export type ReleaseExportParams = z.infer<typeof releaseExportParamsSchema>;

/**
 * A release export's progress counts entries read: the JSON reads the release once; the workbook reads it twice (the
 * resources sheet, then the items sheet, as the zip takes one sheet after the other).
 */
export const releaseExportTotal = (format: ReleaseExportFormat, entryCount: number): number => (format === 'xlsx' ? 2 * entryCount : entryCount);

export const releaseExportFileName = (releaseNumber: number, format: ReleaseExportFormat): string => `朔州市政务数据资源目录-第${releaseNumber}版.${format}`;

// ---- jobs as the API shows them ------------------------------------------------------------------------------------

export const exportJobCreatedSchema = z.object({ jobId: z.number().int() });

export const exportJobSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EXPORT_KINDS),
  /** what is exported (catalog_release: the release's id) */
  subjectId: z.number().int(),
  format: z.string(),
  status: z.enum(EXPORT_JOB_STATUSES),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  fileName: z.string(),
  /** bytes, once done */
  size: z.number().int().nullable(),
  error: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** when a finished file is removed */
  expiresAt: z.string().nullable(),
});
export type ExportJobDto = z.infer<typeof exportJobSchema>;
export const exportJobListSchema = z.array(exportJobSchema);

export const exportJobQuerySchema = z.object({
  kind: z.enum(EXPORT_KINDS).optional(),
  subjectId: z.coerce.number().int().positive().optional(),
});

/** Progress as a whole percentage, 100 only when done. */
export function exportPercent(job: Pick<ExportJobDto, 'status' | 'progress'>): number {
  if (job.status === 'done') return 100;
  const { done, total } = job.progress;
  if (total <= 0) return 0;
  return Math.min(99, Math.floor((done / total) * 100));
}

/** An export job and its file belong to the person who asked for it; the bureau may see every one. */
export function assertMayReadExportJob(actor: Pick<Actor, 'userId' | 'roles'>, job: { requestedById: number | null }): void {
  if (job.requestedById === actor.userId || isBureau(actor)) return;
  throw new ForbiddenError('该导出任务由其他用户发起，只有发起人和平台管理员可以查看和下载', 'export.not_yours');
}

/** The file may be fetched when the job is done and not yet expired; otherwise the answer says why, in words. */
export function assertExportDownloadable(job: { status: ExportJobStatus; progressDone: number; progressTotal: number; error?: string | null }): void {
  switch (job.status) {
    case 'done':
      return;
    case 'queued':
      throw new ConflictError('导出任务正在排队，尚未开始，请完成后再下载', 'export.not_ready', { jobStatus: job.status, progress: { done: job.progressDone, total: job.progressTotal } });
    case 'running':
      throw new ConflictError(`正在导出（${job.progressDone}/${job.progressTotal}），完成后才能下载`, 'export.not_ready', { jobStatus: job.status, progress: { done: job.progressDone, total: job.progressTotal } });
    case 'failed':
      throw new ConflictError(`导出失败，没有可下载的文件：${job.error ?? '原因未知'}。请重新导出`, 'export.failed', { jobStatus: job.status });
    case 'expired':
      throw new GoneError(`导出文件已超过保留期（${EXPORT_RETENTION_DAYS} 天）被清理，请重新导出`, 'export.expired');
  }
}
