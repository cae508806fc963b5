import type { JobDefinition } from '../jobs/registry';
import { runQueuedExports } from './export-jobs';

/** The job that works the export queue; a request that queues an export starts it at once (`JobRunner.kick`). */
export const EXPORT_JOBS_JOB = 'export-jobs';

/**
 * 导出任务 — runs the queued exports one after another and removes expired files. Requests start it as soon as they
 * queue an export; the schedule only picks up what a restart left queued, fails the exports a stopped process cut off
 * and does the housekeeping.
 */
export const exportJobsJob: JobDefinition = {
  name: EXPORT_JOBS_JOB,
  title: '导出任务：执行排队的导出，清理过期的导出文件',
  schedule: { every: 5 * 60_000 },
  async run({ em, log }) {
    const r = await runQueuedExports(em, log);
    return { scanned: r.exported + r.exportsFailed, ...r };
  },
};
