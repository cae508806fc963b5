import type { EntityManager } from '@mikro-orm/knex';
import { describeSchedule, NotFoundError, type JobDto, type JobRunDto, type JobsOverview, type Page } from '@govdata/domain';
import { JobRun, type IJobRun } from '../entities/job-run.entity';
import { ServiceRecordEntry } from '../entities/service-record-entry.entity';
import { sqlAll } from '../orm/raw';
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

/** The newest run of the job `m.name` (by start, then id), with an extra condition. */
const newestRun = (extra: string) => `(select r.id from job_runs r where r.name = m.name${extra} order by r.started_at desc, r.id desc limit 1)`;

/**
 * The jobs page: each registered job with its schedule, the runner's next run, and its last run from job_runs
 * (newest by start, then id), plus how many failures followed the last success. Read in two statements whatever the
 * number of jobs: per job its last run, its last success and the failures after it (each an index lookup on
 * `(name, started_at)`), then those runs. Three ORM queries a job took 9 ms, a third of the bureau's workbench
 * (docs/performance.md § A bound LIMIT planned on every run).
 */
export async function jobsOverview(em: EntityManager, runner: RunnerStatus): Promise<JobsOverview> {
  const names = JOBS.map((j) => j.name);
  const found = names.length
    ? await sqlAll<{ name: string; last_id: number | string | null; success_id: number | string | null; failures: number | string }>(
        em,
        'select n.name, n.last_id, n.success_id,' +
          " (select count(*) from job_runs f where f.name = n.name and f.status = 'failed' and f.id > coalesce(n.success_id, 0)) as failures" +
          ` from (select m.name, ${newestRun('')} as last_id, ${newestRun(" and r.status = 'succeeded'")} as success_id` +
          ` from (${names.map(() => 'select cast(? as varchar(60)) as name').join(' union all ')}) m) n`,
        names,
      )
    : [];
  const ids = found.flatMap((f) => [f.last_id, f.success_id]).filter((id) => id != null).map(Number);
  const runs = new Map((ids.length ? await em.find(JobRun, { id: { $in: [...new Set(ids)] } }) : []).map((r) => [r.id, r]));
  const byName = new Map(found.map((f) => [f.name, f]));
  const jobs: JobDto[] = JOBS.map((job) => {
    const f = byName.get(job.name);
    const last = f?.last_id == null ? undefined : runs.get(Number(f.last_id));
    const lastSuccess = f?.success_id == null ? undefined : runs.get(Number(f.success_id));
    const next = runner.nextRuns.find((n) => n.name === job.name);
    return {
      name: job.name,
      title: job.title,
      schedule: {
        every: 'every' in job.schedule ? job.schedule.every : null,
        pattern: 'pattern' in job.schedule ? job.schedule.pattern : null,
        timezone: 'Asia/Shanghai',
        workingDaysOnly: job.workingDaysOnly ?? false,
        text: describeSchedule(job.schedule, job.workingDaysOnly),
      },
      nextRunAt: next?.nextRunAt ?? null,
      scheduleMissing: next?.missing === true,
      lastRun: last ? jobRunDto(last) : null,
      lastSucceededAt: lastSuccess?.finishedAt?.toISOString() ?? null,
      failuresSinceSuccess: Number(f?.failures ?? 0),
    };
  });
  return { queue: runner.kind, queueReachable: runner.reachable, jobs, serviceRecordEntries: await em.count(ServiceRecordEntry, {}) };
}

/** A job's run history, newest first. */
export async function listJobRuns(em: EntityManager, name: string, query: { page: number; pageSize: number; status?: IJobRun['status'] }): Promise<Page<JobRunDto>> {
  if (!findJob(name)) throw new NotFoundError(`没有名为“${name}”的任务`, 'job.not_found');
  const [rows, total] = await em.findAndCount(JobRun, { name, ...(query.status ? { status: query.status } : {}) }, { orderBy: { startedAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: rows.map(jobRunDto), total, page: query.page, pageSize: query.pageSize };
}
