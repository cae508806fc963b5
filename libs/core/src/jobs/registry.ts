import type { EntityManager } from '@mikro-orm/knex';
import type { Clock } from '@govdata/domain';
import type { CalendarHolder } from '../calendar/calendar';
import { JobRun } from '../entities/job-run.entity';
import type { Database } from '../orm/open';

const noop = (): void => undefined;

/** What every job reports; the run endpoint and the jobs page show it. */
export interface JobSummary {
  scanned: number;
  newlyOverdue: number;
  violationsCreated: number;
  notificationsSent: number;
  [figure: string]: number;
}

export interface JobContext {
  em: EntityManager;
  now: Date;
  calendar: CalendarHolder;
  log: (message: string) => void;
}

/**
 * A scheduled job. The same definition runs under BullMQ (apps/scheduler, when REDIS_URL is set) and in-process on
 * timers inside the API (the embedded default). Jobs must be idempotent: a re-run finds nothing new to do.
 */
export interface JobDefinition {
  /** stable id, also the BullMQ job-scheduler id */
  name: string;
  title: string;
  /** every N milliseconds, or a cron pattern evaluated in Asia/Shanghai */
  schedule: { every: number } | { pattern: string };
  /** skip scheduled runs on non-working days (libs/workdays) */
  workingDaysOnly?: boolean;
  run(ctx: JobContext): Promise<Partial<JobSummary>>;
}

/** The BullMQ queue that carries every job (apps/scheduler works it; the API adds "run now" jobs to it). */
export const JOB_QUEUE = 'govdata-jobs';
/** The Redis key prefix of the queue; tests use their own so that they never meet production or each other. */
export const JOB_QUEUE_PREFIX = 'govdata';

/** The installed jobs (`installModules`). Both runners read it; nothing else schedules work. */
export const JOBS: JobDefinition[] = [];

/** Replaces the installed jobs; called by `installModules` with every area's jobs. */
export function installJobs(jobs: JobDefinition[]): void {
  JOBS.splice(0, JOBS.length, ...jobs);
}

export const findJob = (name: string): JobDefinition | undefined => JOBS.find((j) => j.name === name);

export interface JobDeps {
  db: Database;
  clock: Clock;
  calendar: CalendarHolder;
  log?: (message: string) => void;
}

export interface JobResult extends JobSummary {
  ms: number;
}

/**
 * The key of a BullMQ job in `job_runs.queue_job_id`: its id with its creation time. Ids alone restart at 1 when
 * Redis loses its data (or in another queue prefix), and must never join a new job's attempts to an old job's runs.
 */
export const queueJobKey = (job: { id?: string | null; timestamp: number }): string => `${job.id ?? '?'}@${job.timestamp}`;

/** Under BullMQ: which queue job a run belongs to (`queueJobKey`) and which start of it this is. */
export interface QueueAttempt {
  queueJobId: string;
  attempt: number;
}

/**
 * Marks the runs of a queue job still `running` as failed: their attempt was cut off (the worker was killed, or lost
 * the job's lock) and BullMQ has handed the job on. Called when the stall checker reports the job (`stalled`) and
 * when the next attempt starts — so the history never shows a dead attempt as running. Returns how many it marked.
 */
export async function markInterruptedAttempts(em: EntityManager, queueJobId: string, now: Date, reason: string): Promise<number> {
  return em.nativeUpdate(JobRun, { queueJobId, status: 'running' }, { status: 'failed', finishedAt: now, error: reason });
}

/**
 * Runs one job in its own EntityManager, recording a JobRun row. Returns the summary with its duration.
 * Failures are recorded and re-thrown (BullMQ retries them with backoff). Under BullMQ (`queued`), a new attempt of
 * a queue job first marks the earlier attempts still `running` as failed.
 */
export async function runJob(deps: JobDeps, job: JobDefinition, trigger: 'schedule' | 'manual', runner: 'bullmq' | 'in-process', queued?: QueueAttempt): Promise<JobResult> {
  const started = performance.now();
  const now = deps.clock.now();
  const bookkeeping = deps.db.fork();
  if (queued && queued.attempt > 1) {
    await markInterruptedAttempts(bookkeeping, queued.queueJobId, now, `该次尝试未正常结束（worker 进程被终止或失去任务锁），任务已由第 ${queued.attempt} 次尝试接手`);
  }
  const run = bookkeeping.create(JobRun, {
    name: job.name,
    trigger,
    runner,
    startedAt: now,
    finishedAt: null,
    status: 'running',
    summary: null,
    error: null,
    queueJobId: queued?.queueJobId ?? null,
    attempt: queued?.attempt ?? null,
  });
  await bookkeeping.flush();
  try {
    const partial = await job.run({ em: deps.db.fork(), now, calendar: deps.calendar, log: deps.log ?? noop });
    const summary: JobSummary = { scanned: 0, newlyOverdue: 0, violationsCreated: 0, notificationsSent: 0, ...partial };
    const ms = Math.round(performance.now() - started);
    Object.assign(run, { status: 'succeeded', finishedAt: deps.clock.now(), summary: { ...summary, ms } });
    await bookkeeping.flush();
    await housekeepRuns(bookkeeping, job.name, run.id, now);
    return { ...summary, ms };
  } catch (e) {
    Object.assign(run, { status: 'failed', finishedAt: deps.clock.now(), error: e instanceof Error ? (e.stack ?? e.message).slice(0, 4000) : String(e) });
    await bookkeeping.flush();
    throw e;
  }
}

/** How long a job's run history is kept (the 5-minute sweep alone writes ~300 rows a day). */
export const JOB_RUN_RETENTION_DAYS = 90;
/** A run still `running` after this long was cut off (process killed, worker lost); its retry wrote its own row. */
export const STALE_RUN_HOURS = 6;

/**
 * After a successful run of a job: its rows older than the retention are deleted, and its rows still `running` that
 * started long before are marked failed — so the jobs page's history neither grows forever nor shows ghosts.
 * Both statements use the (name, started_at) index.
 */
export async function housekeepRuns(em: EntityManager, name: string, currentRunId: number, now: Date): Promise<{ pruned: number; abandoned: number }> {
  const day = 24 * 3600 * 1000;
  const abandoned = await em.nativeUpdate(
    JobRun,
    { name, status: 'running', startedAt: { $lt: new Date(now.getTime() - STALE_RUN_HOURS * 3600 * 1000) }, id: { $ne: currentRunId } },
    { status: 'failed', finishedAt: now, error: `运行未正常结束（进程中断或被终止），超过 ${STALE_RUN_HOURS} 小时未完成，由之后的运行标记为失败` },
  );
  const pruned = await em.nativeDelete(JobRun, { name, startedAt: { $lt: new Date(now.getTime() - JOB_RUN_RETENTION_DAYS * day) }, status: { $ne: 'running' } });
  return { pruned, abandoned };
}
