import { Queue, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { executeJob, JOB_QUEUE, JOB_QUEUE_PREFIX, JOBS, type CalendarHolder, type Database, type JobOutcome } from '@govdata/core';
import type { Clock } from '@govdata/domain';

/** One queue carries every scheduled job; the job's name selects the definition in the registry. */
export const QUEUE_NAME = JOB_QUEUE;

export interface SchedulerDeps {
  redisUrl: string;
  db: Database;
  clock: Clock;
  calendar: CalendarHolder;
  log: (message: string) => void;
  /** BullMQ key prefix; tests use their own */
  prefix?: string;
  /** how many jobs one worker runs at once */
  concurrency?: number;
  /** upsert the job schedulers at boot (default); false for a worker-only process */
  schedules?: boolean;
  /** run a worker (default); false for a process that only keeps the schedulers */
  work?: boolean;
  /** queue one deadline sweep at boot, so a restored or freshly seeded database is flagged at once (default) */
  sweepAtStart?: boolean;
  /** the worker's name in BullMQ (shown as `processedBy`) */
  workerName?: string;
  /** lock and stall detection; tests shorten them to rescue a killed worker's job quickly */
  workerOptions?: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;
}

export interface SchedulerHandle {
  queue: Queue;
  worker: Worker | null;
  close(): Promise<void>;
}

export interface ScheduledJobData {
  trigger?: 'schedule' | 'manual';
}

/** Retries with exponential backoff: a job that failed on a passing database hiccup runs again 5 s, 10 s, 20 s … later. */
export const SCHEDULED_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: 100, removeOnFail: 500 } as const;

/**
 * Creates or updates a job scheduler per registry entry under its stable id (the job's name), in Asia/Shanghai, and
 * removes schedulers no longer registered. Upserting is idempotent: restarting, or several scheduler processes
 * booting at once, leaves exactly one scheduler per job.
 */
export async function upsertSchedulers(queue: Queue): Promise<void> {
  for (const job of JOBS) {
    const repeat = 'every' in job.schedule ? { every: job.schedule.every } : { pattern: job.schedule.pattern, tz: 'Asia/Shanghai' };
    await queue.upsertJobScheduler(job.name, repeat, { name: job.name, data: { trigger: 'schedule' } satisfies ScheduledJobData, opts: SCHEDULED_JOB_OPTIONS });
  }
  const known = new Set(JOBS.map((j) => j.name));
  for (const s of await queue.getJobSchedulers()) if (s.key && !known.has(s.key)) await queue.removeJobScheduler(s.key);
}

/**
 * The worker's processor: the same job functions the in-process runner uses, each in its own ORM context, with a
 * JobRun row per attempt. A scheduled run of a working-days-only job on a non-working day is skipped; a thrown error
 * makes BullMQ retry with backoff.
 */
export function processor(deps: Pick<SchedulerDeps, 'db' | 'clock' | 'calendar' | 'log'>) {
  return (job: Pick<Job<ScheduledJobData>, 'name' | 'data'>): Promise<JobOutcome> =>
    executeJob({ db: deps.db, clock: deps.clock, calendar: deps.calendar, log: (m) => deps.log(`[${job.name}] ${m}`) }, job.name, job.data?.trigger ?? 'schedule', 'bullmq');
}

export async function startScheduler(deps: SchedulerDeps): Promise<SchedulerHandle> {
  const connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (e) => deps.log(`redis: ${e.message}`));
  const opts = { connection: connection as ConnectionOptions, prefix: deps.prefix ?? JOB_QUEUE_PREFIX };
  const queue = new Queue(QUEUE_NAME, opts);
  queue.on('error', (e) => deps.log(`queue: ${e.message}`));
  if (deps.schedules !== false) await upsertSchedulers(queue);
  if (deps.sweepAtStart !== false) {
    // several processes booting together queue one sweep between them (and the sweep is idempotent anyway)
    await queue.add('deadline-sweep', { trigger: 'schedule' } satisfies ScheduledJobData, { ...SCHEDULED_JOB_OPTIONS, deduplication: { id: 'startup-sweep', ttl: 60_000 } });
  }
  let worker: Worker | null = null;
  if (deps.work !== false) {
    worker = new Worker(QUEUE_NAME, processor(deps), { ...opts, concurrency: deps.concurrency ?? 2, ...(deps.workerName ? { name: deps.workerName } : {}), ...deps.workerOptions });
    worker.on('failed', (job, err) => deps.log(`job ${job?.name} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    worker.on('error', (e) => deps.log(`worker: ${e.message}`));
  }
  deps.log(`scheduler ready: ${deps.schedules !== false ? `${JOBS.length} job scheduler(s) upserted` : 'schedulers left alone'}, ${worker ? `worker (concurrency ${deps.concurrency ?? 2})` : 'no worker'} on queue ${QUEUE_NAME}`);
  return {
    queue,
    worker,
    async close() {
      // waits for the jobs in hand to finish (SIGTERM): nothing is cut off mid-batch by a normal shutdown
      await worker?.close();
      await queue.close();
      // BullMQ does not close a connection it was given
      await connection.quit();
    },
  };
}
