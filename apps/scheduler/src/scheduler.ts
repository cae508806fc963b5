import { Queue, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { executeJob, JOB_QUEUE, JOB_QUEUE_PREFIX, JOBS, markInterruptedAttempts, queueJobKey, type CalendarHolder, type Database, type JobDefinition, type JobOutcome } from '@govdata/core';
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
  /** how often the schedules are re-asserted (re-created when Redis lost them); default 60 s, 0 = never */
  healIntervalMs?: number;
  /** lock and stall detection; tests shorten them to rescue a killed worker's job quickly */
  workerOptions?: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;
}

export interface SchedulerHandle {
  queue: Queue;
  worker: Worker | null;
  /** re-creates the job schedulers missing from Redis; returns the names it re-created */
  healSchedules(): Promise<string[]>;
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
async function upsertOne(queue: Queue, job: JobDefinition): Promise<void> {
  const repeat = 'every' in job.schedule ? { every: job.schedule.every } : { pattern: job.schedule.pattern, tz: 'Asia/Shanghai' };
  await queue.upsertJobScheduler(job.name, repeat, { name: job.name, data: { trigger: 'schedule' } satisfies ScheduledJobData, opts: SCHEDULED_JOB_OPTIONS });
}

export async function upsertSchedulers(queue: Queue): Promise<void> {
  for (const job of JOBS) await upsertOne(queue, job);
  const known = new Set(JOBS.map((j) => j.name));
  for (const s of await queue.getJobSchedulers()) if (s.key && !known.has(s.key)) await queue.removeJobScheduler(s.key);
}

/**
 * Re-creates the job schedulers that are missing (Redis restarted without persistence, keys flushed or evicted):
 * without them no scheduled job would run again until a scheduler process restarted. The ones present are left
 * alone, so their next run is not moved. Idempotent between processes (upsert under the stable id).
 */
export async function healSchedulers(queue: Queue): Promise<string[]> {
  const present = new Set((await queue.getJobSchedulers()).map((s) => s.key));
  const missing = JOBS.filter((j) => !present.has(j.name));
  for (const job of missing) await upsertOne(queue, job);
  return missing.map((j) => j.name);
}

/**
 * The worker's processor: the same job functions the in-process runner uses, each in its own ORM context, with a
 * JobRun row per attempt. A scheduled run of a working-days-only job on a non-working day is skipped; a thrown error
 * makes BullMQ retry with backoff.
 */
export function processor(deps: Pick<SchedulerDeps, 'db' | 'clock' | 'calendar' | 'log'>) {
  return (job: Pick<Job<ScheduledJobData>, 'name' | 'data'> & Partial<Pick<Job, 'id' | 'attemptsStarted' | 'timestamp'>>): Promise<JobOutcome> =>
    executeJob(
      { db: deps.db, clock: deps.clock, calendar: deps.calendar, log: (m) => deps.log(`[${job.name}] ${m}`) },
      job.name,
      job.data?.trigger ?? 'schedule',
      'bullmq',
      // each start of the queue job is an attempt: a retry, or a stalled job re-run after its worker died
      job.id && job.timestamp ? { queueJobId: queueJobKey({ id: job.id, timestamp: job.timestamp }), attempt: Math.max(1, job.attemptsStarted ?? 1) } : undefined,
    );
}

export async function startScheduler(deps: SchedulerDeps): Promise<SchedulerHandle> {
  const connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (e) => deps.log(`redis: ${e.message}`));
  const opts = { connection: connection as ConnectionOptions, prefix: deps.prefix ?? JOB_QUEUE_PREFIX };
  const queue = new Queue(QUEUE_NAME, opts);
  queue.on('error', (e) => deps.log(`queue: ${e.message}`));
  if (deps.schedules !== false) await upsertSchedulers(queue);
  let healing: Promise<string[]> | null = null;
  const healSchedules = (): Promise<string[]> =>
    (healing ??= healSchedulers(queue)
      .then((names) => {
        if (names.length) deps.log(`re-created missing job schedulers: ${names.join(', ')}`);
        return names;
      })
      .catch((e: Error) => {
        deps.log(`re-asserting the job schedulers failed: ${e.message}`);
        return [];
      })
      .finally(() => (healing = null)));
  let healTimer: NodeJS.Timeout | null = null;
  if (deps.schedules !== false) {
    // Redis may lose its data (restart without AOF, FLUSHALL, eviction): re-assert the schedules after every
    // reconnect and periodically, so the jobs never silently stop
    let connectedOnce = connection.status === 'ready';
    connection.on('ready', () => {
      if (connectedOnce) void healSchedules();
      connectedOnce = true;
    });
    const every = deps.healIntervalMs ?? 60_000;
    if (every > 0) {
      healTimer = setInterval(() => void healSchedules(), every);
      healTimer.unref();
    }
  }
  if (deps.sweepAtStart !== false) {
    // several processes booting together queue one sweep between them (and the sweep is idempotent anyway)
    await queue.add('deadline-sweep', { trigger: 'schedule' } satisfies ScheduledJobData, { ...SCHEDULED_JOB_OPTIONS, deduplication: { id: 'startup-sweep', ttl: 60_000 } });
  }
  let worker: Worker | null = null;
  if (deps.work !== false) {
    worker = new Worker(QUEUE_NAME, processor(deps), { ...opts, concurrency: deps.concurrency ?? 2, ...(deps.workerName ? { name: deps.workerName } : {}), ...deps.workerOptions });
    worker.on('failed', (job, err) => deps.log(`job ${job?.name} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    worker.on('error', (e) => deps.log(`worker: ${e.message}`));
    // the stall checker found a job whose worker stopped renewing its lock (killed, or stuck): BullMQ runs it again;
    // the cut-off attempt's run is failed at once instead of showing `running` for hours
    worker.on('stalled', (jobId) => {
      void queue
        .getJob(jobId)
        .then((job) => (job ? markInterruptedAttempts(deps.db.fork(), queueJobKey(job), deps.clock.now(), '该次尝试未正常结束：worker 失去任务锁（进程被终止或卡住），任务已交给其他 worker 重新运行') : 0))
        .then((n) => n && deps.log(`job ${jobId}: ${n} interrupted attempt(s) marked failed`))
        .catch((e: Error) => deps.log(`marking the interrupted attempts of job ${jobId} failed: ${e.message}`));
    });
  }
  deps.log(`scheduler ready: ${deps.schedules !== false ? `${JOBS.length} job scheduler(s) upserted` : 'schedulers left alone'}, ${worker ? `worker (concurrency ${deps.concurrency ?? 2})` : 'no worker'} on queue ${QUEUE_NAME}`);
  return {
    queue,
    worker,
    healSchedules,
    async close() {
      if (healTimer) clearInterval(healTimer);
      await healing;
      // waits for the jobs in hand to finish (SIGTERM): nothing is cut off mid-batch by a normal shutdown
      await worker?.close();
      await queue.close();
      // BullMQ does not close a connection it was given
      await connection.quit();
    },
  };
}
