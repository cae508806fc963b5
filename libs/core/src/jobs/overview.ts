import type { EntityManager } from '@mikro-orm/knex';
import { describeSchedule, NotFoundError, type JobDto, type JobRunDto, type JobsOverview, type Page } from '@govdata/domain';
import { JobRun, type IJobRun } from '../entities/job-run.entity';
import { ServiceRecordEntry } from '../entities/service-record-entry.entity';
import { findJob, JOBS } from './registry';

export const jobRunDto = (r: IJobRun): JobRunDto => ({
  id: r.id,
  name: r.name,
  trigger: r.trigger,
  runner: r.runner,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  status: r.status,
  summary: r.summary ?? null,
  error: r.error ?? null,
  attempt: r.attempt ?? null,
});

/** Every attempt of one BullMQ job, in order: "run now" after a takeover reports the killed attempt and its retry. */
export async function jobAttempts(em: EntityManager, queueJobId: string): Promise<JobRunDto[]> {
  const rows = await em.find(JobRun, { queueJobId }, { orderBy: { id: 'asc' } });
  return rows.map(jobRunDto);
}

export interface RunnerStatus {
  kind: 'bullmq' | 'in-process';
  reachable: boolean;
  /** `missing`: the queue answered and holds no schedule for the job */
  nextRuns: { name: string; nextRunAt: string | null; missing?: boolean }[];
}

/**
 * The jobs page: each registered job with its schedule, the runner's next run, and its last run from job_runs
 * (newest by start, then id), plus how many failures followed the last success.
 */
export async function jobsOverview(em: EntityManager, runner: RunnerStatus): Promise<JobsOverview> {
  const jobs: JobDto[] = [];
  for (const job of JOBS) {
    const order = { orderBy: { startedAt: 'desc', id: 'desc' } } as const;
    const last = await em.findOne(JobRun, { name: job.name }, order);
    const lastSuccess = await em.findOne(JobRun, { name: job.name, status: 'succeeded' }, order);
    const failures = await em.count(JobRun, { name: job.name, status: 'failed', ...(lastSuccess ? { id: { $gt: lastSuccess.id } } : {}) });
    jobs.push({
      name: job.name,
      title: job.title,
      schedule: {
        every: 'every' in job.schedule ? job.schedule.every : null,
        pattern: 'pattern' in job.schedule ? job.schedule.pattern : null,
        timezone: 'Asia/Shanghai',
        workingDaysOnly: job.workingDaysOnly ?? false,
        text: describeSchedule(job.schedule, job.workingDaysOnly),
      },
      nextRunAt: runner.nextRuns.find((n) => n.name === job.name)?.nextRunAt ?? null,
      scheduleMissing: runner.nextRuns.find((n) => n.name === job.name)?.missing === true,
      lastRun: last ? jobRunDto(last) : null,
      lastSucceededAt: lastSuccess?.finishedAt?.toISOString() ?? null,
      failuresSinceSuccess: failures,
    });
  }
  return { queue: runner.kind, queueReachable: runner.reachable, jobs, serviceRecordEntries: await em.count(ServiceRecordEntry, {}) };
}

/** A job's run history, newest first. */
export async function listJobRuns(em: EntityManager, name: string, query: { page: number; pageSize: number; status?: IJobRun['status'] }): Promise<Page<JobRunDto>> {
  if (!findJob(name)) throw new NotFoundError(`没有名为“${name}”的任务`, 'job.not_found');
  const [rows, total] = await em.findAndCount(JobRun, { name, ...(query.status ? { status: query.status } : {}) }, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows.map(jobRunDto), total, page: query.page, pageSize: query.pageSize };
}
